import path from 'node:path';
import { performance } from 'node:perf_hooks';

import type { Classifier } from '../../classifiers/classification';
import { classifyRequest, decisionOf, type RequestClassifierParts } from '../../classifiers/classify-request';
import { evaluationRecordSchema, type EvaluationRecord } from '../../classifiers/corpus/corpus-record';
import { trainingExamples } from '../../classifiers/corpus/training-examples';
import { classifierReport, type ClassifierReport } from '../../classifiers/evaluation/classifier-report';
import { formatClassifierReport, formatComparison } from '../../classifiers/evaluation/format-report';
import { LexicalClassifier } from '../../classifiers/lexical/lexical-classifier';
import { NlpjsClassifier } from '../../classifiers/peers/nlpjs-classifier';
import { defaultTaxonomy, queueIds } from '../../classifiers/taxonomy/taxonomy';
import { stripQuotedReply } from '../../classifiers/text/strip-quoted-reply';
import { TfidfClassifier } from '../../classifiers/tfidf/tfidf-classifier';
import { TransformerClassifier } from '../../classifiers/transformer/transformer-classifier';
import { buildRequestClassifier } from '../classification/build-request-classifier';
import { corpusDirectory, readCorpusRecords, readCorpusSplit } from '../classification/load-corpus';
import { readJsonLines } from '../classification/read-json-lines';
import { loadConfig } from '../config';

interface Candidate {
  name: string;
  build(): Classifier | Promise<Classifier>;
  /** Run only when named with --only (too slow for every run). */
  onRequest?: boolean;
}

/** Every classifier compared; a new one is one more entry. Peers are trained here, the shipped models loaded. */
const candidates: Candidate[] = [
  {
    name: 'lexical',
    build: () => LexicalClassifier.train(defaultTaxonomy, readCorpusSplit('train')).calibrated(readCorpusSplit('validation')),
  },
  // nlp.js takes over ten minutes to train on the current corpus (it scored 44% on the template-era test split).
  { name: 'nlpjs', build: () => NlpjsClassifier.train(defaultTaxonomy, readCorpusSplit('train')), onRequest: true },
  // The plain peer: TF-IDF character (2–5) and word (1–2) n-grams, logistic regression, trained on train + validation.
  {
    name: 'tfidf-peer',
    build: () => {
      const records = [...readCorpusRecords('train'), ...readCorpusRecords('validation')];
      const peer = TfidfClassifier.train(defaultTaxonomy, trainingExamples(records));
      return Object.assign(peer, { name: 'tfidf-peer' });
    },
  },
  // The shipped transformer alone (encoder and head), not trained here.
  { name: 'transformer', build: () => TransformerClassifier.load(defaultTaxonomy) },
  // What the service runs: TF-IDF and transformer combined, calibrated, several requests found, injections left out.
  { name: 'pipeline', build: async () => pipelineClassifier(await buildRequestClassifier()) },
];

const splits = ['test', 'blind'] as const;
const watchedIntents = ['demandes-multiples', 'autre-administration'];

const usage = `Usage: npm run eval -- [FILE.jsonl ...] [--only=${candidates.map((candidate) => candidate.name).join(',')}]
Evaluates every classifier on the corpus's own test split and on the blind split (or on the given JSON-lines files,
each line with text, queue and intent), with figures per kind of message and per language.`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    console.log(usage);
    return;
  }
  const only = args
    .find((arg) => arg.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',');
  const files = args.filter((arg) => !arg.startsWith('--'));
  const sets = (files.length ? files : splits.map((split) => path.join(corpusDirectory, `${split}.jsonl`))).map((file) => ({
    name: path.basename(file, '.jsonl'),
    records: readJsonLines(file, evaluationRecordSchema),
  }));
  const threshold = loadConfig().confidenceThreshold;
  console.log(`Evaluating on ${sets.map((set) => `${set.name} (${set.records.length})`).join(', ')}; routing threshold ${threshold}\n`);

  const reports = new Map<string, ClassifierReport[]>(sets.map((set) => [set.name, []]));
  for (const candidate of candidates.filter((entry) => (only ? only.includes(entry.name) : !entry.onRequest))) {
    const trainingStart = performance.now();
    const classifier = await buildOrExplain(candidate);
    if (!classifier) continue;
    console.log(`=== ${candidate.name}: ready in ${((performance.now() - trainingStart) / 1000).toFixed(1)} s\n`);
    for (const set of sets) {
      const classifyingStart = performance.now();
      const report = await evaluate(classifier, set.records, threshold);
      const millisecondsPerRequest = (performance.now() - classifyingStart) / set.records.length;
      console.log(`--- split ${set.name}`);
      console.log(formatClassifierReport(report));
      console.log(`\nclassification ${millisecondsPerRequest.toFixed(2)} ms/request\n`);
      reports.get(set.name)!.push(report);
    }
  }
  for (const [name, splitReports] of reports) console.log(`\nsplit ${name}\n${formatComparison(splitReports)}`);
}

function pipelineClassifier(parts: RequestClassifierParts): Classifier {
  return {
    name: 'pipeline',
    async classify(input) {
      // Only the decision is scored: the reception instant and zone date the extracted facts, nothing else.
      const classification = await classifyRequest(parts, { ...input, receivedAt: new Date(), timeZone: 'UTC' });
      return { ...decisionOf(classification), classifier: 'pipeline' };
    },
  };
}

/** A classifier that cannot be built here (e.g. its model files are absent) is skipped, not fatal to the others. */
async function buildOrExplain(candidate: Candidate): Promise<Classifier | undefined> {
  try {
    return await candidate.build();
  } catch (error) {
    console.log(`=== ${candidate.name}: skipped, ${error instanceof Error ? error.message : String(error)}\n`);
    return undefined;
  }
}

const languageGroup = (lang: string) => (['fr', 'en', 'es', 'pt'].includes(lang) ? lang : 'other');

function breakdownTags(record: EvaluationRecord): Record<string, string> {
  const tags: Record<string, string> = { channel: record.channel };
  if (record.source !== undefined) tags.source = record.source;
  if (record.lang !== undefined) tags.lang = languageGroup(record.lang);
  if (record.kind !== undefined) tags.kind = record.kind;
  return tags;
}

/** Classifies each request as the pipeline does (quoted earlier messages left out) and scores the answers. */
async function evaluate(classifier: Classifier, records: EvaluationRecord[], threshold: number): Promise<ClassifierReport> {
  const requests = [];
  for (const record of records) {
    const output = await classifier.classify({ subject: record.subject, text: stripQuotedReply(record.text), channel: record.channel });
    requests.push({ expectedQueue: record.queue, expectedIntent: record.intent, output, tags: breakdownTags(record) });
  }
  return classifierReport(classifier.name, requests, {
    queueLabels: queueIds,
    fallbackQueue: defaultTaxonomy.fallbackQueue,
    threshold,
    watchedIntents,
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
