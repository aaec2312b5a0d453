import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { softmaxHeadSchema } from '../../classifiers/transformer/softmax-head';
import type { AuditActor } from '../../models/audit-event-repository';
import type { ClassifierHeadVersionDocument } from '../../models/classifier-head-version-model';
import {
  activateHeadVersion,
  findActiveHeadVersion,
  readHeadOfVersion,
  registerShippedHead,
} from '../../models/classifier-head-version-repository';
import type { Logger } from '../logger';
import { auditHeadChange } from './classifier-head-audit';
import type { HeadSwappingClassifier } from './head-swapping-classifier';

export type HeadActivation =
  | { status: 'activated'; version: ClassifierHeadVersionDocument; previousVersion: number | null }
  | { status: 'missing' }
  /** Fitted on another encoder than the one this process runs. */
  | { status: 'incompatible'; encoder: string };

/**
 * Keeps the running transformer on the head version active in MongoDB. The process that activates a version
 * swaps at once; the others see it at their next periodic check (or start-up): one small query per interval.
 */
export class ClassifierHeadRuntime {
  private loadedVersion: number | null = null;
  private timer: NodeJS.Timeout | undefined;
  /** Checks and activations run one at a time, so that an older check never swaps back a newer head. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly classifier: HeadSwappingClassifier,
    private readonly logger: Logger,
  ) {}

  /** Registers the shipped head (first start, or a release with a new head), then loads the active version. */
  async start(shippedHeadPath: string, checkIntervalMs: number): Promise<void> {
    const content = await readFile(shippedHeadPath);
    const shipped = softmaxHeadSchema.parse(JSON.parse(content.toString('utf8')));
    const { version, registered } = await registerShippedHead(shipped, createHash('sha256').update(content).digest('hex'));
    if (registered) await auditHeadChange('classifier-head.installed', version.version, undefined, { encoder: shipped.encoder });
    await this.refresh();
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
      const head = await readHeadOfVersion(version);
      if (!head) return { status: 'missing' };
      if (head.encoder !== this.classifier.encoder.modelName) return { status: 'incompatible', encoder: head.encoder };
      const activated = await activateHeadVersion(version, actor?._id ?? null);
      if (!activated) return { status: 'missing' };
      const previousVersion = this.loadedVersion;
      this.classifier.useHead(head);
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
    const head = await readHeadOfVersion(active.version);
    if (!head) throw new Error(`classifier head version ${active.version} has no stored weights`);
    this.classifier.useHead(head);
    this.logger.info({ version: active.version, previousVersion: this.loadedVersion }, 'classifier head loaded');
    this.loadedVersion = active.version;
  }

  private serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
