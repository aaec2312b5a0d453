import { extractPhones } from '../../classifiers/entities/extract-phones';

const phonesIn = (text: string) => extractPhones(text).map((entity) => entity.value);

describe('extractPhones', () => {
  it.each([
    ['06 12 34 56 78', '0612345678'],
    ['06.12.34.56.78', '0612345678'],
    ['06-12-34-56-78', '0612345678'],
    ['0612345678', '0612345678'],
    ['05 56 00 00 00', '0556000000'],
    ['+33 6 12 34 56 78', '0612345678'],
    ['+33612345678', '0612345678'],
    ['+33 (0)6 12 34 56 78', '0612345678'],
    ['0033 6 12 34 56 78', '0612345678'],
    ['+262 692 12 34 56', '0692123456'],
    ['0 800 33 12 12', '0800331212'],
    ['+44 7700 900 431', '+447700900431'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+44 (0)20 7946 0958', '+442079460958'],
    ['+353 87 123 4567', '+353871234567'],
    ['+1 (415) 555-0198', '+14155550198'],
    ['+34 612 345 678', '+34612345678'],
    ['0034 699 12 34 56', '+34699123456'],
    ['+351 912 345 678', '+351912345678'],
    ['(+55) 11 98765-4321', '+5511987654321'],
    ['+49.30.1234567', '+49301234567'],
  ])('normalises %p', (text, expected) => {
    expect(phonesIn(`Tél : ${text}, merci`)).toEqual([expected]);
  });

  it('reports the span as written', () => {
    const [phone] = extractPhones('appelez le 06 12 34 56 78 svp');
    expect(phone).toMatchObject({ text: '06 12 34 56 78', start: 11, end: 25 });
  });

  it.each([
    ['a SIRET', 'SIRET 123 456 789 01234'],
    ['a number of eleven digits', '06123456789'],
    ['digits inside a longer run', '1 85 05 78 006 084 91'],
    ['a number starting with 00 alone', '00 12 34 56 78'],
    ['an IBAN', 'FR76 3000 6000 0112 3456 7890 189'],
    ['a number glued to letters', 'ref0612345678'],
    ['an overseas code with a metropolitan number', '+262 612 34 56 78'],
    ['a French number with a digit missing', '+33 6 12 34 56 7'],
    ['a signed amount', 'un budget de +15 000 000 € cette année'],
    ['a percentage', 'une hausse de +12 345 678 %'],
    ['a short signed number', '+12 345 habitants'],
    ['00 glued to a reference', 'dossier 0034699123456'],
    ['the digit groups of a mistyped IBAN', 'IBAN FR76 1007 1330 0000 0020 0012 345 ?'],
  ])('ignores %s', (_, text) => {
    expect(phonesIn(text)).toEqual([]);
  });
});
