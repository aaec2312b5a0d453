import { recordAuditEvent } from '../../models/audit/audit-event-repository';
import type { ChecklistSetVersionDocument } from '../../models/checklists/checklist-set-version-model';
import {
  createChecklistSetVersion,
  findChecklistSetVersion,
  findPublishedChecklistSetVersion,
  publishedChecklistSetVersionNumbers,
} from '../../models/checklists/checklist-set-version-repository';
import type { ChecklistSet } from '../../routing-rules/checklists/checklist-schema';
import { compileChecklistSet, type CompiledChecklistSet } from '../../routing-rules/checklists/compile-checklist-set';
import { settingForCommune, type SettingLevel } from '../../routing-rules/communes/setting-levels';
import type { Logger } from '../logger';

export interface VersionedChecklistSet {
  version: number;
  compiled: CompiledChecklistSet;
}

/**
 * The published checklists and answers of each level, compiled once per version: a commune's own set if it has
 * one, else the service's. Each use asks the database which versions are published (one indexed read), so that a
 * publication made by another instance of the service counts at once. One compiled set is kept per level (the
 * service's and each commune's own), never one per commune that inherits.
 */
export class ActiveChecklistSet {
  private readonly cached = new Map<string, VersionedChecklistSet>();

  /** The set that applies to `commune`'s requests (null: the service's own) and the level it comes from. */
  async current(commune: string | null): Promise<VersionedChecklistSet & { level: SettingLevel }> {
    const { value: version, level } = settingForCommune(await publishedChecklistSetVersionNumbers(commune), commune, null);
    if (version === null) throw new Error('no published checklist set: installDefaultChecklistSet runs at start-up');
    const cached = this.cached.get(cacheKey(level === 'commune' ? commune : null));
    if (cached?.version === version) return { ...cached, level };
    const stored = await findChecklistSetVersion(version);
    if (!stored) throw new Error(`checklist set version ${version} vanished`);
    return { ...this.use(stored), level };
  }

  /** Compiled by the workflow before the publication is written, so that what is stored is known to compile. */
  use(stored: ChecklistSetVersionDocument): VersionedChecklistSet {
    const compiled = { version: stored.version, compiled: compileChecklistSet(stored.checklistSet as ChecklistSet) };
    this.cached.set(cacheKey(stored.commune ?? null), compiled);
    return compiled;
  }
}

const cacheKey = (commune: string | null) => commune ?? '';

/** A new installation publishes the shipped set as its first version, audited like any publication. */
export async function installDefaultChecklistSet(defaults: ChecklistSet, logger: Logger): Promise<void> {
  if (await findPublishedChecklistSetVersion()) return;
  const installed = await createChecklistSetVersion({
    status: 'published',
    checklistSet: defaults,
    changes: ['Listes et réponses livrées avec Aiguillage'],
  });
  await recordAuditEvent({ action: 'checklist-set.installed', objectType: 'ChecklistSet', objectId: String(installed.version) });
  logger.info({ version: installed.version }, 'default checklists published');
}
