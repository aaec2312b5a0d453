import { maskPersonalData } from '../../classifiers/masking/mask-personal-data';

/**
 * Identifying numbers as citizens write them: valid or not (wrong key, no key, failing Luhn), spaced, dotted, glued
 * to their label. Each must leave as a placeholder of its kind, never in clear.
 */
const corpus: Array<[string, string, string]> = [
  // Social security numbers: valid, wrong key, no key, odd separators, Corsica.
  ['nir valide', 'Mon numéro de sécu : 1 85 05 78 006 084 91.', 'NIR'],
  ['nir mauvaise clé', 'Numéro de sécurité sociale 1 85 05 78 006 084 12, merci.', 'NIR'],
  ['nir sans clé', 'mon NIR est 2850578006084 je crois', 'NIR'],
  ['nir pointé', 'Sécu: 2.91.12.75.115.423.55', 'NIR'],
  ['nir tirets', 'immatriculation 1-93-04-2A-012-345-67', 'NIR'],
  ['nir collé', 'carte vitale n°185057800608412', 'NIR'],
  // Passports: French format, spaced, introduced.
  ['passeport', 'Mon passeport 15CV28394 expire en mai.', 'PASSEPORT'],
  ['passeport espacé', 'passeport n° 15 CV 28394', 'PASSEPORT'],
  ['passeport sans mot', 'Référence du document : 09AB12345.', 'PASSEPORT'],
  // Identity cards: new format (9 characters), old (12 digits), introduced or not.
  ['cni nouvelle', "Ma carte d'identité n° X4RTBPFW4 a été volée.", 'CARTE_IDENTITE'],
  ['cni ancienne', 'CNI : 880692310285', 'CARTE_IDENTITE'],
  ['cni ancienne sans mot', 'le numéro 0601 7512 3456 figure au dos', 'CARTE_IDENTITE'],
  ['pièce identité', "pièce d'identité numéro 1234AB56789", 'CARTE_IDENTITE'],
  // Bank cards: Luhn-valid, Luhn-invalid, spaced, hyphenated, 15-digit Amex.
  ['carte valide', 'Carte bancaire 4970 1012 3456 7897 débitée deux fois.', 'CARTE_BANCAIRE'],
  ['carte invalide', 'Carte 4970 1012 3456 7890, expiration 12/27.', 'CARTE_BANCAIRE'],
  ['carte tirets', 'CB 5132-8400-1122-3344', 'CARTE_BANCAIRE'],
  ['carte collée', 'j’ai payé avec la 4970101234567890 hier', 'CARTE_BANCAIRE'],
  ['amex', 'American Express 3714 496353 98431', 'CARTE_BANCAIRE'],
  // CAF allocataire numbers.
  ['caf', 'Mon numéro allocataire CAF est 1234567.', 'ALLOCATAIRE_CAF'],
  ['caf lettre', 'N° allocataire : 9876543 B', 'ALLOCATAIRE_CAF'],
  ['caf msa', 'dossier MSA 00412345', 'ALLOCATAIRE_CAF'],
  // Tax numbers (numéro fiscal, 13 digits starting 0 to 3) and tax notice references.
  ['fiscal', 'Numéro fiscal : 1 23 456 789 012 3', 'NUMERO_FISCAL'],
  ['fiscal collé', 'mon numéro fiscal 3012345678901 figure sur l’avis', 'NUMERO_FISCAL'],
  ['fiscal sans mot', 'identifiant 0212345678901', 'NUMERO_FISCAL'],
  ['avis', "Référence de l'avis : 23 75 A12 345 678", 'NUMERO_FISCAL'],
  // IBAN with a wrong check.
  ['iban faux', 'IBAN FR76 3000 6000 0112 3456 7890 180', 'IBAN'],
];

const digitsOf = (text: string) => text.replace(/[^0-9]/g, '');

describe('identifying numbers are masked whether or not their checksum holds', () => {
  test.each(corpus)('%s', (_label, text, kind) => {
    const { masked, restore } = maskPersonalData(text);
    expect(masked).toContain(`[${kind}_1]`);
    // No run of five digits or more of the original survives.
    for (const run of text.match(/\d[\d .-]{4,}\d/g) ?? []) {
      if (digitsOf(run).length >= 5) expect(digitsOf(masked)).not.toContain(digitsOf(run));
    }
    expect(restore(masked)).toBe(text);
  });

  test('the same number written two ways gets one placeholder', () => {
    expect(maskPersonalData('Carte 4970 1012 3456 7890, je répète 4970101234567890.').masked).toBe(
      'Carte [CARTE_BANCAIRE_1], je répète [CARTE_BANCAIRE_1].',
    );
  });

  test('leaves ordinary numbers and words alone', () => {
    const text =
      'Le passeport valable 10 ans coûte 86 euros ; rendez-vous le 12/03/2026 à 14 h, 3 rue des Lilas au 2e étage, dossier PC 075 056 24 A0012.';
    const { masked } = maskPersonalData(text);
    for (const kept of ['valable 10 ans', '86 euros', '12/03/2026', '14 h', 'PC 075 056 24 A0012']) expect(masked).toContain(kept);
  });
});
