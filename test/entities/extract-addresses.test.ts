import { extractAddresses } from '../../classifiers/entities/extract-addresses';

const addressesIn = (text: string) => extractAddresses(text).map((entity) => entity.value);

describe('extractAddresses', () => {
  it.each([
    ["j'habite au 12 rue des Lilas, 33000 Bordeaux depuis mars", '12 rue des Lilas, 33000 Bordeaux'],
    ['12 Rue des Lilas 33000 BORDEAUX', '12 rue des Lilas, 33000 BORDEAUX'],
    ['Marie Durand\n12 bis avenue du Général de Gaulle\n33700 Mérignac\n', '12 bis avenue du Général de Gaulle, 33700 Mérignac'],
    ['au 3, bd Victor Hugo.', '3 boulevard Victor Hugo'],
    ['devant le 9 av. Jean Mermoz, merci', '9 avenue Jean Mermoz'],
    ['au 8 place du 8 Mai 1945 à côté', '8 place du 8 Mai 1945'],
    ['5 rue de la gare 33110 le bouscat', '5 rue de la gare, 33110 le bouscat'],
    ['14 allée des Pins, 33160 Saint-Médard-en-Jalles', '14 allée des Pins, 33160 Saint-Médard-en-Jalles'],
    ['lampadaire éteint rue Victor Hugo depuis', 'rue Victor Hugo'],
    ['7 impasse Les Mimosas 47300 Villeneuve sur Lot', '7 impasse Les Mimosas, 47300 Villeneuve sur Lot'],
    ['les parcelles AB 12 et AB 13 rue des Vignes', 'rue des Vignes'],
    ['section ZC numéro 45, lieu-dit Le Grand Pré, 2 400 m²', 'lieu-dit Le Grand Pré'],
  ])('reads %p', (text, expected) => {
    expect(addressesIn(text)).toEqual([expected]);
  });

  it.each([
    ['a common noun after place', 'il reste 2 places de parking'],
    ['a lower-case street without postcode', "l'allée du cimetière est sale"],
    ['a bare postcode and town', 'je vis à 33000 Bordeaux'],
    ['a five-digit number', 'dossier 33000'],
    ['a sentence after the street type', 'dans ma rue Il y a du bruit'],
    ['a sentence after a full stop', "dans l'impasse. Faut-il une autorisation ?"],
  ])('ignores %s', (_, text) => {
    expect(addressesIn(text)).toEqual([]);
  });
});
