import { listStoredMailTemplates, type StoredMailTemplate } from '../../../models/mail/mail-template-repository';
import { settingForCommune, type SettingLevel } from '../../../routing-rules/communes/setting-levels';
import { defaultMailTemplate, defaultMailTemplates, type MailTemplateDefinition } from './default-mail-templates';

export interface EffectiveMailTemplate extends MailTemplateDefinition {
  /** Where the version in force comes from: the commune's own, the service's, or the shipped one. */
  level: SettingLevel;
  customised: boolean;
  updatedAt: Date | null;
}

/**
 * The template a mail for `commune` (null: the service's level) is written with: the commune's own version, else
 * the service's, else the shipped one. An id no template has (a routing rule naming a template that does not
 * exist) falls back to `fallbackId`.
 */
export async function effectiveMailTemplate(id: string, commune: string | null, fallbackId = id): Promise<EffectiveMailTemplate> {
  const definition = defaultMailTemplate(id) ?? defaultMailTemplate(fallbackId);
  if (!definition) throw new Error(`no mail template "${id}" nor "${fallbackId}"`);
  return inForce(definition, await listStoredMailTemplates(commune, definition.id), commune);
}

export async function listEffectiveMailTemplates(commune: string | null): Promise<EffectiveMailTemplate[]> {
  const stored = await listStoredMailTemplates(commune);
  return defaultMailTemplates.map((definition) =>
    inForce(
      definition,
      stored.filter((template) => template.id === definition.id),
      commune,
    ),
  );
}

function inForce(definition: MailTemplateDefinition, versions: StoredMailTemplate[], commune: string | null): EffectiveMailTemplate {
  const { value, level } = settingForCommune<StoredMailTemplate | null>(
    versions.map((version) => ({ commune: version.commune, value: version })),
    commune,
    null,
  );
  return value
    ? { ...definition, subject: value.subject, body: value.body, level, customised: true, updatedAt: value.updatedAt }
    : { ...definition, level, customised: false, updatedAt: null };
}
