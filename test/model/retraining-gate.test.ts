import { correctionIntent } from '../../classifiers/correction-intent';
import { defaultTaxonomy, queueOfIntent } from '../../classifiers/taxonomy/taxonomy';
import { trainLinearHead, trainLinearHeadYielding } from '../../classifiers/transformer/linear-head';
import { retrainingVerdict } from '../../classifiers/transformer/retraining-verdict';
import type { HeadMetrics } from '../../classifiers/transformer/softmax-head';

const metrics = (intentMacroF1: number, queueAccuracy: number): HeadMetrics => ({
  intentAccuracy: 0.8,
  intentMacroF1,
  queueAccuracy,
  negativeLogLikelihood: 1,
  expectedCalibrationError: 0.05,
});

describe('retrainingVerdict', () => {
  const active = metrics(0.76, 0.84);

  it('activates a head that is better, equal, or worse by no more than the tolerance', () => {
    expect(retrainingVerdict(active, metrics(0.78, 0.85), 0.005)).toEqual({ activate: true, refusals: [] });
    expect(retrainingVerdict(active, active, 0)).toEqual({ activate: true, refusals: [] });
    expect(retrainingVerdict(active, metrics(0.756, 0.836), 0.005).activate).toBe(true);
  });

  it('refuses a head that loses macro-F1 or queue accuracy beyond the tolerance, saying which in French', () => {
    expect(retrainingVerdict(active, metrics(0.74, 0.84), 0.005)).toEqual({
      activate: false,
      refusals: ['macro-F1 des motifs en baisse : 76,0 % → 74,0 %'],
    });
    expect(retrainingVerdict(active, metrics(0.76, 0.82), 0.005).refusals).toEqual(['exactitude des files en baisse : 84,0 % → 82,0 %']);
    expect(retrainingVerdict(active, metrics(0.7, 0.8), 0.005).refusals).toHaveLength(2);
    expect(retrainingVerdict(active, metrics(0.759, 0.84), 0).activate).toBe(false);
  });
});

describe('correctionIntent', () => {
  const labels = defaultTaxonomy.queues.flatMap((queue) => queue.intents.map((intent) => intent.id));
  // Scores that favour labels in taxonomy order.
  const scores = labels.map((label, index) => ({ label, score: 1 / (index + 2) }));

  it("takes the agent's intent when it belongs to the chosen queue", () => {
    expect(correctionIntent(defaultTaxonomy, scores, { queue: 'voirie', intent: 'eclairage-public', previousIntent: 'pacs' })).toBe(
      'eclairage-public',
    );
  });

  it("else the ticket's own intent when it belongs to the chosen queue (a request the reception was left with)", () => {
    expect(correctionIntent(defaultTaxonomy, scores, { queue: 'etat-civil', previousIntent: 'recensement-citoyen' })).toBe(
      'recensement-citoyen',
    );
  });

  it("else the classifier's most likely intent within the chosen queue", () => {
    const voirieIntents = defaultTaxonomy.queues.find((queue) => queue.id === 'voirie')!.intents.map((intent) => intent.id);
    const chosen = correctionIntent(defaultTaxonomy, scores, { queue: 'voirie', intent: 'pacs', previousIntent: 'pacs' });
    expect(queueOfIntent(defaultTaxonomy, chosen)).toBe('voirie');
    expect(chosen).toBe(voirieIntents.reduce((best, intent) => (labels.indexOf(intent) < labels.indexOf(best) ? intent : best)));
  });
});

describe('trainLinearHeadYielding', () => {
  it('trains the same head as trainLinearHead, giving the event loop back between epochs', async () => {
    const embeddings = Array.from({ length: 60 }, (_, index) => [index % 3, (index * 7) % 5, 1 + (index % 2)]);
    const examples = { embeddings, labels: embeddings.map((_, index) => index % 3) };
    const options = { labelCount: 3, l2: 1e-3, epochs: 4, learningRate: 0.05, batchSize: 16, seed: 3 };
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    const yielded = await trainLinearHeadYielding(examples, options);
    clearInterval(ticker);
    expect(yielded).toEqual(trainLinearHead(examples, options));
    expect(ticks).toBeGreaterThan(0);
  });
});
