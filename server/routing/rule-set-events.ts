import { EventEmitter } from 'node:events';

export interface RuleSetPublished {
  version: number;
  publishedAt: string;
  publishedBy: string;
  /** Set when the publication restores an earlier version. */
  restoredFromVersion: number | null;
  rulesAdded: number;
  rulesRemoved: number;
  rulesChanged: number;
}

export interface RuleSetEventMap {
  'rules.published': [RuleSetPublished];
}

/** Rule set publications, for live push to connected supervisors. */
export class RuleSetEvents extends EventEmitter<RuleSetEventMap> {}
