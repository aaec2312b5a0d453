import type { Entity } from './entity';
import { toMatchingText } from './matching-text';
import { spanEntity } from './span-entity';

/**
 * Civil status documents: the act's kind (`act_type`: naissance, mariage, deces) when a document word introduces it
 * ("acte de naissance", "extrait d'acte de décès", "copie intégrale de mariage", SMS-style "acte naissance") —
 * "naissance" alone is an event, not a document, and a "certificat de décès" is a doctor's form — and the copy asked
 * for (`copy_kind`: copie-integrale, extrait-avec-filiation, extrait-sans-filiation, plurilingue). Only the kind word
 * is the act_type span, so that a copy kind written around it ("extrait de naissance avec filiation") keeps its own.
 */
export function extractCivilStatus(source: string): Entity[] {
  const text = toMatchingText(source);
  const found: Entity[] = [];
  for (const match of text.matchAll(actType)) {
    const [whole, documentWord, kindWord] = match;
    const value = kindWord.toLowerCase();
    if (/^certificat/i.test(documentWord) && value !== 'naissance') continue;
    const start = match.index + whole.length - kindWord.length;
    found.push(spanEntity(source, 'act_type', start, start + kindWord.length, value));
  }
  for (const [pattern, value] of copyKinds) {
    for (const match of text.matchAll(pattern)) {
      found.push(spanEntity(source, 'copy_kind', match.index, match.index + match[0].length, value));
    }
  }
  return found;
}

const actType = new RegExp(
  [
    '(?<!\\p{L})(actes?|extraits?|copies?|certificats?)',
    '(?:\\s+(?:integrales?|completes?|plurilingues?|simples?|(?:avec|sans)\\s+filiation))?',
    "(?:\\s*(?:de\\s+l'|d'|de\\s+|du\\s+)(?:actes?|extraits?))?",
    "\\s*(?:(?:de\\s+|d'|du\\s+)(?:l'|mon\\s+|ma\\s+|son\\s+|sa\\s+|leur\\s+|notre\\s+)?)?",
    '(naissance|mariage|deces)(?!\\p{L})',
  ].join(''),
  'giu',
);

const copyKinds: ReadonlyArray<readonly [RegExp, string]> = [
  [/(?<!\p{L})copies?\s+integrales?(?!\p{L})/giu, 'copie-integrale'],
  [/(?<!\p{L})(?:extraits?\s+)?avec\s+(?:la\s+)?filiation(?!\p{L})/giu, 'extrait-avec-filiation'],
  [/(?<!\p{L})(?:extraits?\s+)?sans\s+(?:la\s+)?filiation(?!\p{L})/giu, 'extrait-sans-filiation'],
  [/(?<!\p{L})(?:plurilingues?|multilingues?)(?!\p{L})/giu, 'plurilingue'],
];
