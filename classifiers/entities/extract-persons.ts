import type { Entity } from './entity';
import { isNameLikeWord } from './capitalised-words';
import { toMatchingText } from './matching-text';
import { spanEntity } from './span-entity';

/**
 * People's names, as written (whitespace collapsed). Names are only taken where French writing announces one, and
 * only as capitalised words on the same line: after a civility ("M. Jean Dupont", "Madame Sophie Bernard"), a family
 * or neighbour relation ("mon fils Lucas Martin", "feu mon père Jean Dupont"), "je soussignée …", a form label
 * ("Nom : DURAND"), as the signature line after a closing formula ("Cordialement,\nMarie Durand"), and wherever the
 * requester's known name appears. Lower-case names ("mon fils lucas") are missed on purpose: a wrong name is worse.
 */
export function extractPersons(source: string, requesterName?: string): Entity[] {
  const text = toMatchingText(source);
  const found: Entity[] = [];
  const addRunAfter = (index: number, minimumWords: number) => {
    const run = nameRunAt(text, index);
    if (run && run.words >= minimumWords) found.push(personEntity(source, run.start, run.end));
    return run;
  };
  for (const match of text.matchAll(civility)) addRunAfter(match.index + match[0].length, 1);
  for (const match of text.matchAll(relation)) {
    const run = addRunAfter(match.index + match[0].length, 1);
    if (run && match[1]) addListedNames(text, run.end, addRunAfter);
  }
  for (const match of text.matchAll(selfIntroduction)) addRunAfter(match.index + match[0].length, 1);
  for (const match of text.matchAll(formLabel)) addRunAfter(match.index + match[0].length, 1);
  for (const match of text.matchAll(closingFormula)) {
    const signatureStart = match.index + match[0].length;
    const run = nameRunAt(text, signatureStart);
    const restOfLine = run ? text.slice(run.end, lineEnd(text, run.end)) : '';
    if (run && run.words >= 2 && /^[\s.,!]*$/.test(restOfLine)) found.push(personEntity(source, run.start, run.end));
  }
  if (requesterName?.trim()) found.push(...requesterMentions(source, text, requesterName));
  return found;
}

function personEntity(source: string, start: number, end: number): Entity {
  return spanEntity(source, 'person', start, end, source.slice(start, end).replace(/\s+/g, ' '));
}

