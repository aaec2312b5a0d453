import { extractPlates } from '../../classifiers/entities/extract-plates';

const platesIn = (text: string) => extractPlates(text).map((entity) => entity.value);

describe('extractPlates', () => {
  it.each([
    ['une Clio AB-123-CD devant chez moi', 'AB-123-CD'],
    ['stationnée : AB 123 CD', 'AB-123-CD'],
    ['véhicule immatriculé ab123cd', 'AB-123-CD'],
    ['vieille voiture 1234 AB 33 abandonnée', '1234-AB-33'],
    ['camion immatriculé 56 ABC 2A', '56-ABC-2A'],
  ])('reads %p', (text, expected) => {
    expect(platesIn(text)).toEqual([expected]);
  });

  it.each([
    ['a glued plate without a vehicle word', 'référence AB123CD'],
    ['an old-style plate without a vehicle word', 'le lot 1234 AB 33'],
    ['letters I, O or U (never used on SIV plates)', 'voiture IO-123-UU'],
    ['the forbidden SS prefix', 'voiture SS-123-AB'],
    ['a permit number', 'PC 033 063 24 00012'],
    ['a cadastral reference', 'section AB 123'],
    ['lower-case letters near a word that only starts like a vehicle word', 'a referência AB 123 em Ambarès. Preciso de autorização?'],
  ])('ignores %s', (_, text) => {
    expect(platesIn(text)).toEqual([]);
  });
});
