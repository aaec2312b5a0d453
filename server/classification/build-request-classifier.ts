import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ensembleCalibrationSchema } from '../../classifiers/calibration/ensemble-calibration';
import type { PlattParameters } from '../../classifiers/calibration/platt-scaling';
import type { Classifier } from '../../classifiers/classification';
import type { RequestClassifierParts } from '../../classifiers/classify-request';
import { extractEntities } from '../../classifiers/entities/extract-entities';
import { loadLanguageDetector } from '../../classifiers/language/language-detector';
import type { LlmFallback } from '../../classifiers/llm/llm-fallback';
import { defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';
import type { TfidfClassifier } from '../../classifiers/tfidf/tfidf-classifier';
import { loadTfidfClassifier } from '../../classifiers/tfidf/tfidf-model-files';
import { TransformerClassifier } from '../../classifiers/transformer/transformer-classifier';

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
  transformer: Classifier;
}

/**
 * Builds the classification stage from the shipped models; done once at start-up (a second or two). The service
 * passes its own members, whose models follow the active version (see classifier-head-runtime).
 */
export async function buildRequestClassifier(llmFallback?: LlmFallback, members?: Partial<EnsembleMembers>): Promise<RequestClassifierParts> {
  const tfidf = members?.tfidf ?? loadTfidfClassifier(defaultTaxonomy);
  const transformer = members?.transformer ?? (await TransformerClassifier.load(defaultTaxonomy));
  const calibration = shippedCalibration([tfidf.name, transformer.name]);
  return ensembleClassifier({ tfidf, transformer }, await loadLanguageDetector(), calibration, llmFallback);
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
