import { containerBootstrap } from '@nlpjs/core';
import { LangFr } from '@nlpjs/lang-fr';
import { Nlp } from '@nlpjs/nlp';

import type { ClassificationInput, Classifier, ClassifierOutput, ScoredLabel } from '../classification';
import type { LabelledExample } from '../lexical/lexical-classifier';
import type { Taxonomy } from '../taxonomy/taxonomy';
import { opinionFromIntents } from '../transformer/opinion-from-intents';

const locale = 'fr';

/**
 * Peer for comparison: nlp.js's intent classifier (French normaliser, stemmer and its one-layer neural network)
 * trained on the same examples as the lexical classifier. nlp.js's own "None" class is dropped and the rest
 * renormalised, so an utterance it knows nothing about gets a flat, low-confidence distribution.
 */
export class NlpjsClassifier implements Classifier {
  readonly name = 'nlpjs';

  private constructor(
    private readonly taxonomy: Taxonomy,
    private readonly nlp: Nlp,
    private readonly intents: string[],
  ) {}

  static async train(taxonomy: Taxonomy, examples: LabelledExample[]): Promise<NlpjsClassifier> {
    const container = await containerBootstrap();
    container.use(Nlp);
    container.use(LangFr);
    const nlp = container.get('nlp');
    nlp.settings.autoSave = false;
    nlp.settings.calculateSentiment = false;
    nlp.settings.threshold = 0;
    // Handed down to each language's network at training; stops a console line per training epoch.
    nlp.nluManager.settings.log = false;
    nlp.addLanguage(locale);
    for (const example of examples) nlp.addDocument(locale, utterance(example), example.intent);
    await nlp.train();
    return new NlpjsClassifier(taxonomy, nlp, [...new Set(examples.map((example) => example.intent))]);
  }

  async classify(input: ClassificationInput): Promise<ClassifierOutput> {
    const result = await this.nlp.process(locale, utterance(input));
    const known = result.classifications.filter((entry) => entry.intent !== 'None' && entry.score > 0);
    const total = known.reduce((sum, entry) => sum + entry.score, 0);
    const intentScores: ScoredLabel[] =
      total > 0
        ? known.map((entry) => ({ label: entry.intent, score: entry.score / total }))
        : this.intents.map((intent) => ({ label: intent, score: 1 / this.intents.length }));
    return opinionFromIntents(
      this.taxonomy,
      this.name,
      intentScores.sort((a, b) => b.score - a.score),
    );
  }
}

function utterance(input: Pick<ClassificationInput, 'subject' | 'text'>): string {
  return `${input.subject ?? ''}\n${input.text}`.trim();
}
