import type { ClassifierOutput } from '../../classifiers/classification';
import { detectParts, multipleRequestsIntent, withoutUnfoundParts } from '../../classifiers/parts/detect-parts';
import { segmentSentences } from '../../classifiers/parts/segment-sentences';
import { defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';
import { opinionFromIntents } from '../../classifiers/transformer/opinion-from-intents';

/** An opinion putting `score` on one intent and spreading the rest evenly over the others. */
function opinion(intent: string, score: number): ClassifierOutput {
  const intents = defaultTaxonomy.queues.flatMap((queue) => queue.intents.map((entry) => entry.id));
  const rest = (1 - score) / (intents.length - 1);
  return opinionFromIntents(
    defaultTaxonomy,
    'test',
    intents.map((label) => ({ label, score: label === intent ? score : rest })).sort((a, b) => b.score - a.score),
  );
}

// Sentences the way a sentence classifier would read them, by a word each carries.
const sentenceOpinions: [RegExp, string, number][] = [
  [/naissance/, 'copie-acte-naissance', 0.97],
  [/lampadaire/, 'eclairage-public', 0.95],
  [/voisin/, 'nuisances-sonores', 0.7],
];
const classifySentence = (sentence: string) => {
  const match = sentenceOpinions.find(([pattern]) => pattern.test(sentence));
  return match ? opinion(match[1], match[2]) : opinion('autre', 0.9);
};

describe('segmentSentences', () => {
  it.each([
    [
      'two sentences',
      'Je veux un acte de naissance. Le lampadaire est éteint !',
      ['Je veux un acte de naissance.', 'Le lampadaire est éteint !'],
    ],
    [
      'a connector inside a sentence',
      'Je veux un acte de naissance et aussi signaler le lampadaire éteint',
      ['Je veux un acte de naissance', 'et aussi signaler le lampadaire éteint'],
    ],
    ['lines', 'acte de naissance svp\nlampadaire éteint rue Haute', ['acte de naissance svp', 'lampadaire éteint rue Haute']],
    ['greetings too short to ask anything', 'Bonjour. Merci ! Je veux un acte de naissance.', ['Je veux un acte de naissance.']],
  ])('%s', (_, text, expected) => {
    const segments = segmentSentences(text);
    expect(segments.map((segment) => segment.text)).toEqual(expected);
    for (const segment of segments) expect(text.slice(segment.start, segment.end)).toBe(segment.text);
  });
});

describe('detectParts', () => {
  const text = "Bonjour, je voudrais un acte de naissance. Par ailleurs le lampadaire du 12 est éteint. Merci d'avance.";
  it.each([
    [
      'two services claimed and a message that looks like several requests',
      text,
      0.3,
      [
        ['etat-civil', 'copie-acte-naissance'],
        ['voirie', 'eclairage-public'],
      ],
    ],
    ['a message that does not look like several requests at all', text, 0.001, undefined],
    ['one service only', 'Je voudrais un acte de naissance. Pour mon fils, né le 3 mai.', 0.3, undefined],
    [
      'a second service claimed without confidence, and little support',
      'Je voudrais un acte de naissance. Le voisin aussi en voudrait un.',
      0.05,
      undefined,
    ],
    [
      'a second service claimed with middling confidence, strong support',
      'Je voudrais un acte de naissance. Le voisin fait du bruit la nuit.',
      0.6,
      [
        ['etat-civil', 'copie-acte-naissance'],
        ['police-municipale', 'nuisances-sonores'],
      ],
    ],
  ])('%s', (_, message, support, expected) => {
    const parts = detectParts(defaultTaxonomy, message, opinion(multipleRequestsIntent, support), classifySentence);
    expect(parts?.map((part) => [part.queue, part.intent])).toEqual(expected);
    for (const part of parts ?? []) expect(message.slice(part.start, part.end)).toBe(part.text);
  });
});

describe('withoutUnfoundParts', () => {
  it('keeps any other decision as it is', () => {
    const decision = opinion('eclairage-public', 0.8);
    expect(withoutUnfoundParts(defaultTaxonomy, decision)).toBe(decision);
  });

  it('sets the several-requests score aside when no parts were found, and takes the best other intent', () => {
    const scores = [
      { label: multipleRequestsIntent, score: 0.5 },
      { label: 'eclairage-public', score: 0.3 },
      { label: 'horaires-ouverture', score: 0.2 },
    ];
    const decision = withoutUnfoundParts(defaultTaxonomy, opinionFromIntents(defaultTaxonomy, 'test', scores));
    expect(decision).toMatchObject({ queue: 'voirie', intent: 'eclairage-public', confidence: 0.3 });
  });
});
