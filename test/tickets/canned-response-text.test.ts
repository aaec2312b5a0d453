import { cannedResponseProblems, fillCannedResponse } from '../../server/replies/canned-response-text';

const values = {
  nom: 'Claire Martin',
  reference: 'AIG-2026-000042',
  objet: 'Acte',
  file: 'État civil',
  delai: 'sous 8 jours',
  agent: 'Marie Dupont',
};

describe('canned responses and their variables', () => {
  test.each([
    [
      'Bonjour {{nom}}, votre dossier {{reference}} est traité par {{agent}}.',
      'Bonjour Claire Martin, votre dossier AIG-2026-000042 est traité par Marie Dupont.',
    ],
    ['{{ nom }} — {{file}}, {{delai}}', 'Claire Martin — État civil, sous 8 jours'],
    ['Sans variable.', 'Sans variable.'],
  ])('fills %s', (body, expected) => {
    expect(cannedResponseProblems(body)).toEqual([]);
    expect(fillCannedResponse(body, values)).toBe(expected);
  });

  test.each([
    [
      'Bonjour {{prenom}}',
      ['Variable inconnue : {{prenom}}. Variables possibles : {{nom}}, {{reference}}, {{objet}}, {{file}}, {{delai}}, {{agent}}.'],
    ],
    ['Bonjour {{nom}', ['Accolades non fermées : écrivez les variables sous la forme {{nom}}.']],
    [
      '{{x}} et {{x}}',
      ['Variable inconnue : {{x}}. Variables possibles : {{nom}}, {{reference}}, {{objet}}, {{file}}, {{delai}}, {{agent}}.'],
    ],
  ])('refuses %s in French', (body, problems) => {
    expect(cannedResponseProblems(body)).toEqual(problems);
  });
});
