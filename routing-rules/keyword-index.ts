/**
 * Keyword matching works on folded text: accents and case removed, ligatures spelled out, every run of
 * characters other than letters and digits turned into one space, and a space at both ends, so that
 * " fuite de gaz " found in it means the words appear in this order as whole words.
 */
export function foldForKeywords(text: string): string {
  let folded = ' ';
  let separatorPending = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    const first = foldedFirstCode(code);
    if (first === NEEDS_GENERAL_PATH) return foldAnyScript(text);
    if (first === SEPARATOR) {
      separatorPending = true;
      continue;
    }
    if (separatorPending && folded.length > 1) folded += ' ';
    separatorPending = false;
    folded += String.fromCharCode(first);
    if (FOLD_SECOND[code] !== 0) folded += String.fromCharCode(FOLD_SECOND[code]);
  }
  return folded.length === 1 ? folded : `${folded} `;
}

/** The same folding for any script, through Unicode decomposition: exact but several times slower. */
function foldAnyScript(text: string): string {
  const folded = spellOutLigatures(
    text
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase(),
  )
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return folded === '' ? ' ' : ` ${folded} `;
}

function spellOutLigatures(text: string): string {
  return text.replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/ß/g, 'ss');
}

/** Folding and scanning share these tables in one module: on hot loops, reading another module's exports costs a getter call per character under CommonJS. */
const SEPARATOR = -1;
const NEEDS_GENERAL_PATH = -2;

/**
 * Latin-1 and Latin Extended-A (all of French) folded once into two code tables: the first folded code of a
 * character (or SEPARATOR), and the second one for ligatures ("œ" → "oe"), 0 otherwise.
 */
const FAST_RANGE = 0x180;
const FOLD_FIRST = new Int32Array(FAST_RANGE);
const FOLD_SECOND = new Int32Array(FAST_RANGE);
for (let code = 0; code < FAST_RANGE; code += 1) {
  const folded = spellOutLigatures(
    String.fromCharCode(code)
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase(),
  );
  const isWordCharacter = /^[\p{L}\p{N}]{1,2}$/u.test(folded);
  FOLD_FIRST[code] = isWordCharacter ? folded.charCodeAt(0) : SEPARATOR;
  FOLD_SECOND[code] = isWordCharacter && folded.length === 2 ? folded.charCodeAt(1) : 0;
}

/** Folded code of a character on the fast path, SEPARATOR, or NEEDS_GENERAL_PATH for other scripts and symbols. */
function foldedFirstCode(code: number): number {
  if (code < FAST_RANGE) return FOLD_FIRST[code];
  return isFrequentPunctuation(code) ? SEPARATOR : NEEDS_GENERAL_PATH;
}

/** Second folded code of a ligature, 0 for every other character. */
function foldedSecondCode(code: number): number {
  return code < FAST_RANGE ? FOLD_SECOND[code] : 0;
}

/** Typographic quotes, dashes, narrow spaces, the ellipsis and currency signs such as €, frequent in French text. */
function isFrequentPunctuation(code: number): boolean {
  return code >= 0x2000 && code <= 0x20cf;
}

export function hasFoldedContent(keyword: string): boolean {
  return foldForKeywords(keyword.replace(/\*\s*$/, '')).trim().length > 0;
}

export type TextPart = 'subject' | 'text';

/** What keyword matchers read about one request, each part scanned once whatever the number of keywords. */
export interface KeywordSource {
  /** One byte per word or prefix of the index, 1 when the part contains it. */
  keywordHits(part: TextPart): Uint8Array;
  foldedPart(part: TextPart): string;
}

/** A keyword of several words, or ending with `*`: `ids` gate the cheap way, `needle` confirms on folded text. */
interface Phrase {
  readonly ids: readonly number[];
  readonly needle: string;
}

interface TrieNode {
  readonly children: Map<number, TrieNode>;
  wordId: number;
  prefixId: number;
}

const newNode = (): TrieNode => ({ children: new Map(), wordId: -1, prefixId: -1 });

