import { applyPlatt, type PlattParameters } from './calibration/platt-scaling';
import type { Classification, ClassificationInput, Classifier, ClassifierOutput } from './classification';
import { combineOpinions } from './combine-opinions';
import type { Entity } from './entities/entity';
import { extractRequestEntities } from './entities/extract-request-entities';
import type { ExtractionContext } from './entities/extraction-context';
import type { LanguageDetector } from './language/language-detector';
import { applyLlmVerdict } from './llm/apply-llm-verdict';
import type { LlmFallback } from './llm/llm-fallback';
import { detectParts, multipleRequestsIntent, withoutUnfoundParts } from './parts/detect-parts';
import type { Taxonomy } from './taxonomy/taxonomy';
import { stripQuotedReply } from './text/strip-quoted-reply';
import { stripRoutingInstructions } from './text/strip-routing-instructions';

export interface RequestClassifierParts {
  taxonomy: Taxonomy;
  classifiers: Classifier[];
  /** How much each classifier's opinion counts in the average (equal when absent). */
  weights?: number[];
  /** Classifies one sentence alone, to find the requests of a message that asks several services. */
  classifySentence?: (sentence: string) => ClassifierOutput;
  /** Maps the combined score onto a probability of being right, fitted on the validation split. */
  calibration?: PlattParameters;
  detectLanguage: LanguageDetector;
  extractEntities: (text: string, context: ExtractionContext) => Entity[];
  /** Asked only when the local classifiers are unsure; without it they always decide. */
  llmFallback?: LlmFallback;
}

/** A request with what dates its facts: the reception instant and the town hall's time zone. */
export type RequestToClassify = ClassificationInput & ExtractionContext;

/**
 * Works out what a request is about and the facts in it. Quoted earlier messages are left out so that a reply
 * is judged on what the citizen wrote now (their headers' dates stay, marked `fromQuotedHistory`); entity offsets
 * refer to the request text, which begins with the own text. Sentences addressed to the
 * sorting system itself ("route this to…") are not read by any classifier. When the local classifiers are
 * unsure and an LLM fallback is configured, the LLM decides, or its failure sends the request to manual triage.
 */
export async function classifyRequest(parts: RequestClassifierParts, request: RequestToClassify): Promise<Classification> {
  const ownText = stripQuotedReply(request.text);
  const input: ClassificationInput = {
    subject: stripRoutingInstructions(request.subject),
    text: stripRoutingInstructions(ownText),
    channel: request.channel,
  };
  const [language, opinions] = await Promise.all([
    parts.detectLanguage(`${request.subject} ${ownText}`),
    Promise.all(parts.classifiers.map((classifier) => classifier.classify(input))),
  ]);
  const combined = combineOpinions(parts.taxonomy, opinions, parts.weights);
  const requestParts = parts.classifySentence && detectParts(parts.taxonomy, input.text, combined, parts.classifySentence);
  const single = requestParts ? combined : withoutUnfoundParts(parts.taxonomy, combined);
  const decision = parts.calibration ? { ...single, confidence: applyPlatt(parts.calibration, single.confidence) } : single;
  const extractionContext: ExtractionContext = {
    receivedAt: request.receivedAt,
    timeZone: request.timeZone,
    requesterName: request.requesterName,
  };
  const local: Classification = {
    queue: decision.queue,
    intent: decision.intent,
    confidence: decision.confidence,
    decidedBy: decision.classifier,
    language: language.language,
    opinions: opinions.length > 1 ? [decision, ...opinions] : opinions,
    entities: extractRequestEntities(request.text, extractionContext, parts.extractEntities),
    // Several requests for different services: reception sees the parts (or a split rule routes each part).
    ...(requestParts && {
      queue: parts.taxonomy.fallbackQueue,
      intent: multipleRequestsIntent,
      confidence: Math.min(...requestParts.map((part) => part.confidence)),
      parts: requestParts,
    }),
  };
  const fallback = parts.llmFallback;
  if (!fallback || decision.confidence >= fallback.confidenceThreshold) return local;
  const verdict = await fallback.classify({ ...input, ...extractionContext });
  return applyLlmVerdict(parts.taxonomy, local, verdict, {
    text: ownText,
    extract: (snippet) => parts.extractEntities(snippet, extractionContext),
    policy: fallback.routingPolicy,
  });
}

/** The final decision as one opinion: the combined scores, with the queue, intent and confidence decided. */
export function decisionOf(classification: Classification): ClassifierOutput {
  const { queue, intent, confidence } = classification;
  return { ...classification.opinions[0]!, queue, intent, confidence };
}
