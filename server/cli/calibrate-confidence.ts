import { writeFileSync } from 'node:fs';
import path from 'node:path';

import type { EnsembleCalibration } from '../../classifiers/calibration/ensemble-calibration';
import { applyPlatt, fitPlatt } from '../../classifiers/calibration/platt-scaling';
import { classifyRequest } from '../../classifiers/classify-request';
import { buildRequestClassifier, ensembleCalibrationFile } from '../classification/build-request-classifier';
import { realisticValidation } from '../classification/realistic-validation';

/**
 * `npm run calibrate`: fits the confidence calibration of the combined classifiers on the realistic validation
 * messages (never templates, never the test or blind splits) and writes it next to the classifiers, with a
 * reliability table to read.
 */
async function main(): Promise<void> {
  const parts = { ...(await buildRequestClassifier()), calibration: undefined };
  const samples: Array<{ confidence: number; correct: boolean }> = [];
  for (const example of realisticValidation()) {
    // Only the confidence is fitted: the reception instant and zone date the extracted facts, nothing else.
    const classification = await classifyRequest(parts, {
      subject: example.subject,
      text: example.text,
      channel: example.channel,
      receivedAt: new Date(),
      timeZone: 'UTC',
    });
    samples.push({ confidence: classification.confidence, correct: classification.queue === example.queue });
  }
  const parameters = fitPlatt(samples);
  const buckets = [0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0001];
  const reliability = buckets.slice(0, -1).map((from, index) => {
    const to = buckets[index + 1]!;
    const inBucket = samples
      .map((sample) => ({ ...sample, calibrated: applyPlatt(parameters, sample.confidence) }))
      .filter((sample) => sample.calibrated >= from && sample.calibrated < to);
    const count = inBucket.length;
    return {
      from,
      to: Math.min(to, 1),
      count,
      meanConfidence: count ? inBucket.reduce((sum, sample) => sum + sample.calibrated, 0) / count : 0,
      accuracy: count ? inBucket.filter((sample) => sample.correct).length / count : 0,
    };
  });
  const calibration: EnsembleCalibration = {
    classifiers: parts.classifiers.map((classifier) => classifier.name),
    fittedOn: 'classifiers/corpus/validation.jsonl (hand-written and realistic messages)',
    samples: samples.length,
    parameters,
    reliability,
  };
  writeFileSync(ensembleCalibrationFile, `${JSON.stringify(calibration, null, 2)}\n`);
  console.log(`calibration written to ${path.relative(process.cwd(), ensembleCalibrationFile)}`);
  for (const bucket of reliability) {
    console.log(
      `  calibrated ${bucket.from.toFixed(2)}–${bucket.to.toFixed(2)}: ${String(bucket.count).padStart(4)} requests, mean ${bucket.meanConfidence.toFixed(3)}, right ${bucket.accuracy.toFixed(3)}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
