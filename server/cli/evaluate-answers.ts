import path from 'node:path';
import { parseArgs } from 'node:util';

import { loadShippedFicheSearch } from '../../classifiers/sources/load-fiche-index';
import {
  labelledQuestionSchema,
  scoreRetrieval,
  type LabelledQuestion,
  type RetrievalScore,
} from '../../classifiers/sources/retrieval-evaluation';
import type { FicheSearchIndex } from '../../classifiers/sources/search-fiches';
import { buildRequestClassifier } from '../classification/build-request-classifier';
import { readJsonLines } from '../classification/read-json-lines';
import { loadConfig } from '../config';
import { blindCoverageSection, checklistSection } from './evaluate-checklists';

/**
 * `npm run eval:answers [-- --errors] [-- --tuning]`: how well Aiguillage answers, one section per part of the answer.
 * Retrieval: hit@1 and hit@3 of the right service-public.fr fiche on the hand-written citizen questions (test,
 * validation and tune apart) and on the fiches' own question titles searched without the title field. `--tuning`
 * leaves the test figure out, for use while changing the search. Checklists: precision and
 * recall of « missing » on the hand-labelled messages. Blind split: the share that would get an immediate answer or
 * a precise missing-information request. `--errors` lists the
 * misses of the validation and tune questions and titles only: the test questions' misses are never shown, so that
 * nobody tunes on them.
 */
const questionFiles = ['questions.jsonl', 'questions-tune.jsonl'].map((name) => path.join(__dirname, '../../training/answers', name));

function retrievalSection(index: FicheSearchIndex, showErrors: boolean, showTest: boolean): void {
  const questions = questionFiles.flatMap((file) => readJsonLines(file, labelledQuestionSchema));
  const ofSplit = (split: LabelledQuestion['split']) => questions.filter((question) => question.split === split);
  const known = new Set(index.fiches.map((fiche) => fiche.id));
  const unknown = questions.filter((question) => !known.has(question.fiche));
  if (unknown.length > 0) throw new Error(`fiches missing from the index: ${unknown.map((question) => question.fiche).join(', ')}`);
  const titles = index.fiches.filter((fiche) => fiche.title.trim().endsWith('?')).map((fiche) => ({ text: fiche.title, fiche: fiche.id }));
  const rows: [string, RetrievalScore, boolean][] = [
    ...(showTest
      ? [['hand-written citizen questions, test', scoreRetrieval(index, ofSplit('test')), false] as [string, RetrievalScore, boolean]]
      : []),
    ['hand-written citizen questions, validation', scoreRetrieval(index, ofSplit('validation')), true],
    ['hand-written citizen questions, tune', scoreRetrieval(index, ofSplit('tune')), true],
    ['fiche question titles, title field hidden', scoreRetrieval(index, titles, ['theme', 'description', 'heading', 'text']), true],
  ];
  console.log('## Retrieval of the right fiche\n');
  console.log('| Set | Questions | hit@1 | hit@3 |');
  console.log('|---|---|---|---|');
  for (const [name, score] of rows)
    console.log(`| ${name} | ${score.questions} | ${score.hitAt1.toFixed(3)} | ${score.hitAt3.toFixed(3)} |`);
  if (!showErrors) return;
  for (const [name, score, shown] of rows) {
    if (!shown) continue;
    console.log(`\n### Misses at 3: ${name}\n`);
    for (const miss of score.misses) console.log(`- ${miss.expected} not in [${miss.found.join(', ')}]: ${miss.text}`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { errors: { type: 'boolean', default: false }, tuning: { type: 'boolean', default: false } } });
  retrievalSection(loadShippedFicheSearch(), values.errors ?? false, !(values.tuning ?? false));
  checklistSection(values.errors ?? false);
  await blindCoverageSection(await buildRequestClassifier(), loadConfig());
}

main().catch((error: unknown) => {
  process.stderr.write(`eval:answers: ${(error as Error).message}\n`);
  process.exit(1);
});
