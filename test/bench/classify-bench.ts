/**
 * Speed of the classifiers: load time, single-request latency (p50/p99), batched throughput and peak RSS.
 * Each classifier runs in its own process so that its RSS is its own. Requests are the test split's, in file order;
 * "batched" passes them to classifyBatch 32 at a time.
 *
 *   npm run bench:classify [-- --requests 500 --batch 32]
 *
 * Targets on 2 cores: transformer p50 ≤ 10 ms, p99 ≤ 30 ms, ≥ 300 requests/s batched; the whole pipeline's RSS ≤ 700 MB.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';

import type { ClassificationInput, ClassifierOutput } from '../../classifiers/classification';
import { classifyRequest, decisionOf } from '../../classifiers/classify-request';
import { LexicalClassifier } from '../../classifiers/lexical/lexical-classifier';
import { defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';
import { loadTfidfClassifier } from '../../classifiers/tfidf/tfidf-model-files';
import { TransformerClassifier } from '../../classifiers/transformer/transformer-classifier';
import { buildRequestClassifier } from '../../server/classification/build-request-classifier';
import { readCorpusSplit } from '../../server/classification/load-corpus';

interface BenchedClassifier {
  classify(input: ClassificationInput): Promise<ClassifierOutput>;
  classifyBatch(inputs: ClassificationInput[]): Promise<ClassifierOutput[]>;
}

const loaders: Record<string, () => Promise<BenchedClassifier>> = {
  transformer: () => TransformerClassifier.load(defaultTaxonomy),
  tfidf: async () => {
    const tfidf = loadTfidfClassifier(defaultTaxonomy);
    return {
      classify: (input) => tfidf.classify(input),
      classifyBatch: async (inputs) => inputs.map((input) => tfidf.classifySync(input)),
    };
  },
  // What the service runs per request: both members, parts, entities and language detection.
  pipeline: async () => {
    const parts = await buildRequestClassifier();
    const classify = async (input: ClassificationInput) =>
      decisionOf(await classifyRequest(parts, { ...input, receivedAt: new Date(), timeZone: 'Europe/Paris' }));
    return { classify, classifyBatch: (inputs) => Promise.all(inputs.map(classify)) };
  },
  lexical: async () => {
    const lexical = LexicalClassifier.train(defaultTaxonomy, readCorpusSplit('train')).calibrated(readCorpusSplit('validation'));
    return {
      classify: (input) => lexical.classify(input),
      classifyBatch: async (inputs) => inputs.map((input) => lexical.classifySync(input)),
    };
  },
};

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

async function benchOne(name: string, requests: number, batchSize: number): Promise<Record<string, number | string>> {
  const inputs: ClassificationInput[] = readCorpusSplit('test').map((example) => ({
    subject: example.subject,
    text: example.text,
    channel: 'form',
  }));
  const loadStarted = performance.now();
  const classifier = await loaders[name]();
  const loadMs = performance.now() - loadStarted;

  for (const input of inputs.slice(0, 20)) await classifier.classify(input);
  const latencies: number[] = [];
  for (let index = 0; index < requests; index++) {
    const started = performance.now();
    await classifier.classify(inputs[index % inputs.length]);
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);

  const batchStarted = performance.now();
  const cpuBefore = process.cpuUsage();
  for (let start = 0; start < inputs.length; start += batchSize) await classifier.classifyBatch(inputs.slice(start, start + batchSize));
  const batchSeconds = (performance.now() - batchStarted) / 1000;
  const batchCpu = process.cpuUsage(cpuBefore);

  return {
    classifier: name,
    loadMs: Math.round(loadMs),
    p50Ms: Number(percentile(latencies, 0.5).toFixed(2)),
    p99Ms: Number(percentile(latencies, 0.99).toFixed(2)),
    batchedRequestsPerSecond: Math.round(inputs.length / batchSeconds),
    // CPU time spent per request while batched: on a machine shared with other work, wall-clock throughput
    // understates what two free cores give (2000 / this many requests per second).
    batchedCpuMsPerRequest: Number(((batchCpu.user + batchCpu.system) / 1000 / inputs.length).toFixed(2)),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      requests: { type: 'string', default: '500' },
      batch: { type: 'string', default: '32' },
    },
  });
  const requests = Number(values.requests);
  const batch = Number(values.batch);
  if (values.only) {
    process.stdout.write(JSON.stringify(await benchOne(values.only, requests, batch)));
    return;
  }
  console.log(
    `${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}, Node ${process.version}, ${requests} single requests, batches of ${batch}`,
  );
  const rows = Object.keys(loaders).map((name) =>
    JSON.parse(
      execFileSync(
        process.execPath,
        [...process.execArgv, __filename, '--only', name, '--requests', String(requests), '--batch', String(batch)],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      ),
    ),
  );
  console.table(rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
