import { fillPlaceholders, placeholdersOf } from '../mail/templates/render-mail-template';

/** What a canned response may say about the ticket it is inserted into, filled in when the agent inserts it. */
export const cannedResponseVariables = {
  nom: 'Nom du demandeur, ou « Madame, Monsieur »',
  reference: 'Référence du dossier',
  objet: 'Objet de la demande',
  file: 'Service (file) qui traite la demande',
  delai: 'Délai de réponse prévu',
  agent: 'Nom de l’agent qui répond',
} as const;
export type CannedResponseValues = Record<keyof typeof cannedResponseVariables, string>;

/** What is wrong with a canned response's text, in French; empty when it may be saved. */
export function cannedResponseProblems(body: string): string[] {
  const { names, strayBraces } = placeholdersOf(body);
  const known = Object.keys(cannedResponseVariables);
  const problems = [...new Set(names)]
    .filter((name) => !known.includes(name))
    .map((name) => `Variable inconnue : {{${name}}}. Variables possibles : ${known.map((variable) => `{{${variable}}}`).join(', ')}.`);
  if (strayBraces) problems.push('Accolades non fermées : écrivez les variables sous la forme {{nom}}.');
  return problems;
}

export function fillCannedResponse(body: string, values: CannedResponseValues): string {
  return fillPlaceholders(body, values);
}
