import path from 'node:path';
import { z } from 'zod';
import { extractEntities } from '../../classifiers/entities/extract-entities';
import { extractRequestEntities } from '../../classifiers/entities/extract-request-entities';
import { compileChecklistSet, type CompiledChecklistSet } from '../../routing-rules/checklists/compile-checklist-set';
import { itemLabels, scoreMissing, type MissingScore, type ScoredMessage } from '../../routing-rules/checklists/checklist-metrics';
import { evaluateChecklist } from '../../routing-rules/checklists/evaluate-checklist';
import { messageEvidence } from '../../routing-rules/checklists/message-evidence';
import { defaultChecklistSet } from '../../routing-rules/checklists/default-checklist-set';
import { readJsonLines } from '../classification/read-json-lines';

const root = path.join(__dirname, '../..');
const labelsFile = path.join(root, 'training/answers/checklist-labels.jsonl');
const corpusFiles = ['train', 'validation'].map((split) => path.join(root, `classifiers/corpus/${split}.jsonl`));

const labelledMessageSchema = z.object({
  id: z.string(),
  /** `tune`: the patterns may be adjusted on it; `test`: never looked at while tuning. */
  split: z.enum(['tune', 'test']),
  intent: z.string(),
  items: z.record(z.string(), z.enum(itemLabels)),
});
const corpusRecordSchema = z.object({ id: z.string(), subject: z.string(), text: z.string() });

/** A fixed reception date, so that relative dates read the same on every run. */
const receivedAt = new Date('2025-03-17T09:00:00+01:00');
const timeZone = 'Europe/Paris';

/** The shipped checklists against the hand labels, tune and test parts apart. */
export function scoreShippedChecklists(set: CompiledChecklistSet = compileChecklistSet(defaultChecklistSet())) {
  const labelled = readJsonLines(labelsFile, labelledMessageSchema);
  const wanted = new Set(labelled.map((message) => message.id));
  const texts = new Map(
    corpusFiles.flatMap((file) => readJsonLines(file, corpusRecordSchema)).filter((record) => wanted.has(record.id)).map((record) => [record.id, record]),
  );
  const scored = (split: 'tune' | 'test'): ScoredMessage[] =>
    labelled
      .filter((message) => message.split === split)
      .map((message) => {
        const record = texts.get(message.id);
        const checklist = set.checklists.get(message.intent);
        if (!record || !checklist) throw new Error(`${message.id}: ${record ? `no checklist for ${message.intent}` : 'not in the corpus'}`);
        const entities = extractRequestEntities(record.text, { receivedAt, timeZone }, extractEntities);
        const result = evaluateChecklist(checklist, messageEvidence([{ subject: record.subject, text: record.text, entities }]));
        return { id: message.id, labels: message.items, predictedMissing: result?.missing ?? [] };
      });
  return { tune: scoreMissing(scored('tune')), test: scoreMissing(scored('test')) };
}

const ratio = (value: number | null) => (value === null ? '–' : value.toFixed(3));

/** `npm run eval:answers` section: precision and recall of « missing »; `showErrors` lists the tune part's errors only. */
export function checklistSection(showErrors: boolean): void {
  const { tune, test } = scoreShippedChecklists();
  const row = (name: string, score: MissingScore) =>
    `| ${name} | ${score.messages} | ${score.predictedMissing} | ${score.labelledMissing} | ${ratio(score.precision)} | ${ratio(score.recall)} |`;
  console.log('\n## Checklists: what is missing\n');
  console.log('| Hand-labelled messages | Messages | Declared missing | Labelled missing | Precision | Recall |');
  console.log('|---|---|---|---|---|---|');
  console.log(row('test part (never tuned on)', test));
  console.log(row('tune part', tune));
  if (!showErrors) return;
  console.log('\n### Wrong requests, tune part\n');
  for (const wrong of tune.wrongRequests) console.log(`- ${wrong.id}: ${wrong.item} declared missing, labelled ${wrong.label}`);
}
