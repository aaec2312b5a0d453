import type { Classification } from '../../classifiers/classification';
import { applyLlmVerdict, MAX_LLM_REASON_LENGTH } from '../../classifiers/llm/apply-llm-verdict';
import type { LlmRoutingPolicy } from '../../classifiers/llm/llm-fallback';
import { defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';

const call = { callId: 'appel-1', promptVersion: 'classify-request.v1', model: 'modele-de-test' };
const scores = (labels: string[]) => labels.map((label, index) => ({ label, score: 0.4 - index * 0.1 }));
const intentOf = (queue: string) => defaultTaxonomy.queues.find((candidate) => candidate.id === queue)!.intents[0]!.id;

/** Unsure local decision: social first, then etat-civil, then voirie, then everything else far behind. */
const local: Classification = {
  queue: 'social',
  intent: intentOf('social'),
  confidence: 0.4,
  decidedBy: 'local',
  language: 'fr',
  opinions: [
    {
      classifier: 'local',
      queue: 'social',
      intent: intentOf('social'),
      confidence: 0.4,
      queueScores: scores(['social', 'etat-civil', 'voirie', 'police-municipale']),
      intentScores: [],
    },
  ],
  entities: [],
};

const policy = (overrides: Partial<LlmRoutingPolicy> = {}): LlmRoutingPolicy => ({
  mode: 'agree-with-local',
  topAlternatives: 3,
  confidenceCeiling: 0.85,
  ...overrides,
});
const answer = (queue: string, confidence: number, reason = 'Une raison.') => ({
  call,
  answer: { queue, intent: intentOf(queue), confidence, reason, entities: [] },
});
const apply = (verdict: ReturnType<typeof answer>, routing = policy()) =>
  applyLlmVerdict(defaultTaxonomy, local, verdict, { text: '', extract: () => [], policy: routing });

describe('an LLM answer routes only when it agrees with the local alternatives', () => {
  test.each<
    [string, string, number, Partial<LlmRoutingPolicy>, { queue: string; decidedBy: string; confidence: number; agreement: string }]
  >([
    [
      'agrees with the local first choice',
      'social',
      0.95,
      {},
      { queue: 'social', decidedBy: 'llm', confidence: 0.85, agreement: 'agreed' },
    ],
    ['agrees with the third alternative', 'voirie', 0.7, {}, { queue: 'voirie', decidedBy: 'llm', confidence: 0.7, agreement: 'agreed' }],
    [
      'claims certainty outside the alternatives',
      'police-municipale',
      1,
      {},
      { queue: 'accueil', decidedBy: 'llm-disagreed', confidence: 0.4, agreement: 'disagreed' },
    ],
    [
      'is outside a narrower set',
      'voirie',
      0.9,
      { topAlternatives: 2 },
      { queue: 'accueil', decidedBy: 'llm-disagreed', confidence: 0.4, agreement: 'disagreed' },
    ],
    [
      'is trusted by the operator’s policy',
      'police-municipale',
      1,
      { mode: 'trust-llm' },
      { queue: 'police-municipale', decidedBy: 'llm', confidence: 0.85, agreement: 'trusted-by-policy' },
    ],
  ])('%s', (_label, queue, confidence, routing, expected) => {
    const decision = apply(answer(queue, confidence), policy(routing));
    expect(decision).toMatchObject({ queue: expected.queue, decidedBy: expected.decidedBy, confidence: expected.confidence });
    expect(decision.llm).toMatchObject({ outcome: 'answered', agreement: expected.agreement, selfReportedConfidence: confidence });
    expect(decision.opinions.map((opinion) => [opinion.classifier, opinion.queue])).toEqual([
      ['local', 'social'],
      ['llm', queue],
    ]);
  });

  test('a disagreement names both opinions for the agent', () => {
    expect(apply(answer('police-municipale', 1)).llm!.note).toBe(
      "Désaccord : le modèle de langue propose la file police-municipale, qui n'est pas parmi les 3 files envisagées par le classifieur local (social, etat-civil, voirie). La demande est confiée au tri manuel.",
    );
  });

  test('the reason is truncated', () => {
    const reason = apply(answer('social', 0.9, 'x'.repeat(300))).llm!.reason!;
    expect(reason).toHaveLength(MAX_LLM_REASON_LENGTH);
    expect(reason.endsWith('…')).toBe(true);
  });
});
