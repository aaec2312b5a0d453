import { readFileSync } from 'node:fs';
import path from 'node:path';

import {
  differences,
  labelledMessageSchema,
  microAverage,
  scoreExtraction,
  type LabelledMessage,
  type TypedValue,
  type TypeScore,
} from '../../classifiers/entities/eval/score-extraction';
import { extractRequestEntities } from '../../classifiers/entities/extract-request-entities';

/**
 * Scores entity extraction, through the path the classification takes (quoted history left out, quoted headers'
 * dates marked), on hand-labelled sets, and prints precision, recall and F1 per type: for all the sets together,
 * then for each set. Usage: npm run eval:entities [-- --errors] [-- path/to/set.jsonl …]
 * Without a path: the original evaluation set and the multilingual one. The sets are synthetic (no real citizen), so
 * printing their errors is safe.
 */
const evalFolder = path.join(__dirname, '../../classifiers/entities/eval');
const defaultSets = ['entities-eval.jsonl', 'entities-multilingual.jsonl'].map((file) => path.join(evalFolder, file));
const args = process.argv.slice(2);
const showErrors = args.includes('--errors');
const givenSets = args.filter((arg) => !arg.startsWith('--'));
const setPaths = givenSets.length > 0 ? givenSets : defaultSets;

/** The labelled messages were written to town halls in metropolitan France: their relative dates count in Paris. */
const labelledTimeZone = 'Europe/Paris';
const precisionTarget = 0.98;
const recallTarget = 0.9;
const recallTargetTypes = new Set(['date', 'phone', 'email', 'permit_ref', 'cadastral_ref']);

interface Result {
  message: LabelledMessage;
  expected: TypedValue[];
  found: TypedValue[];
}

const resultsBySet = setPaths.map((setPath) => ({ setPath, results: readSet(setPath).map(extract) }));

if (showErrors) for (const { results } of resultsBySet) printErrors(results);
const allResults = resultsBySet.flatMap(({ results }) => results);
if (resultsBySet.length > 1) printScores(`all ${resultsBySet.length} sets`, allResults);
for (const { setPath, results } of resultsBySet) printScores(path.relative(process.cwd(), setPath), results);

function readSet(setPath: string): LabelledMessage[] {
  return readFileSync(setPath, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const parsed = labelledMessageSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${setPath}, line ${index + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

function extract(message: LabelledMessage): Result {
  const context = { receivedAt: new Date(message.receivedAt), timeZone: labelledTimeZone, requesterName: message.requesterName };
  return { message, expected: message.entities, found: extractRequestEntities(message.text, context) };
}

function printErrors(results: Result[]): void {
  for (const { message, expected, found } of results) {
    const { missed, wrong } = differences(expected, found);
    if (missed.length + wrong.length === 0) continue;
    console.log(`\n${message.id}: ${JSON.stringify(message.text)}`);
    for (const entity of missed) console.log(`  missed ${describe(entity)}`);
    for (const entity of wrong) console.log(`  wrong  ${describe(entity)}`);
  }
  console.log('');
}

function describe(entity: TypedValue): string {
  return `${entity.type}: ${entity.value}${entity.fromQuotedHistory ? ' (quoted history)' : ''}`;
}

function printScores(title: string, results: Result[]): void {
  const scores = scoreExtraction(results);
  console.log(`Entity extraction on ${results.length} labelled messages (${title})\n`);
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
  const quoted = scoreExtraction(
    results.map(({ expected, found }) => ({ expected: expected.filter(isQuoted), found: found.filter(isQuoted) })),
  );
  const quotedDates = quoted.find((score) => score.type === 'date')!;
  console.log(
    `\nof which dates of quoted headers: expected ${quotedDates.truePositives + quotedDates.falseNegatives}, found ${quotedDates.truePositives + quotedDates.falsePositives}, right ${quotedDates.truePositives}`,
  );
  const overall = microAverage(scores);
  console.log(
    `all types (micro-average)  precision ${format(overall.precision)}  recall ${format(overall.recall)}  f1 ${format(overall.f1)}\n`,
  );
}

function isQuoted(entity: TypedValue): boolean {
  return entity.fromQuotedHistory === true;
}

function format(value?: number): string {
  return value === undefined ? '  n/a' : value.toFixed(3);
}

function targetStatus(score: TypeScore): string {
  const precisionOk = score.precision === undefined || score.precision >= precisionTarget;
  const recallOk = !recallTargetTypes.has(score.type) || (score.recall ?? 0) >= recallTarget;
  const recallNote = recallTargetTypes.has(score.type) ? ` recall≥${recallTarget}` : '';
  return `${precisionOk && recallOk ? 'ok' : 'MISSED'} (precision≥${precisionTarget}${recallNote})`;
}
