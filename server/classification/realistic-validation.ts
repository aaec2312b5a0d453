import type { CorpusRecord } from '../../classifiers/corpus/corpus-record';
import { readCorpusRecords } from './load-corpus';

/**
 * The validation messages written by people (hand-written and realistic), never templates: temperatures,
 * calibration, thresholds and the activation gate are fitted here, as templates would promise a confidence that
 * real mail does not earn.
 */
export function realisticValidation(): CorpusRecord[] {
  return readCorpusRecords('validation').filter((record) => record.source !== 'template');
}
