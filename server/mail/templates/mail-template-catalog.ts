import { findStoredMailTemplate, listStoredMailTemplates } from '../../../models/mail/mail-template-repository';
import { defaultMailTemplate, defaultMailTemplates, type MailTemplateDefinition } from './default-mail-templates';

export interface EffectiveMailTemplate extends MailTemplateDefinition {
  customised: boolean;
  updatedAt: Date | null;
}

/**
 * The template a mail is written with: the supervisors' version where there is one, the shipped one otherwise.
 * An id no template has (a routing rule naming a template that does not exist) falls back to `fallbackId`.
 */
export async function effectiveMailTemplate(id: string, fallbackId = id): Promise<EffectiveMailTemplate> {
  const definition = defaultMailTemplate(id) ?? defaultMailTemplate(fallbackId);
  if (!definition) throw new Error(`no mail template "${id}" nor "${fallbackId}"`);
  const stored = await findStoredMailTemplate(definition.id);
  return stored
    ? { ...definition, subject: stored.subject, body: stored.body, customised: true, updatedAt: stored.updatedAt }
    : { ...definition, customised: false, updatedAt: null };
}

export async function listEffectiveMailTemplates(): Promise<EffectiveMailTemplate[]> {
  const stored = new Map((await listStoredMailTemplates()).map((template) => [template.id, template]));
  return defaultMailTemplates.map((definition) => {
    const custom = stored.get(definition.id);
    return custom
      ? { ...definition, subject: custom.subject, body: custom.body, customised: true, updatedAt: custom.updatedAt }
      : { ...definition, customised: false, updatedAt: null };
  });
}
