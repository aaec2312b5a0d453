import { isNameLikeWord } from './capitalised-words';
import type { Entity } from './entity';
import { toMatchingText } from './matching-text';
import { spanEntity } from './span-entity';

/**
 * People's names, as written (whitespace collapsed, civility left out). Names are only taken where the writing
 * announces one, and only as capitalised words on the same line: after a civility ("M. Jean Dupont", "Madame Sophie
 * Bernard", "Mrs Jeanne Roussel"), a family or neighbour relation ("mon fils Lucas Martin", "feu mon père Jean
 * Dupont", "my father, Albert Kerr", "mi hija Sofía", "a minha mãe, Rosa Martins"), an introduction ("je soussignée
 * …", "il s'appelle …", "au nom de …", "my name is …", "me llamo …", "em nome de …"), a form label ("Nom : DURAND",
 * "Name: …", "Contact: …") or a role ("Le président, …"), as a signature (after a closing formula in French,
 * English, Spanish, Portuguese or Italian, or a line of its own among the last lines), and wherever the requester's
 * known name appears. Lower-case names ("mon fils lucas") and one-word signatures are missed on purpose:
 * a wrong name is worse than a missing one.
 */
export function extractPersons(source: string, requesterName?: string): Entity[] {
  const text = toMatchingText(source);
  const found: Entity[] = [];
  const addRunAt = (index: number): NameRun | undefined => {
    const run = nameRunAt(text, index);
    if (run) found.push(personEntity(source, run.start, run.end));
    return run;
  };
  for (const trigger of [civility, selfIntroduction, formLabel, role]) {
    for (const match of text.matchAll(trigger)) addRunAt(match.index + match[0].length);
  }
  for (const pattern of [relation, foreignRelation]) {
    for (const match of text.matchAll(pattern)) {
      const run = addRunAt(match.index + match[0].length);
      if (run && match[1]) for (const listed of listedRunsAfter(text, run.end)) found.push(personEntity(source, listed.start, listed.end));
    }
  }
  for (const signature of signatures(text)) found.push(personEntity(source, signature.start, signature.end));
  if (requesterName?.trim()) found.push(...requesterMentions(source, text, requesterName));
  return [...new Map(found.map((person) => [`${person.start}:${person.end}`, person])).values()];
}

interface NameRun {
  start: number;
  end: number;
  words: number;
}

function personEntity(source: string, start: number, end: number): Entity {
  return spanEntity(source, 'person', start, end, source.slice(start, end).replace(/\s+/g, ' '));
}

/**
 * "Lucas", "Jean-Pierre DUPONT", "J. Dupont", "J.-M. Faure": up to four capitalised words on one line from `index`,
 * a civility before them skipped. Inside a name, the lower-case particles of Portuguese, Spanish, Italian, Dutch and
 * German names join the next capitalised word ("Maria do Carmo Pires", "Juan del Río"); French "de" does not, as
 * "Mme Martin de Pessac" names a town.
 */
