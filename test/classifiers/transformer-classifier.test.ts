import { classifierOutputSchema, type ClassificationInput } from '../../classifiers/classification';
import { defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';
import { SentenceEncoder } from '../../classifiers/transformer/sentence-encoder';
import { TransformerClassifier } from '../../classifiers/transformer/transformer-classifier';

// Requests written for this test, not taken from the corpus the model was trained on.
const requests: { input: ClassificationInput; queue: string; intent: string }[] = [
  {
    input: {
      subject: '',
      text: 'Bonjour, je souhaiterais obtenir une copie intégrale de mon acte de naissance. Je suis né dans votre commune en 1984.',
      channel: 'form',
    },
    queue: 'etat-civil',
    intent: 'copie-acte-naissance',
  },
  {
    input: { subject: 'Procuration', text: 'Je serai absent le jour du vote, comment donner procuration à ma sœur ?', channel: 'email' },
    queue: 'elections',
    intent: 'procuration',
  },
  {
    input: {
      subject: '',
      text: 'Le lampadaire devant chez moi au 12 rue des Lilas ne s’allume plus depuis une semaine, la rue est toute noire le soir.',
      channel: 'form',
    },
    queue: 'voirie',
    intent: 'eclairage-public',
  },
  {
    input: {
      subject: 'Bruit',
      text: 'mon voisin met la musique a fond tous les soirs jusqu a 2h du mat, on peut plus dormir',
      channel: 'form',
    },
    queue: 'police-municipale',
    intent: 'nuisances-sonores',
  },
  {
    input: {
      subject: 'Cantine',
      text: "Bonjour, je voudrais inscrire mon fils à la cantine de l'école à partir de septembre.",
      channel: 'email',
    },
    queue: 'enfance-education',
    intent: 'restauration-scolaire',
  },
];

describe('TransformerClassifier (shipped model, offline)', () => {
  let classifier: TransformerClassifier;

  beforeAll(async () => {
    classifier = await TransformerClassifier.load(defaultTaxonomy);
  });

  afterAll(async () => {
    await classifier.encoder.dispose();
  });

  it.each(requests)('routes "$input.text" to $queue / $intent', async ({ input, queue, intent }) => {
    const output = classifierOutputSchema.parse(await classifier.classify(input));
    expect(output).toMatchObject({ classifier: 'transformer', queue, intent });
  });

  it('gives calibrated distributions: intents sum to one and a queue scores the sum of its intents', async () => {
    const output = await classifier.classify(requests[0].input);
    expect(output.intentScores.reduce((sum, entry) => sum + entry.score, 0)).toBeCloseTo(1, 5);
    const civilStatusIntents = new Set(
      defaultTaxonomy.queues.find((queue) => queue.id === 'etat-civil')!.intents.map((intent) => intent.id),
    );
    const civilStatusTotal = output.intentScores
      .filter((entry) => civilStatusIntents.has(entry.label))
      .reduce((sum, entry) => sum + entry.score, 0);
    expect(output.queueScores.find((entry) => entry.label === 'etat-civil')!.score).toBeCloseTo(civilStatusTotal, 5);
    expect(output.confidence).toBe(output.queueScores[0].score);
  });

  it('classifies a batch as it classifies each request alone', async () => {
    const batch = await classifier.classifyBatch(requests.map((request) => request.input));
    for (const [index, request] of requests.entries()) {
      const single = await classifier.classify(request.input);
      expect(batch[index].intent).toBe(single.intent);
      expect(batch[index].confidence).toBeCloseTo(single.confidence, 2);
    }
  });

  it('refuses a head trained on another encoder', () => {
    expect(() => classifier.withHead({ ...classifier.head, encoder: 'another-model' })).toThrow(/another-model/);
  });

  it('never downloads: a model absent from the local folder fails to load', async () => {
    await expect(SentenceEncoder.load({ model: 'Xenova/multilingual-e5-small' })).rejects.toThrow(
      /not found in .*remote models are disabled/,
    );
  });
});
