import { createHash } from 'node:crypto';
import { z } from 'zod';

import { charNgrams, foldText, wordNgrams } from './ngram-terms';

/** A sparse feature vector: feature indices (ascending) and their values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

export const vectorizerStateSchema = z.object({
  charTerms: z.array(z.string()),
  charIdf: z.array(z.number()),
  wordTerms: z.array(z.string()),
  wordIdf: z.array(z.number()),
});
export type VectorizerState = z.infer<typeof vectorizerStateSchema>;

export interface VectorizerOptions {
  /** A term seen in fewer training texts is left out (noise, names, phone numbers). */
  minDocumentFrequency: number;
  /** The most frequent terms kept per block, to bound the model's size. */
  maxCharTerms: number;
  maxWordTerms: number;
}

type Extract = (folded: string, emit: (term: string) => void) => void;

interface Block {
  terms: Map<string, number>;
  idf: Float32Array;
  extract: Extract;
}

/**
 * TF-IDF over character and word n-grams, as scikit-learn's TfidfVectorizer with sublinear tf, smoothed idf and
 * L2 normalisation, one block per analyzer concatenated (as a FeatureUnion): the character block carries spelling
 * variants, the word block exact phrases, and each weighs the same whatever the text's length.
 */
export class TfidfVectorizer {
  private constructor(private readonly blocks: [Block, Block]) {}

  private cachedDigest: string | undefined;

  get size(): number {
    return this.blocks[0].terms.size + this.blocks[1].terms.size;
  }

  /** SHA-256 of the vocabulary, in order. */
  get digest(): string {
    this.cachedDigest ??= createHash('sha256')
      .update(this.blocks.map((block) => [...block.terms.keys()].join('\n')).join('\n\n'))
      .digest('hex');
    return this.cachedDigest;
  }

  static fit(texts: string[], options: VectorizerOptions): TfidfVectorizer {
    const folded = texts.map(foldText);
    return new TfidfVectorizer([
      fitBlock(folded, charNgrams, options.minDocumentFrequency, options.maxCharTerms),
      fitBlock(folded, wordNgrams, options.minDocumentFrequency, options.maxWordTerms),
    ]);
  }

  static fromState(state: VectorizerState): TfidfVectorizer {
    const block = (terms: string[], idf: number[], extract: Extract): Block => ({
      terms: new Map(terms.map((term, index) => [term, index])),
      idf: Float32Array.from(idf),
      extract,
    });
    return new TfidfVectorizer([block(state.charTerms, state.charIdf, charNgrams), block(state.wordTerms, state.wordIdf, wordNgrams)]);
  }

  toState(): VectorizerState {
    const [char, word] = this.blocks;
    return { charTerms: [...char.terms.keys()], charIdf: [...char.idf], wordTerms: [...word.terms.keys()], wordIdf: [...word.idf] };
  }

  transform(text: string): SparseVector {
    const folded = foldText(text);
    const indices: number[] = [];
    const values: number[] = [];
    let offset = 0;
    for (const block of this.blocks) {
      const counts = new Map<number, number>();
      block.extract(folded, (term) => {
        const index = block.terms.get(term);
        if (index !== undefined) counts.set(index, (counts.get(index) ?? 0) + 1);
      });
      const sorted = [...counts.keys()].sort((a, b) => a - b);
      const weights = sorted.map((index) => (1 + Math.log(counts.get(index)!)) * block.idf[index]!);
      const norm = Math.sqrt(weights.reduce((sum, weight) => sum + weight * weight, 0)) || 1;
      sorted.forEach((index, position) => {
        indices.push(offset + index);
        values.push(weights[position]! / norm);
      });
      offset += block.terms.size;
    }
    return { indices: Int32Array.from(indices), values: Float32Array.from(values) };
  }
}

function fitBlock(folded: string[], extract: Extract, minDocumentFrequency: number, maxTerms: number): Block {
  const documentFrequency = new Map<string, number>();
  for (const text of folded) {
    const seen = new Set<string>();
    extract(text, (term) => seen.add(term));
    for (const term of seen) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  // Most frequent first, ties broken alphabetically so that the vocabulary is reproducible.
  const kept = [...documentFrequency]
    .filter(([, frequency]) => frequency >= minDocumentFrequency)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxTerms);
  const documents = folded.length;
  return {
    terms: new Map(kept.map(([term], index) => [term, index])),
    idf: Float32Array.from(kept.map(([, frequency]) => Math.log((1 + documents) / (1 + frequency)) + 1)),
    extract,
  };
}
