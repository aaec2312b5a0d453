import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import { softmaxHeadSchema } from '../../classifiers/transformer/softmax-head';
import type { AuditActor } from '../../models/audit/audit-event-repository';
import type { ClassifierHeadVersionDocument } from '../../models/classifier/classifier-head-version-model';
import {
  activateHeadVersion,
  findActiveHeadVersion,
  readModelsOfVersion,
  registerShippedHead,
} from '../../models/classifier/classifier-head-version-repository';
import type { Logger } from '../logger';
import { auditHeadChange } from './classifier-head-audit';
import type { LiveEnsemble } from './live-ensemble';

export type HeadActivation =
  | { status: 'activated'; version: ClassifierHeadVersionDocument; previousVersion: number | null }
  | { status: 'missing' }
  /** Fitted on another encoder, or another TF-IDF vocabulary, than the ones this process runs. */
  | { status: 'incompatible'; encoder: string };

/**
 * Keeps the running ensemble on the model version active in MongoDB (transformer head, and the TF-IDF weights and
 * calibration of a version learnt from corrections). The process that activates a version
 * swaps at once; the others see it at their next periodic check (or start-up): one small query per interval.
 */
export class ClassifierHeadRuntime {
  private loadedVersion: number | null = null;
  private timer: NodeJS.Timeout | undefined;
  /** Checks and activations run one at a time, so that an older check never swaps back a newer head. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly ensemble: LiveEnsemble,
    private readonly logger: Logger,
  ) {}

  /**
   * Registers the shipped models (first start, or a release with new ones: the digest covers the head and the
   * ensemble's other shipped files), then loads the active version. `checkIntervalMs: null`: checks are driven from
   * outside (in a cluster, one check per tick for all processes, server/cluster/head-version-broadcast).
   */
  async start(shippedHeadPath: string, otherShippedFiles: string[], checkIntervalMs: number | null): Promise<void> {
    const content = await readFile(shippedHeadPath);
    const shipped = softmaxHeadSchema.parse(JSON.parse(content.toString('utf8')));
    const digest = createHash('sha256').update(content);
    for (const file of otherShippedFiles) digest.update(await readFile(file));
    const { version, registered } = await registerShippedHead(shipped, digest.digest('hex'));
    if (registered) await auditHeadChange('classifier-head.installed', version.version, undefined, { encoder: shipped.encoder });
    await this.refresh();
    if (checkIntervalMs === null) return;
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) => this.logger.error({ err: error }, 'classifier head check failed'));
    }, checkIntervalMs);
    this.timer.unref();
  }

  get activeVersion(): number | null {
    return this.loadedVersion;
  }

  /** Loads the active version's head if it is not the one in use; returns the version in use. */
  refresh(): Promise<number | null> {
    return this.serialised(async () => {
      const active = await findActiveHeadVersion();
      if (active && active.version !== this.loadedVersion) await this.load(active);
      return this.loadedVersion;
    });
  }

  /** Activates any stored version (a rollback when older than the active one) and swaps to it here and now. */
  async activate(version: number, actor: AuditActor | undefined): Promise<HeadActivation> {
    return this.serialised(async (): Promise<HeadActivation> => {
      const models = await readModelsOfVersion(version);
      if (!models) return { status: 'missing' };
      if (!this.ensemble.accepts(models)) return { status: 'incompatible', encoder: models.head.encoder };
      const activated = await activateHeadVersion(version, actor?._id ?? null);
      if (!activated) return { status: 'missing' };
      const previousVersion = this.loadedVersion;
      this.ensemble.use(models);
      this.loadedVersion = version;
      const action = previousVersion !== null && version < previousVersion ? 'classifier-head.rolled-back' : 'classifier-head.activated';
      await auditHeadChange(action, version, actor, { previousVersion, validation: activated.toObject().validation ?? null });
      this.logger.info({ version, previousVersion }, 'classifier head activated');
      return { status: 'activated', version: activated, previousVersion };
    });
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async load(active: ClassifierHeadVersionDocument): Promise<void> {
    const models = await readModelsOfVersion(active.version);
    if (!models) throw new Error(`classifier head version ${active.version} has no stored weights`);
    this.ensemble.use(models);
    this.logger.info({ version: active.version, previousVersion: this.loadedVersion }, 'classifier head loaded');
    this.loadedVersion = active.version;
  }

  private serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
