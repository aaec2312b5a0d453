import { extractNirs } from '../../classifiers/entities/extract-nirs';

const nirsIn = (text: string) => extractNirs(text).map((entity) => entity.value);

// Keys computed independently of the code under test (97 - body mod 97, 2A → 19, 2B → 18).
describe('extractNirs', () => {
  it.each([
    ['1 85 05 78 006 084 91', '185057800608491'],
    ['185057800608491', '185057800608491'],
    ['2 93 02 75 123 456 68', '293027512345668'],
    ['1 85 05 2A 006 084 35', '185052A00608435'],
    ['2 79 03 2B 012 345 27', '279032B01234527'],
  ])('validates %p', (text, expected) => {
    expect(nirsIn(`numéro de sécu ${text}.`)).toEqual([expected]);
  });

  it.each([
    ['a wrong key', '1 85 05 78 006 084 92'],
    ['a Corsican number with the mainland key', '1 85 05 2A 006 084 91'],
    ['an impossible sex digit', '5 85 05 78 006 084 91'],
    ['a longer digit run', '1850578006084910'],
  ])('rejects %s', (_, text) => {
    expect(nirsIn(text)).toEqual([]);
  });
});
