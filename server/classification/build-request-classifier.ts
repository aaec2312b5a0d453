import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { ensembleCalibrationSchema } from '../../classifiers/calibration/ensemble-calibration';
import type { PlattParameters } from '../../classifiers/calibration/platt-scaling';
import type { RequestClassifierParts } from '../../classifiers/classify-request';
import { extractEntities } from '../../classifiers/entities/extract-entities';
import { loadLanguageDetector } from '../../classifiers/language/language-detector';
import type { LlmFallback } from '../../classifiers/llm/llm-fallback';
import { defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';
import type { TfidfClassifier } from '../../classifiers/tfidf/tfidf-classifier';
import { loadTfidfClassifier } from '../../classifiers/tfidf/tfidf-model-files';
import { TransformerClassifier } from '../../classifiers/transformer/transformer-classifier';
import { LiveEnsemble } from './live-ensemble';

/**
 * How much each member counts in the ensemble's vote. Measured on the realistic validation messages with the
 * current models: the TF-IDF model alone is right on 89.6% of them and auto-routes 83% of routable ones at 98%
 * precision and 66% at 99%; giving the transformer (73.0% alone: its encoder was pre-trained on templates) even a
 * tenth of the vote leaves accuracy as it is and halves the coverage at 99% (30%). So it has no vote: its opinion
 * is still computed, kept in the trace for agents and learnt from corrections, until an encoder fine-tuned on
 * realistic mail earns one (training/README.md, "Ensemble").
 */
export const ensembleWeights = { tfidf: 1, transformer: 0 } as const;

export interface EnsembleMembers {
  tfidf: TfidfClassifier;
  transformer: TransformerClassifier;
}

/**
 * The shipped ensemble, loaded once at start-up (a second or two); the service's follows the active model
 * version (see classifier-head-runtime), the command-line tools use it as shipped.
 */
export async function loadShippedEnsemble(llmFallback?: LlmFallback): Promise<LiveEnsemble> {
  const transformer = await TransformerClassifier.load(defaultTaxonomy);
  const tfidf = loadTfidfClassifier(defaultTaxonomy);
  const calibration = shippedCalibration([tfidf.name, transformer.name]);
  const base = ensembleClassifier({ tfidf, transformer }, await loadLanguageDetector(), calibration, llmFallback);
  return new LiveEnsemble({ tfidf, transformer, calibration }, base);
}

/** The shipped ensemble's classification stage, for the command-line tools. */
export async function buildRequestClassifier(): Promise<RequestClassifierParts> {
  return (await loadShippedEnsemble()).parts;
}

export function ensembleClassifier(
  members: EnsembleMembers,
  detectLanguage: RequestClassifierParts['detectLanguage'],
  calibration: PlattParameters | undefined,
  llmFallback?: LlmFallback,
): RequestClassifierParts {
  return {
    taxonomy: defaultTaxonomy,
    classifiers: [members.tfidf, members.transformer],
    weights: [ensembleWeights.tfidf, ensembleWeights.transformer],
    classifySentence: (sentence) => members.tfidf.classifySync({ subject: '', text: sentence }),
    calibration,
    detectLanguage,
    extractEntities,
    llmFallback,
  };
}

export const ensembleCalibrationFile = path.join(__dirname, '..', '..', 'classifiers', 'calibration', 'ensemble-calibration.json');

/** The calibration fitted for exactly these classifiers, or none (raw scores) if it was fitted for others. */
export function shippedCalibration(classifierNames: string[]): PlattParameters | undefined {
  if (!existsSync(ensembleCalibrationFile)) return undefined;
  const calibration = ensembleCalibrationSchema.parse(JSON.parse(readFileSync(ensembleCalibrationFile, 'utf8')));
  return calibration.classifiers.join('+') === classifierNames.join('+') ? calibration.parameters : undefined;
}
