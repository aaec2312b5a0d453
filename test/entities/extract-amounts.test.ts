import { extractAmounts } from '../../classifiers/entities/extract-amounts';

const amountsIn = (text: string) => extractAmounts(text).map((entity) => entity.value);

describe('extractAmounts', () => {
  it.each([
    ['150 €', '150.00'],
    ['150€', '150.00'],
    ['1 200,50 euros', '1200.50'],
    ['1 200,50 euros', '1200.50'],
    ['1.200 €', '1200.00'],
    ['12,5 €', '12.50'],
    ['12.50 EUR', '12.50'],
    ['€45', '45.00'],
    ['€ 1 500', '1500.00'],
    ['1 euro', '1.00'],
  ])('values %p', (text, expected) => {
    expect(amountsIn(`la facture de ${text} reste due`)).toEqual([expected]);
  });

  it.each([
    ['a number without currency', 'il y a 150 places'],
    ['a year', 'en 2024'],
    ['a percentage', '20 % de remise'],
    ['the word Europe', '150 Europe'],
  ])('ignores %s', (_, text) => {
    expect(amountsIn(text)).toEqual([]);
  });
});
