/**
 * Speed of retraining the transformer's head, the steps of POST /api/model/retrain without the database: corpus
 * embeddings (computed into a fresh cache, then read back from it), fitting the head with agents' corrections,
 * and scoring the active head on validation. Wall and CPU seconds per step: on a busy machine CPU time is the
 * steadier figure.
 *
 *   npm run bench:retrain [-- --corrections 50]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';
import { SentenceEncoder } from '../../classifiers/transformer/sentence-encoder';
import { readSoftmaxHead } from '../../classifiers/transformer/softmax-head';
import { fitSoftmaxHead, headInputText, headValidationMetrics } from '../../classifiers/transformer/train-head';
import { defaultHeadPath } from '../../classifiers/transformer/transformer-classifier';
import { CorpusEmbeddingCache } from '../../server/classification/corpus-embedding-cache';
import { readCorpusSplit } from '../../server/classification/load-corpus';
import { loadConfig } from '../../server/config';

async function timed<T>(step: string, task: () => Promise<T>): Promise<T> {
  const [wall, cpu] = [performance.now(), process.cpuUsage()];
  const result = await task();
  const used = process.cpuUsage(cpu);
  const seconds = (value: number) => Number(value.toFixed(2));
  console.log(
    JSON.stringify({ step, wallSeconds: seconds((performance.now() - wall) / 1000), cpuSeconds: seconds((used.user + used.system) / 1e6) }),
  );
  return result;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { corrections: { type: 'string', default: '50' } } });
  const config = loadConfig();
  const encoder = await SentenceEncoder.load();
  const active = await readSoftmaxHead(defaultHeadPath({}));
  const [train, validation] = [readCorpusSplit('train'), readCorpusSplit('validation')];
  // Stand-ins for agents' corrections: test-split requests are never used, validation ones would leak.
  const corrections = train.slice(0, Number(values.corrections));
  const directory = await mkdtemp(path.join(os.tmpdir(), 'retrain-bench-'));
  try {
    const embedCorpus = async (cache: CorpusEmbeddingCache) => ({
      train: { examples: train, embeddings: await cache.embed(train.map(headInputText)) },
      validation: { examples: validation, embeddings: await cache.embed(validation.map(headInputText)) },
    });
    await timed(`embed corpus, no cache (${train.length + validation.length} requests)`, async () =>
      embedCorpus(await CorpusEmbeddingCache.open(encoder, directory)),
    );
    const corpus = await timed('corpus embeddings from the cache', async () =>
      embedCorpus(await CorpusEmbeddingCache.open(encoder, directory)),
    );
    const extra = await timed(`embed ${corrections.length} corrections`, async () => ({
      examples: corrections,
      embeddings: await encoder.embed(corrections.map(headInputText)),
    }));
    await timed('fit head (one regularisation, as retraining does)', () =>
      fitSoftmaxHead(
        encoder.modelName,
        defaultTaxonomy,
        { ...corpus, extra },
        { l2Candidates: [active.training.l2], extraWeight: config.retrainCorrectionWeight },
      ),
    );
    await timed('score the active head on validation', async () => headValidationMetrics(active, defaultTaxonomy, corpus.validation));
  } finally {
    await rm(directory, { recursive: true, force: true });
    await encoder.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
