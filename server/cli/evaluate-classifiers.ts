import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Classifier } from '../../classifiers/classification';
import { classifyRequest, type RequestClassifierParts } from '../../classifiers/classify-request';
import { evaluationRecordSchema, type EvaluationRecord } from '../../classifiers/corpus/corpus-record';
import { classifierReport, type ClassifierReport } from '../../classifiers/evaluation/classifier-report';
import { formatClassifierReport, formatComparison } from '../../classifiers/evaluation/format-report';
import { LexicalClassifier, type LabelledExample } from '../../classifiers/lexical/lexical-classifier';
import { LogisticLexicalClassifier } from '../../classifiers/lexical/logistic-classifier';
import { NlpjsClassifier } from '../../classifiers/peers/nlpjs-classifier';
import { defaultTaxonomy, queueIds } from '../../classifiers/taxonomy/taxonomy';
import { TransformerClassifier } from '../../classifiers/transformer/transformer-classifier';
import { stripQuotedReply } from '../../classifiers/text/strip-quoted-reply';
import { buildRequestClassifier } from '../classification/build-request-classifier';
import { corpusDirectory, readCorpusSplit } from '../classification/load-corpus';
import { readJsonLines } from '../classification/read-json-lines';

interface TrainingData {
  train: LabelledExample[];
  validation: LabelledExample[];
}

interface Candidate {
  name: string;
  build(data: TrainingData): Classifier | Promise<Classifier>;
}

/** Every classifier compared; a new one (e.g. the transformer) is one more entry. */
const candidates: Candidate[] = [
  { name: 'lexical', build: ({ train, validation }) => LexicalClassifier.train(defaultTaxonomy, train).calibrated(validation) },
  {
    name: 'lexical-logistic',
    build: ({ train, validation }) => LogisticLexicalClassifier.train(defaultTaxonomy, train).calibrated(validation),
  },
  { name: 'nlpjs', build: ({ train }) => NlpjsClassifier.train(defaultTaxonomy, train) },
  // The shipped encoder and head (head retrained by npm run train:transformer-head), not trained here.
  { name: 'transformer', build: () => TransformerClassifier.load(defaultTaxonomy) },
  // What the service runs: transformer and lexical combined, calibrated, prompt-injection sentences left out.
  { name: 'pipeline', build: async () => pipelineClassifier(await buildRequestClassifier()) },
];

const usage = `Usage: npm run eval -- [FILE.jsonl] [--only=${candidates.map((candidate) => candidate.name).join(',')}]
Trains every classifier on classifiers/corpus/train.jsonl (validation.jsonl for calibration) and evaluates it on
FILE (default: classifiers/corpus/test.jsonl), a JSON-lines file with text, queue and intent on each line.`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    console.log(usage);
    return;
  }
  const only = args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
  const file = args.find((arg) => !arg.startsWith('--')) ?? path.join(corpusDirectory, 'test.jsonl');
  const records = readJsonLines(file, evaluationRecordSchema);
  const data: TrainingData = { train: readCorpusSplit('train'), validation: readCorpusSplit('validation') };
  console.log(`Training on ${data.train.length} requests, evaluating on ${records.length} from ${path.relative(process.cwd(), file)}\n`);

  const reports: ClassifierReport[] = [];
  for (const candidate of candidates.filter((entry) => !only || only.includes(entry.name))) {
    const trainingStart = performance.now();
    const classifier = await buildOrExplain(candidate, data);
    if (!classifier) continue;
    const trainingSeconds = (performance.now() - trainingStart) / 1000;
    const classifyingStart = performance.now();
    const report = await evaluate(classifier, records);
    const millisecondsPerRequest = (performance.now() - classifyingStart) / records.length;
    console.log(formatClassifierReport(report));
    console.log(`\ntraining ${trainingSeconds.toFixed(1)} s, classification ${millisecondsPerRequest.toFixed(2)} ms/request\n`);
    reports.push(report);
  }
  console.log(formatComparison(reports));
}

function pipelineClassifier(parts: RequestClassifierParts): Classifier {
  return {
    name: 'pipeline',
    async classify(input) {
      const classification = await classifyRequest(parts, { ...input, receivedAt: new Date() });
      return { ...classification.opinions[0]!, classifier: 'pipeline' };
    },
  };
}

/** A classifier that cannot be built here (e.g. its model files are absent) is skipped, not fatal to the others. */
async function buildOrExplain(candidate: Candidate, data: TrainingData): Promise<Classifier | undefined> {
  try {
    return await candidate.build(data);
  } catch (error) {
    console.log(`=== ${candidate.name}: skipped, ${error instanceof Error ? error.message : String(error)}\n`);
    return undefined;
  }
}

function breakdownTags(record: EvaluationRecord): Record<string, string> {
  const tags: Record<string, string> = { channel: record.channel };
  if (record.source !== undefined) tags.source = record.source;
  if (record.lang !== undefined) tags.lang = record.lang === 'fr' || record.lang === 'en' ? record.lang : 'other';
  return tags;
}

/** Classifies each request as the pipeline does (quoted earlier messages left out) and scores the answers. */
async function evaluate(classifier: Classifier, records: EvaluationRecord[]): Promise<ClassifierReport> {
  const requests = [];
  for (const record of records) {
    const output = await classifier.classify({ subject: record.subject, text: stripQuotedReply(record.text), channel: record.channel });
    requests.push({ expectedQueue: record.queue, expectedIntent: record.intent, output, tags: breakdownTags(record) });
  }
  return classifierReport(classifier.name, requests, queueIds);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
