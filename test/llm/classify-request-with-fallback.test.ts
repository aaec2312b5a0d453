import type { ClassifierOutput } from '../../classifiers/classification';
import { classifyRequest, type RequestClassifierParts } from '../../classifiers/classify-request';
import { extractEntities } from '../../classifiers/entities/extract-entities';
import type { LlmFallback, LlmFallbackRequest, LlmVerdict } from '../../classifiers/llm/llm-fallback';
import { defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';

const call = { callId: 'appel-1', promptVersion: 'classify-request.v1', model: 'modele-de-test' };

function localOpinion(confidence: number): ClassifierOutput {
  return {
    classifier: 'local',
    queue: 'urbanisme',
    intent: 'question-plu',
    confidence,
    queueScores: [{ label: 'urbanisme', score: confidence }],
    intentScores: [{ label: 'question-plu', score: confidence }],
  };
}

/** The classification stage with a local classifier of fixed confidence and a fallback that answers `verdict`. */
function stage(confidence: number, verdict: LlmVerdict) {
  const asked: LlmFallbackRequest[] = [];
  const llmFallback: LlmFallback = {
    confidenceThreshold: 0.7,
    routingPolicy: { mode: 'agree-with-local', topAlternatives: 3, confidenceCeiling: 0.85 },
    classify: async (request) => {
      asked.push(request);
      return verdict;
    },
  };
  const parts: RequestClassifierParts = {
    taxonomy: defaultTaxonomy,
    classifiers: [{ name: 'local', classify: async () => localOpinion(confidence) }],
    detectLanguage: async () => ({ language: 'fr', probability: 1 }),
    extractEntities,
    llmFallback,
  };
  return { parts, asked };
}

const request = {
  subject: 'Mon terrain',
  text: 'Puis-je construire sur la parcelle section AB n° 123 ?\n\nLe 3 mars 2025, Mairie <contact@mairie.example> a écrit :\n> Bonjour',
  channel: 'email' as const,
  receivedAt: new Date('2026-03-10T10:00:00Z'),
  timeZone: 'Europe/Paris',
};
const answer = {
  queue: 'urbanisme',
  intent: 'certificat-urbanisme',
  confidence: 0.85,
  reason: 'Question de constructibilité.',
  entities: [],
};

describe('classification stage with an LLM fallback', () => {
  it('does not ask the LLM when the local confidence reaches the threshold', async () => {
    const { parts, asked } = stage(0.7, { call, answer });

    const classification = await classifyRequest(parts, request);

    expect(asked).toHaveLength(0);
    expect(classification).toMatchObject({ queue: 'urbanisme', intent: 'question-plu', decidedBy: 'local' });
    expect(classification.llm).toBeUndefined();
  });

  it('lets the LLM decide below the threshold, on the text without the quoted reply, keeping the local opinion', async () => {
    const { parts, asked } = stage(0.4, { call, answer });

    const classification = await classifyRequest(parts, request);

    expect(asked).toEqual([
      {
        subject: 'Mon terrain',
        text: 'Puis-je construire sur la parcelle section AB n° 123 ?',
        channel: 'email',
        receivedAt: request.receivedAt,
        timeZone: 'Europe/Paris',
      },
    ]);
    expect(classification).toMatchObject({ queue: 'urbanisme', intent: 'certificat-urbanisme', confidence: 0.85, decidedBy: 'llm' });
    expect(classification.opinions.map((opinion) => opinion.classifier)).toEqual(['local', 'llm']);
    expect(classification.llm).toMatchObject({ ...call, outcome: 'answered', reason: answer.reason, entitiesAdded: 0 });
    // The quoted reply's header gives its date, kept apart from the citizen's own facts.
    expect(classification.entities.map(({ type, value, fromQuotedHistory }) => ({ type, value, fromQuotedHistory }))).toEqual([
      { type: 'cadastral_ref', value: 'AB 123' },
      { type: 'date', value: '2025-03-03', fromQuotedHistory: true },
    ]);
  });

  it('sends the request to the fallback queue when the LLM fails, saying why', async () => {
    const { parts } = stage(0.4, { call, failure: 'over-budget' });

    const classification = await classifyRequest(parts, request);

    expect(classification).toMatchObject({ queue: defaultTaxonomy.fallbackQueue, decidedBy: 'llm-failed', confidence: 0.4 });
    expect(classification.opinions).toEqual([localOpinion(0.4)]);
    expect(classification.llm).toMatchObject({ ...call, outcome: 'over-budget', note: expect.stringContaining('budget mensuel') });
  });
});
