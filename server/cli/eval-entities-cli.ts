import { readFileSync } from 'node:fs';
import path from 'node:path';
import { extractEntities } from '../../classifiers/entities/extract-entities';
import {
  differences,
  labelledMessageSchema,
  microAverage,
  scoreExtraction,
  type TypeScore,
} from '../../classifiers/entities/eval/score-extraction';

/**
 * Scores the entity extractors on the hand-labelled evaluation set and prints precision, recall and F1 per type.
 * Usage: npm run eval:entities [-- --errors] [-- path/to/set.jsonl]
 * The set is synthetic (no real citizen), so printing its errors is safe.
 */
const defaultSet = path.join(__dirname, '../../classifiers/entities/eval/entities-eval.jsonl');
const args = process.argv.slice(2);
const showErrors = args.includes('--errors');
const setPath = args.find((arg) => !arg.startsWith('--')) ?? defaultSet;

const precisionTarget = 0.95;
const recallTarget = 0.85;
const recallTargetTypes = new Set(['date', 'phone', 'email', 'permit_ref', 'cadastral_ref']);

const messages = readFileSync(setPath, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line, index) => {
    const parsed = labelledMessageSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`line ${index + 1}: ${parsed.error.message}`);
    return parsed.data;
  });

const results = messages.map((message) => {
  const found = extractEntities(message.text, {
    receivedAt: new Date(message.receivedAt),
    requesterName: message.requesterName,
  });
  return { message, expected: message.entities, found };
});

if (showErrors) {
  for (const { message, expected, found } of results) {
    const { missed, wrong } = differences(expected, found);
    if (missed.length + wrong.length === 0) continue;
    console.log(`\n${message.id}: ${JSON.stringify(message.text)}`);
    for (const entity of missed) console.log(`  missed ${entity.type}: ${entity.value}`);
    for (const entity of wrong) console.log(`  wrong  ${entity.type}: ${entity.value}`);
  }
  console.log('');
}

const scores = scoreExtraction(results);
const format = (value?: number) => (value === undefined ? '  n/a' : value.toFixed(3));
console.log(`Entity extraction on ${messages.length} labelled messages (${path.relative(process.cwd(), setPath)})\n`);
console.log('type            expected  found   tp  fp  fn  precision  recall     f1  targets');
for (const score of scores) {
  console.log(
    [
      score.type.padEnd(14),
      String(score.truePositives + score.falseNegatives).padStart(9),
      String(score.truePositives + score.falsePositives).padStart(6),
      String(score.truePositives).padStart(4),
      String(score.falsePositives).padStart(3),
      String(score.falseNegatives).padStart(3),
      format(score.precision).padStart(10),
      format(score.recall).padStart(7),
      format(score.f1).padStart(6),
      ` ${targetStatus(score)}`,
    ].join(' '),
  );
}
const overall = microAverage(scores);
console.log(`\nall types (micro-average)  precision ${format(overall.precision)}  recall ${format(overall.recall)}  f1 ${format(overall.f1)}`);

function targetStatus(score: TypeScore): string {
  const precisionOk = score.precision === undefined || score.precision >= precisionTarget;
  const recallOk = !recallTargetTypes.has(score.type) || (score.recall ?? 0) >= recallTarget;
  const recallNote = recallTargetTypes.has(score.type) ? ` recall≥${recallTarget}` : '';
  return precisionOk && recallOk ? `ok (precision≥${precisionTarget}${recallNote})` : `MISSED (precision≥${precisionTarget}${recallNote})`;
}
