import { extractPermitRefs } from '../../classifiers/entities/extract-permit-refs';

const permitsIn = (text: string) => extractPermitRefs(text).map((entity) => entity.value);

describe('extractPermitRefs', () => {
  it.each([
    ['PC 033 063 24 00012', 'PC 033063 24 00012'],
    ['PC0330632400012', 'PC 033063 24 00012'],
    ['PC 033063 24 00012', 'PC 033063 24 00012'],
    ['DP 033.063.25.00104', 'DP 033063 25 00104'],
    ['dp n° 033 063 25 00104', 'DP 033063 25 00104'],
    ['CUb 033 063 24 X0012', 'CU 033063 24 X0012'],
    ['PA 02A 004 23 00001', 'PA 02A004 23 00001'],
    ['PD-033-063-24-00003', 'PD 033063 24 00003'],
  ])('normalises %p', (text, expected) => {
    expect(permitsIn(`mon dossier ${text} est en cours`)).toEqual([expected]);
  });

  it.each([
    ['a kind that is not a permit', 'PV 033 063 24 00012'],
    ['a number too short', 'PC 033 063 24 0012'],
    ['a number too long', 'PC 033 063 24 000123'],
    ['a bare computer', 'mon PC 2024'],
  ])('ignores %s', (_, text) => {
    expect(permitsIn(text)).toEqual([]);
  });
});
