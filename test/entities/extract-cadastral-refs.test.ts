import { extractCadastralRefs } from '../../classifiers/entities/extract-cadastral-refs';

const refsIn = (text: string) => extractCadastralRefs(text).map((entity) => entity.value);

describe('extractCadastralRefs', () => {
  it.each([
    ['terrain section AB n° 123', ['AB 123']],
    ['la parcelle ZC 45', ['ZC 45']],
    ['cadastrée AB 123', ['AB 123']],
    ['cadastrée section B numéro 0456', ['B 456']],
    ['section AB parcelle 123', ['AB 123']],
    ['référence cadastrale : ZK 12', ['ZK 12']],
    ['parcelles AB 12 et AB 13', ['AB 12', 'AB 13']],
    ['parcelles AB 12, AB 13 et ZC 7', ['AB 12', 'AB 13', 'ZC 7']],
    ['section AL n° 45, 46 et 47, merci', ['AL 45', 'AL 46', 'AL 47']],
    ['la parcelle n° 145 section ZA', ['ZA 145']],
    ['section AB n° 12 et 3 autres parcelles', ['AB 12']],
  ])('reads %p', (text, expected) => {
    expect(refsIn(text)).toEqual(expected);
  });

  it('points at the reference, not at its introducing word', () => {
    const [ref] = extractCadastralRefs('la parcelle ZC 45 est constructible');
    expect(ref).toMatchObject({ text: 'ZC 45', start: 12, end: 17 });
  });

  it.each([
    ['letters and a number without a cadastral word', 'le bus AB 123'],
    ['a lower-case word after parcelle', 'une parcelle de 500 m2'],
    ['a school section', 'en grande section MS 2'],
    ['a parcel area', 'parcelle 1200 m2'],
  ])('ignores %s', (_, text) => {
    expect(refsIn(text)).toEqual([]);
  });
});
