import type { UserDocument } from '../../models/accounts/user-model';
import { recordAuditEvent } from '../../models/audit/audit-event-repository';
import {
  deleteCommuneFacts,
  findCommuneFactsLevels,
  saveCommuneFacts,
  type CommuneFacts,
  type StoredCommuneFacts,
} from '../../models/commune-facts/commune-facts-repository';
import { settingForCommune, type SettingLevel } from '../../routing-rules/communes/setting-levels';
import { ApplicationError } from '../application-error';

const noFacts: StoredCommuneFacts = {
  commune: '',
  horaires: '',
  fermetures: '',
  adresse: '',
  telephone: '',
  courriel: '',
  siteWeb: '',
  updatedAt: null,
};

/**
 * The facts that apply to `commune` (null: the service's) and their level. A commune's facts replace the service's
 * as a whole, never field by field: an answer quoting the EPCI's opening hours beside the commune's address would
 * tell the citizen the wrong hours for the counter they go to; a fact the commune left empty is never made up.
 */
export async function communeFactsFor(commune: string | null): Promise<StoredCommuneFacts & { level: SettingLevel }> {
  const { value, level } = settingForCommune(await findCommuneFactsLevels(commune), commune, noFacts);
  return { ...value, level };
}

type Actor = Pick<UserDocument, '_id' | 'role'>;

/** The settings page's save at one level: the facts as typed, and an audit entry naming the facts that changed. */
export async function updateCommuneFacts(actor: Actor, commune: string | null, facts: CommuneFacts) {
  const changed = await saveCommuneFacts(commune, facts, actor._id);
  if (changed.length > 0) await audit(actor, 'commune-facts.updated', commune, { changed });
  return communeFactsFor(commune);
}

/** A commune goes back to the service's facts. */
export async function removeCommuneFacts(actor: Actor, commune: string | null) {
  if (commune === null) throw new ApplicationError('conflict', 'Les informations du service ne se suppriment pas : modifiez-les.');
  if (!(await deleteCommuneFacts(commune)))
    throw new ApplicationError('not-found', `La commune ${commune} n'a pas d'informations propres : elle reprend déjà celles du service.`);
  await audit(actor, 'commune-facts.removed', commune, {});
  return communeFactsFor(commune);
}

async function audit(actor: Actor, action: string, commune: string | null, details: Record<string, unknown>) {
  await recordAuditEvent({
    actor,
    action,
    objectType: 'CommuneFacts',
    objectId: commune ?? 'service',
    ...(commune ? { commune } : {}),
    details,
  });
}
