export const itemLabels = ['present', 'missing', 'not-needed'] as const;
export type ItemLabel = (typeof itemLabels)[number];

export interface ScoredMessage {
  id: string;
  labels: Readonly<Record<string, ItemLabel>>;
  /** The item ids the checklist declared missing. */
  predictedMissing: readonly string[];
}

export interface MissingScore {
  messages: number;
  predictedMissing: number;
  labelledMissing: number;
  /** Declared missing and labelled missing. */
  correct: number;
  /** Of what would be asked, the share really missing: asking for what the citizen wrote is the error that counts. */
  precision: number | null;
  recall: number | null;
  /** Declared missing but present in the message, or not needed for it: the requests that should not go out. */
  wrongRequests: Array<{ id: string; item: string; label: ItemLabel | 'unlabelled' }>;
}

/** Precision and recall of « missing » against hand labels; an item asked for but not needed counts as wrong. */
export function scoreMissing(messages: readonly ScoredMessage[]): MissingScore {
  let predictedMissing = 0;
  let labelledMissing = 0;
  let correct = 0;
  const wrongRequests: MissingScore['wrongRequests'] = [];
  for (const message of messages) {
    labelledMissing += Object.values(message.labels).filter((label) => label === 'missing').length;
    for (const item of message.predictedMissing) {
      predictedMissing += 1;
      const label = message.labels[item];
      if (label === 'missing') correct += 1;
      else wrongRequests.push({ id: message.id, item, label: label ?? 'unlabelled' });
    }
  }
  return {
    messages: messages.length,
    predictedMissing,
    labelledMissing,
    correct,
    precision: predictedMissing === 0 ? null : correct / predictedMissing,
    recall: labelledMissing === 0 ? null : correct / labelledMissing,
    wrongRequests,
  };
}
