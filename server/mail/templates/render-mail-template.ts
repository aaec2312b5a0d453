import type { MailTemplateDefinition, MailTemplateVariable } from './default-mail-templates';

const placeholder = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

export type MailTemplateValues = Partial<Record<MailTemplateVariable, string>>;

/** Replaces each `{{name}}` with its value; a name without a value leaves nothing. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string | undefined>>): string {
  return text.replace(placeholder, (_match, name: string) => values[name] ?? '');
}

/** The `{{name}}` placeholders a text uses, and whether it has braces that are not a placeholder. */
export function placeholdersOf(text: string): { names: string[]; strayBraces: boolean } {
  return { names: [...text.matchAll(placeholder)].map((match) => match[1]), strayBraces: /\{\{|\}\}/.test(text.replace(placeholder, '')) };
}

/** Fills the placeholders; an empty optional block leaves no run of blank lines behind. */
export function renderMailTemplate(template: { subject: string; body: string }, values: MailTemplateValues) {
  const fill = (text: string) => fillPlaceholders(text, values);
  return {
    subject: fill(template.subject).replace(/\s+/g, ' ').trim(),
    text: fill(template.body)
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
  };
}

/** What is wrong with a supervisor's version of a template, in French; empty when it may be saved. */
export function mailTemplateProblems(definition: MailTemplateDefinition, template: { subject: string; body: string }): string[] {
  const problems: string[] = [];
  for (const [field, text] of [
    ['objet', template.subject],
    ['texte', template.body],
  ] as const) {
    const { names, strayBraces } = placeholdersOf(text);
    for (const name of names) {
      if (!definition.variables.includes(name as MailTemplateVariable)) {
        problems.push(
          `Variable inconnue dans le ${field} : {{${name}}}. Variables possibles : ${definition.variables.map((variable) => `{{${variable}}}`).join(', ')}.`,
        );
      }
    }
    if (strayBraces) problems.push(`Accolades non fermées dans le ${field} : écrivez les variables sous la forme {{nom}}.`);
  }
  if (definition.variables.includes('message') && !/\{\{\s*message\s*\}\}/.test(template.body)) {
    problems.push("Le texte doit contenir {{message}} : c'est là que figure la réponse de l'agent.");
  }
  return problems;
}
