import type { MailTemplateDefinition, MailTemplateVariable } from './default-mail-templates';

const placeholder = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

export type MailTemplateValues = Partial<Record<MailTemplateVariable, string>>;

/** Fills the placeholders; an empty optional block leaves no run of blank lines behind. */
export function renderMailTemplate(template: { subject: string; body: string }, values: MailTemplateValues) {
  const fill = (text: string) => text.replace(placeholder, (_match, name: string) => values[name as MailTemplateVariable] ?? '');
  return {
    subject: fill(template.subject).replace(/\s+/g, ' ').trim(),
    text: fill(template.body).replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim(),
  };
}

/** What is wrong with a supervisor's version of a template, in French; empty when it may be saved. */
export function mailTemplateProblems(definition: MailTemplateDefinition, template: { subject: string; body: string }): string[] {
  const problems: string[] = [];
  for (const [field, text] of [['objet', template.subject], ['texte', template.body]] as const) {
    for (const match of text.matchAll(placeholder)) {
      if (!definition.variables.includes(match[1] as MailTemplateVariable)) {
        problems.push(`Variable inconnue dans le ${field} : {{${match[1]}}}. Variables possibles : ${definition.variables.map((name) => `{{${name}}}`).join(', ')}.`);
      }
    }
    const stray = text.replace(placeholder, '');
    if (/\{\{|\}\}/.test(stray)) problems.push(`Accolades non fermées dans le ${field} : écrivez les variables sous la forme {{nom}}.`);
  }
  if (definition.variables.includes('message') && !/\{\{\s*message\s*\}\}/.test(template.body)) {
    problems.push("Le texte doit contenir {{message}} : c'est là que figure la réponse de l'agent.");
  }
  return problems;
}