function nameRunAt(text: string, index: number): NameRun | undefined {
  const skippedCivility = /[ \t]*(?:M\.|Mme\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Sra?\.?|Srta\.?|Mlle\.?|Dr\.?|Monsieur|Madame)(?=[ \t])/uy;
  skippedCivility.lastIndex = index;
  const from = skippedCivility.test(text) ? skippedCivility.lastIndex : index;
  const word = /[ \t]*(\p{Lu}\.(?:-\p{Lu}\.)?|\p{L}[\p{L}'-]*)(?![\p{L}\p{N}])/uy;
  word.lastIndex = from;
  let start = -1;
  let end = from;
  let words = 0;
  let initials = 0;
  for (let match = word.exec(text); match && words < 4; match = word.exec(text)) {
    if (words > initials && nameParticles.has(match[1])) {
      const next = word.exec(text);
      if (!next || !isNameLikeWord(next[1])) break;
      end = word.lastIndex;
      words += 1;
      continue;
    }
    const isInitial = /^\p{Lu}\./u.test(match[1]);
    // "Olivia's registration": the English possessive ends the name.
    const possessive = /'s$/u.test(match[1]) ? 2 : 0;
    if (isInitial ? words > initials : !isNameLikeWord(match[1].slice(0, match[1].length - possessive))) break;
    if (start < 0) start = match.index + match[0].length - match[1].length;
    end = word.lastIndex - possessive;
    words += 1;
    if (isInitial) initials += 1;
    if (possessive) break;
  }
  return words > initials ? { start, end, words } : undefined;
}

const nameParticles = new Set(['da', 'das', 'do', 'dos', 'del', 'della', 'di', 'van', 'von']);

/** "Lucas et Emma Martin", "Marcel Vidal et Jeanne Roux": the names listed after a first one. */
function listedRunsAfter(text: string, from: number): NameRun[] {
  const runs: NameRun[] = [];
  const separator = /[ \t]*(?:,|&|(?:et|and|y|e)(?!\p{L}))[ \t]*/uy;
  for (separator.lastIndex = from; separator.exec(text); separator.lastIndex = runs[runs.length - 1].end) {
    const run = nameRunAt(text, separator.lastIndex);
    if (!run) break;
    runs.push(run);
  }
  return runs;
}

/**
 * Signatures: names right after a closing formula ("Cordialement, Marie Durand") and, among the last five lines,
 * a line made only of names, possibly followed by a phone number or an email ("Robert Lemoine", "… Merci. Alain
 * Boyer 06 11 22 33 44"). Two words at least: "Marie" alone could be anything.
 */
function signatures(text: string): NameRun[] {
  const found: NameRun[] = [];
  for (const match of text.matchAll(closingFormula)) {
    const runs = namesFilling(text, match.index + match[0].length);
    if (runs) found.push(...runs);
  }
  const lines = [...text.matchAll(/[^\n]+/g)].filter((line) => line[0].trim() !== '').slice(-5);
  for (const [position, line] of lines.entries()) {
    const isLast = position === lines.length - 1;
    const lastSentence = isLast ? [...line[0].matchAll(sentenceEnd)].pop() : undefined;
    const segmentStart = line.index + (lastSentence ? lastSentence.index + lastSentence[0].length : 0);
    const runs = namesFilling(text, segmentStart);
    if (runs) found.push(...runs);
  }
  return found;
}

/** The names from `index` when they, and at most contact details after them, fill the rest of the line. */
function namesFilling(text: string, index: number): NameRun[] | undefined {
  const first = nameRunAt(text, index);
  if (!first || text.slice(index, first.start).trim() !== '') return undefined;
  const runs = [first, ...listedRunsAfter(text, first.end)];
  const totalWords = runs.reduce((sum, run) => sum + run.words, 0);
  const newline = text.indexOf('\n', first.end);
  const rest = text.slice(runs[runs.length - 1].end, newline < 0 ? text.length : newline);
  return totalWords >= 2 && contactDetailsOnly.test(rest) ? runs : undefined;
}

/** A sentence ends at . ! or ?, but not at the dot of an initial or an abbreviated civility ("M. Dupont"). */
const sentenceEnd = /(?<!(?<!\p{L})(?:\p{Lu}|Mme|Mlle|Mr|Dr))[.!?]+\s+(?=\S)/gu;

/** A phone number, labelled or not ("tel", "telemóvel", "mobile"…), or an email address. */
const contactDetailsOnly =
  /^[\s.,;:!—–-]*(?:(?:tel\.?|tél\.?|phone|mobile|m[oó]vil|tel[eé]fono|telem[oó]vel|telefone|cell)?\s*:?\s*[\d .()+-]{9,}|\S+@\S+)?[\s.,;]*$/iu;

function requesterMentions(source: string, text: string, requesterName: string): Entity[] {
  const words = toMatchingText(requesterName).trim().split(/\s+/).map(escapeRegExp);
  const orders = words.length > 1 ? [words, [...words.slice(1), words[0]]] : [words];
  const mention = new RegExp(`(?<![\\p{L}\\p{N}])(?:${orders.map((order) => order.join('[ \\t]+')).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return [...text.matchAll(mention)].map((match) => personEntity(source, match.index, match.index + match[0].length));
}

function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const civility =
  /(?<![\p{L}\p{N}.-])(?:M\.|Mr\.?|Mrs\.?|Ms\.?|Miss|Sra?\.?|Srta\.?|Mme\.?|Mlle\.?|Dr\.?|(?:[Mm]onsieur|[Mm]adame|[Mm]ademoiselle|[Dd]octeur|[Mm]aitre|MONSIEUR|MADAME)(?:[ \t]+et[ \t]+(?:[Mm]onsieur|[Mm]adame))?)(?=[ \t])/gu;

const relatives = [
  'fils',
  'filles?',
  'enfants?',
  'bebe',
  'peres?',
  'meres?',
  'papa',
  'maman',
  'parents',
  'epoux',
  'epouse',
  'mari',
  'femme',
  'conjointe?',
  'compagnon',
  'compagne',
  'concubine?',
  'freres?',
  'soeurs?',
  'sœurs?',
  'grand-peres?',
  'grand-meres?',
  'grand[ \\t]+peres?',
  'grand[ \\t]+meres?',
  'petits?-fils',
  'petites?-filles?',
  'oncle',
  'tante',
  'neveux?',
  'nieces?',
  'cousine?s?',
  'beau-pere',
  'belle-mere',
  'beau-frere',
  'belle-soeur',
  'gendre',
  'belle-fille',
  'voisine?s?',
  'fiancee?',
  'pupille',
  'defunte?',
  'jumeau',
  'jumelle',
].join('|');
const pluralRelatives = 'enfants|fils|filles|parents|grands-parents|grands[ \\t]+parents|neveux|cousins|cousines|voisins|jumeaux|jumelles';
const relation = new RegExp(
  `(?<!\\p{L})(?:mon|ma|mes|notre|nos|son|sa|ses|leur|leurs|feue?)[ \\t]+(?:(?:defunte?|regrettee?|cher|chere|jeune|petite?|fils|fille)[ \\t]+)?(?:(${pluralRelatives})|(?:${relatives}))(?:[ \\t]+(?:aine|ainee|cadet|cadette|defunte?|decedee?))?[ \\t]*,?(?=[ \\t])`,
  'giu',
);

/** Relations as citizens writing in English, Spanish, Portuguese or Italian announce them; plurals list names. */
const foreignRelatives = [
  'son',
  'daughter',
  'child',
  'kid',
  'father',
  'mother',
  'dad',
  'mum',
  'mom',
  'husband',
  'wife',
  'partner',
  'fiancee?',
  'grandfather',
  'grandmother',
  'grandson',
  'granddaughter',
  'brother',
  'sister',
  'uncle',
  'aunt',
  'nephew',
  'niece',
  'cousin',
  'neighbou?r',
  'hij[oa]',
  'padre',
  'madre',
  'marido',
  'espos[oa]',
  'mujer',
  'abuel[oa]',
  'niet[oa]',
  'herman[oa]',
  'ti[oa]',
  'sobrin[oa]',
  'prim[oa]',
  'vecin[oa]',
  'filh[oa]',
  'pai',
  'mae',
  'avo',
  'net[oa]',
  'irmao',
  'irma',
  'sobrinh[oa]',
  'vizinh[oa]',
  'figli[oa]',
  'marito',
  'moglie',
  'nonn[oa]',
].join('|');
const foreignPluralRelatives =
  'parents|children|kids|sons|daughters|grandparents|padres|hijos|hijas|abuelos|pais|filhos|filhas|avos|genitori|figli|nonni';
const foreignRelation = new RegExp(
  `(?<!\\p{L})(?:my|our|his|her|their|mis?|sus?|nuestr[oa]s?|(?:[oa][ \\t]+)?(?:meus?|minhas?|nossos?|nossas?)|(?:il|la)[ \\t]+(?:mio|mia)|i[ \\t]+miei)[ \\t]+(?:late[ \\t]+|elderly[ \\t]+)?(?:(${foreignPluralRelatives})|(?:${foreignRelatives}))[ \\t]*,?(?=[ \\t])`,
  'giu',
);

const selfIntroduction = new RegExp(
  [
    "(?<!\\p{L})(?:je[ \\t]*,?[ \\t]+(?:soussignee?s?|soussigne\\(e\\))[ \\t]*,?|je[ \\t]+m'appelle|je[ \\t]+me[ \\t]+nomme",
    "|(?:il|elle)[ \\t]+(?:s'appelle|se[ \\t]+nomme|s'appelait)|au[ \\t]+nom[ \\t]+de|moi[ \\t]*,",
    '|my[ \\t]+name[ \\t]+is|(?:his|her)[ \\t]+name[ \\t]+(?:is|was)|in[ \\t]+the[ \\t]+name[ \\t]+of',
    '|me[ \\t]+llamo|mi[ \\t]+nombre[ \\t]+es|se[ \\t]+llama(?:ba)?|(?:a|en)[ \\t]+nombre[ \\t]+de',
    '|chamo-me|(?:o[ \\t]+)?meu[ \\t]+nome[ \\t]+e|chama-se|o[ \\t]+nome[ \\t]+del[ea][ \\t]+e|em[ \\t]+nome[ \\t]+de|mi[ \\t]+chiamo)(?=[ \\t])',
  ].join(''),
  'giu',
);

const formLabel =
  /(?<![\p{L}])(?:nom(?:[ \t]+(?:et|&)[ \t]+prenoms?|[ \t]+de[ \t]+naissance|[ \t]+d'usage|[ \t]+(?:de[ \t]+l'enfant|de[ \t]+l'eleve|du[ \t]+defunt|de[ \t]+la[ \t]+defunte|du[ \t]+demandeur|de[ \t]+la[ \t]+demandeuse))?|prenoms?(?:[ \t]+(?:et|&)[ \t]+nom)?|demandeur|signataire|titulaire|(?:mes[ \t]+)?coordonnees|name|nombre|nome|contacto?)[ \t]*:(?=[ \t])/giu;

const role =
  /(?<!\p{L})(?:le|la)[ \t]+(?:president|presidente|tresorier|tresoriere|secretaire|gerant|gerante|directeur|directrice)[ \t]*,(?=[ \t])/giu;

const closingFormula = new RegExp(
  [
    '(?<!\\p{L})(?:(?:bien[ \\t]+|tres[ \\t]+)?cordialement|cdlt|cdt|bien[ \\t]+a[ \\t]+vous|(?:sinceres[ \\t]+|meilleures[ \\t]+)?salutations(?:[ \\t]+distinguees)?',
    "|distinguees|respectueusement|merci(?:[ \\t]+(?:d'avance|par[ \\t]+avance|beaucoup|a[ \\t]+vous))?|bonne[ \\t]+(?:journee|soiree)",
    "|a[ \\t]+bientot|amicalement|dans[ \\t]+l'attente[^\\n]*",
    '|(?:(?:kind|best|warm|warmest)[ \\t]+)?regards|best(?:[ \\t]+wishes)?|(?:many[ \\t]+)?thanks|thank[ \\t]+you(?:[ \\t]+so[ \\t]+much)?|cheers',
    '|sincerely|yours[ \\t]+(?:faithfully|sincerely|truly)|(?:un[ \\t]+)?saludos?(?:[ \\t]+cordiales)?|(?:muchas[ \\t]+)?gracias(?:[ \\t]+de[ \\t]+antemano)?',
    '|(?:un[ \\t]+cordial[ \\t]+)?saludo|(?:viele|liebe|beste|freundliche)[ \\t]+gru(?:ß|ss)e|mit[ \\t]+freundlichen[ \\t]+gru(?:ß|ss)en',
    '|(?:le[ \\t]+saluda[ \\t]+)?atentamente|cordialmente|(?:muito[ \\t]+)?obrigad[oa]|(?:com[ \\t]+os[ \\t]+(?:melhores|meus)[ \\t]+)?cumprimentos',
    '|atenciosamente|beijinhos|grazie(?:[ \\t]+mille)?|(?:cordiali|distinti)[ \\t]+saluti)',
    '[ \\t]*[.,!]*[ \\t]*(?:\\r?\\n[ \\t]*){0,2}',
  ].join(''),
  'giu',
);
