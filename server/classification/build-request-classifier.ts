import type { RequestClassifierParts } from '../../classifiers/classify-request';
import type { LlmFallback } from '../../classifiers/llm/llm-fallback';
import { loadLanguageDetector } from '../../classifiers/language/language-detector';
import { LexicalClassifier } from '../../classifiers/lexical/lexical-classifier';
import { defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';
import { readCorpusSplit } from './load-corpus';
import { extractEntities } from '../../classifiers/entities/extract-entities';

/** Builds the classification stage from the shipped corpus and models; done once at start-up (about a second). */
export async function buildRequestClassifier(llmFallback?: LlmFallback): Promise<RequestClassifierParts> {
  const lexical = LexicalClassifier.train(defaultTaxonomy, readCorpusSplit('train')).calibrated(readCorpusSplit('validation'));
  return {
    taxonomy: defaultTaxonomy,
    classifiers: [lexical],
    detectLanguage: await loadLanguageDetector(),
    extractEntities,
    llmFallback,
  };
}