/** "Lucas", "Jean-Pierre DUPONT", "J. Dupont": up to four capitalised words on one line, starting at `index`. */
function nameRunAt(text: string, index: number): { start: number; end: number; words: number } | undefined {
  const word = /[ \t]*(\p{Lu}\.|[\p{L}][\p{L}'-]*)(?![\p{L}\p{N}])/uy;
  word.lastIndex = index;
  let start = -1;
  let end = index;
  let words = 0;
  for (let match = word.exec(text); match && words < 4; match = word.exec(text)) {
    const isInitial = /^\p{Lu}\.$/u.test(match[1]);
    if (isInitial ? words > 0 : !isNameLikeWord(match[1])) break;
    if (start < 0) start = match.index + match[0].length - match[1].length;
    end = word.lastIndex;
    words += 1;
  }
  const isOnlyAnInitial = words === 1 && text[end - 1] === '.';
  return words > 0 && !isOnlyAnInitial ? { start, end, words } : undefined;
}

function addListedNames(text: string, from: number, addRunAfter: (index: number, minimumWords: number) => unknown): void {
  const separator = /[ \t]*(?:,|et)[ \t]*/y;
  separator.lastIndex = from;
  const next = separator.exec(text);
  if (!next) return;
  const run = addRunAfter(separator.lastIndex, 1) as { end: number } | undefined;
  if (run) addListedNames(text, run.end, addRunAfter);
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline < 0 ? text.length : newline;
}

function requesterMentions(source: string, text: string, requesterName: string): Entity[] {
  const words = toMatchingText(requesterName).trim().split(/[\s]+/).map(escapeRegExp);
  const orders = words.length > 1 ? [words, [...words.slice(1), words[0]]] : [words];
  const mention = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${orders.map((order) => order.join('[ \\t]+')).join('|')})(?![\\p{L}\\p{N}])`,
    'giu',
  );
  return [...text.matchAll(mention)].map((match) => personEntity(source, match.index, match.index + match[0].length));
}

function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const civility = /(?<![\p{L}\p{N}])(?:M\.|Mr\.?|Mme\.?|Mlle\.?|Dr\.?|(?:[Mm]onsieur|[Mm]adame|[Mm]ademoiselle|[Dd]octeur|MONSIEUR|MADAME)(?:[ \t]+et[ \t]+(?:[Mm]onsieur|[Mm]adame))?)(?=[ \t])/gu;

const relatives = [
  'fils', 'filles?', 'enfants?', 'bebe', 'peres?', 'meres?', 'papa', 'maman', 'parents', 'epoux', 'epouse', 'mari',
  'femme', 'conjointe?', 'compagnon', 'compagne', 'concubine?', 'freres?', 'soeurs?', 'sœurs?', 'grand-peres?',
  'grand-meres?', 'grand[ \\t]+peres?', 'grand[ \\t]+meres?', 'petits?-fils', 'petites?-filles?', 'oncle', 'tante',
  'neveux?', 'nieces?', 'cousine?s?', 'beau-pere', 'belle-mere', 'beau-frere', 'belle-soeur', 'gendre',
  'belle-fille', 'voisine?s?', 'fiancee?', 'pupille', 'defunte?',
].join('|');
const relation = new RegExp(
  `(?<!\\p{L})(?:mon|ma|mes|notre|nos|son|sa|ses|leur|leurs|feue?)[ \\t]+(?:(?:defunte?|regrettee?|cher|chere|jeune|petite?|fils|fille)[ \\t]+)?(?:(enfants|fils|filles|parents|neveux|cousins|cousines|voisins)|(?:${relatives}))(?:[ \\t]+(?:aine|ainee|cadet|cadette|defunte?|decedee?))?[ \\t]*,?(?=[ \\t])`,
  'giu',
);

const selfIntroduction =
  /(?<!\p{L})(?:je[ \t]*,?[ \t]+(?:soussignee?s?|soussigne\(e\))[ \t]*,?|je[ \t]+m'appelle|je[ \t]+me[ \t]+nomme|moi[ \t]*,)(?:[ \t]+(?:M\.|Mme|Monsieur|Madame))?(?=[ \t])/giu;

const formLabel =
  /(?<![\p{L}])(?:nom(?:[ \t]+(?:et|&)[ \t]+prenoms?|[ \t]+de[ \t]+naissance|[ \t]+d'usage|[ \t]+(?:de[ \t]+l'enfant|de[ \t]+l'eleve|du[ \t]+defunt|de[ \t]+la[ \t]+defunte|du[ \t]+demandeur|de[ \t]+la[ \t]+demandeuse))?|prenoms?(?:[ \t]+(?:et|&)[ \t]+nom)?|demandeur|signataire)[ \t]*:(?=[ \t])/giu;

const closingFormula = new RegExp(
  [
    '(?<!\\p{L})(?:(?:bien[ \\t]+|tres[ \\t]+)?cordialement|cdlt|bien[ \\t]+a[ \\t]+vous|(?:sinceres[ \\t]+|meilleures[ \\t]+)?salutations(?:[ \\t]+distinguees)?',
    '|distinguees|respectueusement|merci(?:[ \\t]+(?:d\'avance|par[ \\t]+avance|beaucoup|a[ \\t]+vous))?|bonne[ \\t]+(?:journee|soiree)',
    '|a[ \\t]+bientot|amicalement|dans[ \\t]+l\'attente[^\\n]*)',
    '[ \\t]*[.,!]*[ \\t]*(?:\\r?\\n[ \\t]*){0,2}',
  ].join(''),
  'giu',
);