/**
 * Every keyword word of a rule set in one trie over folded characters: scanning a text walks each of its
 * words down the trie once, without building strings, and marks the known words and prefixes it contains.
 * Phrases are checked word by word first and confirmed on the folded text only when all their words appear.
 */
export class KeywordIndex {
  private readonly root = newNode();
  private size = 0;

  /**
   * A test of a keyword list on the given parts: `any` keyword or `all` of them (each in one of the parts).
   * "fuite de gaz" matches the words in this order; a trailing `*` matches words starting with the last word.
   */
  matcherFor(keywords: readonly string[], match: 'any' | 'all', parts: readonly TextPart[]): (source: KeywordSource) => boolean {
    const singleWordIds: number[] = [];
    const phrases: Phrase[] = [];
    for (const keyword of keywords) {
      const trimmed = keyword.trim();
      const isPrefix = trimmed.endsWith('*');
      const folded = foldForKeywords(isPrefix ? trimmed.slice(0, -1) : trimmed);
      const words = folded.trim().split(' ');
      const ids = words.map((word, position) => this.register(word, isPrefix && position === words.length - 1));
      if (ids.length === 1) singleWordIds.push(ids[0]);
      else phrases.push({ ids, needle: isPrefix ? folded.trimEnd() : folded });
    }
    const phraseIn = (source: KeywordSource, phrase: Phrase) =>
      parts.some((part) => {
        const hits = source.keywordHits(part);
        return phrase.ids.every((id) => hits[id] === 1) && source.foldedPart(part).includes(phrase.needle);
      });
    if (match === 'any') {
      return (source) => {
        for (const part of parts) {
          const hits = source.keywordHits(part);
          for (const id of singleWordIds) if (hits[id] === 1) return true;
        }
        return phrases.some((phrase) => phraseIn(source, phrase));
      };
    }
    return (source) =>
      singleWordIds.every((id) => parts.some((part) => source.keywordHits(part)[id] === 1)) &&
      phrases.every((phrase) => phraseIn(source, phrase));
  }

  scan(text: string): Uint8Array {
    const hits = new Uint8Array(this.size);
    const root = this.root;
    let node: TrieNode | undefined = root;
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      const first = foldedFirstCode(code);
      if (first === NEEDS_GENERAL_PATH) return this.scanFolded(foldAnyScript(text));
      if (first === SEPARATOR) {
        if (node !== undefined && node.wordId >= 0) hits[node.wordId] = 1;
        node = root;
        continue;
      }
      node = step(node, first, hits);
      const second = foldedSecondCode(code);
      if (second !== 0) node = step(node, second, hits);
    }
    if (node !== undefined && node.wordId >= 0) hits[node.wordId] = 1;
    return hits;
  }

  private scanFolded(folded: string): Uint8Array {
    const hits = new Uint8Array(this.size);
    let node: TrieNode | undefined = this.root;
    for (let index = 0; index < folded.length; index += 1) {
      const code = folded.charCodeAt(index);
      if (code === 0x20) {
        if (node !== undefined && node.wordId >= 0) hits[node.wordId] = 1;
        node = this.root;
      } else {
        node = step(node, code, hits);
      }
    }
    return hits;
  }

  private register(word: string, asPrefix: boolean): number {
    let node = this.root;
    for (let index = 0; index < word.length; index += 1) {
      const code = word.charCodeAt(index);
      let child = node.children.get(code);
      if (!child) {
        child = newNode();
        node.children.set(code, child);
      }
      node = child;
    }
    if (asPrefix) {
      if (node.prefixId < 0) node.prefixId = this.size++;
      return node.prefixId;
    }
    if (node.wordId < 0) node.wordId = this.size++;
    return node.wordId;
  }
}

function step(node: TrieNode | undefined, code: number, hits: Uint8Array): TrieNode | undefined {
  if (node === undefined) return undefined;
  const child = node.children.get(code);
  if (child !== undefined && child.prefixId >= 0) hits[child.prefixId] = 1;
  return child;
}
