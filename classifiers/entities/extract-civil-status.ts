import type { Entity } from './entity';
import { toMatchingText } from './matching-text';
import { spanEntity } from './span-entity';

/**
 * Civil status documents: the act's kind (`act_type`: naissance, mariage, deces, livret-famille) when a document
 * word introduces it ("acte de naissance", "extrait d'acte de décès", "copie intégrale de mariage", SMS-style "acte
 * naissance") — "naissance" alone is an event, not a document, and a "certificat de décès" is a doctor's form — or
 * when the document is named in another language ("birth certificate", "acta de nacimiento", "certidão de óbito",
 * "certificato di nascita", "Geburtsurkunde", "family record book": abroad, a death certificate is the civil
 * record). Also the copy asked for (`copy_kind`: copie-integrale, extrait-avec-filiation, extrait-sans-filiation,
 * plurilingue), in French or not ("copia literal", "inteiro teor", "full copy", "multilingual"). Only the kind word
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
  for (const [pattern, value] of documentNames) {
    for (const match of text.matchAll(pattern)) {
      const [start, end] = match.indices!.slice(1).find((group) => group !== undefined)!;
      found.push(spanEntity(source, 'act_type', start, end, value));
    }
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

/** Document phrases of other languages, in matching text; the captured group is the span. */
function documentName(phrases: string[]): RegExp {
  return new RegExp(`(?<!\\p{L})(?:${phrases.join('|')})(?!\\p{L})`, 'dgiu');
}
const english = (kind: string) => [`(${kind})\\s+(?:certificates?|certs?|records?)`, `certificates?\\s+of\\s+(${kind})`];
const spanish = (kind: string) => [`(?:actas?|partidas?|certificados?)\\s+de\\s+(${kind})`];
const portuguese = (kind: string) => [`(?:certidao|certidoes|certificados?|assentos?|registos?)\\s+de\\s+(${kind})`];
const italian = (kind: string) => [`(?:certificat[oi]|atti?|estratt[oi])\\s+di\\s+(${kind})`];

const documentNames: ReadonlyArray<readonly [RegExp, string]> = [
  [
    documentName([...english('birth'), ...spanish('nacimiento'), ...portuguese('nascimento'), ...italian('nascita'), '(geburtsurkunden?)']),
    'naissance',
  ],
  [
    documentName([
      ...english('marriage'),
      ...spanish('matrimonio'),
      ...portuguese('casamento'),
      ...italian('matrimonio'),
      '(heiratsurkunden?|eheurkunden?)',
    ]),
    'mariage',
  ],
  [documentName([...english('death'), ...spanish('defuncion'), ...portuguese('obito'), ...italian('morte'), '(sterbeurkunden?)']), 'deces'],
  [
    documentName([
      '(livrets?\\s+de\\s+famille)',
      '(family\\s+(?:record\\s+)?book(?:let)?s?)',
      '(libros?\\s+de\\s+familia)',
      '(livros?\\s+de\\s+familia)',
      '((?:familien)?stammbuch)',
    ]),
    'livret-famille',
  ],
];

const copyKinds: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /(?<!\p{L})(?:copies?\s+integrales?|copias?\s+(?:literal(?:es)?|integras?|integral(?:es)?)|inteiro\s+teor|full\s+cop(?:y|ies))(?!\p{L})/giu,
    'copie-integrale',
  ],
  [/(?<!\p{L})(?:extraits?\s+)?avec\s+(?:la\s+)?filiation(?!\p{L})/giu, 'extrait-avec-filiation'],
  [/(?<!\p{L})(?:extraits?\s+)?sans\s+(?:la\s+)?filiation(?!\p{L})/giu, 'extrait-sans-filiation'],
  [/(?<!\p{L})(?:plurilingu(?:es?|al)|multilingu(?:es?|al))(?!\p{L})/giu, 'plurilingue'],
];
