/**
 * Retrains the transformer classifier's softmax head on the corpus train split (with the parts of demandes-multiples
 * messages), choosing its regularisation on the realistic validation messages, plus optional extra labelled
 * requests (JSON lines of {subject, text, queue, intent}, e.g. agents' corrections), and writes head.json.
 *
 *   npm run train:transformer-head -- [--extra corrections.jsonl]... [--out head.json]
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import { trainingExamples } from '../../classifiers/corpus/training-examples';
import { defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';
import { SentenceEncoder } from '../../classifiers/transformer/sentence-encoder';
import { trainSoftmaxHead } from '../../classifiers/transformer/train-head';
import { defaultHeadPath } from '../../classifiers/transformer/transformer-classifier';
import { readCorpusRecords, readLabelledExamples } from '../classification/load-corpus';
import { realisticValidation } from '../classification/realistic-validation';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      extra: { type: 'string', multiple: true, default: [] },
      model: { type: 'string' },
      'model-root': { type: 'string' },
      out: { type: 'string' },
    },
  });
  const encoderOptions = { model: values.model, modelRoot: values['model-root'] };
  const started = performance.now();
  const encoder = await SentenceEncoder.load(encoderOptions);
  const head = await trainSoftmaxHead(encoder, defaultTaxonomy, {
    train: trainingExamples(readCorpusRecords('train')),
    validation: realisticValidation(),
    extra: values.extra.flatMap((file) => readLabelledExamples(file)),
  });
  const out = values.out ?? defaultHeadPath(encoderOptions);
  await writeFile(out, `${JSON.stringify(head)}\n`);
  await encoder.dispose();
  console.log(
    JSON.stringify({ out, seconds: Number(((performance.now() - started) / 1000).toFixed(1)), training: head.training }, null, 2),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
