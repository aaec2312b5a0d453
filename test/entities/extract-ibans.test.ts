import { extractIbans } from '../../classifiers/entities/extract-ibans';

const ibansIn = (text: string) => extractIbans(text).map((entity) => entity.value);

describe('extractIbans', () => {
  it.each([
    ['FR76 3000 6000 0112 3456 7890 189', 'FR7630006000011234567890189'],
    ['FR7630006000011234567890189', 'FR7630006000011234567890189'],
    ['fr76 3000 6000 0112 3456 7890 189', 'FR7630006000011234567890189'],
    ['FR14 2004 1010 0505 0001 3M02 606', 'FR1420041010050500013M02606'],
    ['DE89 3704 0044 0532 0130 00', 'DE89370400440532013000'],
    ['BE68 5390 0754 7034', 'BE68539007547034'],
  ])('validates and compacts %p', (text, expected) => {
    expect(ibansIn(`Mon IBAN : ${text} merci de rembourser`)).toEqual([expected]);
  });

  it('ends the span with the last group, not the next word', () => {
    const [iban] = extractIbans('IBAN FR76 3000 6000 0112 3456 7890 189 pour le remboursement');
    expect(iban.text).toBe('FR76 3000 6000 0112 3456 7890 189');
  });

  it.each([
    ['a wrong check digit', 'FR77 3000 6000 0112 3456 7890 189'],
    ['a mistyped digit', 'FR76 3000 6000 0112 3456 7890 188'],
    ['a wrong length for the country', 'FR76 3000 6000 0112 3456 7890 18'],
    ['a postcode and reference', 'AB12 3456 7890'],
  ])('rejects %s', (_, text) => {
    expect(ibansIn(text)).toEqual([]);
  });
});
