import { recordAuditEvent } from '../../models/audit/audit-event-repository';
import type { ChecklistSetVersionDocument } from '../../models/checklists/checklist-set-version-model';
import {
  createChecklistSetVersion,
  findChecklistSetVersion,
  findPublishedChecklistSetVersion,
  publishedChecklistSetVersionNumber,
} from '../../models/checklists/checklist-set-version-repository';
import type { ChecklistSet } from '../../routing-rules/checklists/checklist-schema';
import { compileChecklistSet, type CompiledChecklistSet } from '../../routing-rules/checklists/compile-checklist-set';
import type { Logger } from '../logger';

export interface VersionedChecklistSet {
  version: number;
  compiled: CompiledChecklistSet;
}

/**
 * The published checklists and answers, compiled once per version. Each use asks the database which version is
 * published (one indexed read), so that a publication made by another instance of the service counts at once.
 */
export class ActiveChecklistSet {
  private cached: VersionedChecklistSet | null = null;

  async current(): Promise<VersionedChecklistSet> {
    const version = await publishedChecklistSetVersionNumber();
    if (version === null) throw new Error('no published checklist set: installDefaultChecklistSet runs at start-up');
    if (this.cached?.version === version) return this.cached;
    const stored = await findChecklistSetVersion(version);
    if (!stored) throw new Error(`checklist set version ${version} vanished`);
    return this.use(stored);
  }

  /** Compiled by the workflow before the publication is written, so that what is stored is known to compile. */
  use(stored: ChecklistSetVersionDocument): VersionedChecklistSet {
    this.cached = { version: stored.version, compiled: compileChecklistSet(stored.checklistSet as ChecklistSet) };
    return this.cached;
  }
}

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
