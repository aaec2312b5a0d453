/**
 * Near-duplicate texts: word 3-shingles with a Jaccard similarity of at least 0.6 (accents and case folded). The
 * corpus builder (training/corpus/near_duplicates.py) keeps blind messages apart with the same rule.
 */
export const nearDuplicateThreshold = 0.6;

export function shingles(text: string): Set<string> {
  const words = text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
  if (words.length < 3) return new Set(words.length ? [words.join(' ')] : []);
  return new Set(words.slice(2).map((word, index) => `${words[index]} ${words[index + 1]} ${word}`));
}

/** Finds, for any text, an indexed text it nearly duplicates. */
export class NearDuplicateIndex {
  private readonly sets: Set<string>[];
  private readonly byShingle = new Map<string, number[]>();

  constructor(texts: string[]) {
    this.sets = texts.map(shingles);
    this.sets.forEach((set, position) => {
      for (const shingle of set) this.byShingle.set(shingle, [...(this.byShingle.get(shingle) ?? []), position]);
    });
  }

  /** The position of the most similar indexed text at or above the threshold, or undefined. */
  match(text: string): number | undefined {
    const mine = shingles(text);
    const candidates = new Set([...mine].flatMap((shingle) => this.byShingle.get(shingle) ?? []));
    let best: { position: number; similarity: number } | undefined;
    for (const position of candidates) {
      const other = this.sets[position]!;
      const shared = [...mine].filter((shingle) => other.has(shingle)).length;
      const similarity = shared / (mine.size + other.size - shared);
      if (similarity >= nearDuplicateThreshold && (!best || similarity > best.similarity)) best = { position, similarity };
    }
    return best?.position;
  }
}
