import MiniSearch from 'minisearch';

import { foldAccents, stem, stopWords } from '../lexical/french-terms';
import { emptyCitizenLexicon, expandQuestion, type CitizenLexicon } from './citizen-lexicon';
import type { FicheRecord } from './fiche-index';

/** One fiche found for a text: what the agent sees, and what the classify CLI and the answers cite. */
export interface FicheHit {
  id: string;
  title: string;
  url: string;
  /** Heading of the section most relevant to the text ("Né(e) en France — Faire la demande"). */
  section: string;
  /** That section's text, cut at a line boundary near `excerptLength` characters. */
  excerpt: string;
  /** Last update of the fiche by the DILA (YYYY-MM-DD). */
  date: string;
  score: number;
}

interface FicheDocument {
  id: number;
  title: string;
  theme: string;
  description: string;
}

interface SectionDocument {
  id: number;
  heading: string;
  text: string;
}

/**
 * Two indexes: one document per fiche (what it is about: title, place on the site, summary) and one per section (to
 * find the part that answers). Titles are indexed once per fiche, so that a fiche with many sections does not make
 * its own title's words look common.
 */
export interface FicheSearchIndex {
  readonly fiches: readonly FicheRecord[];
  readonly about: MiniSearch<FicheDocument>;
  readonly sections: MiniSearch<SectionDocument>;
  /** For each section document id: its fiche and section numbers. */
  readonly sectionRefs: readonly { fiche: number; section: number }[];
  /** Citizens' words for the fiches' ones, added to each question before it is searched. */
  readonly lexicon: CitizenLexicon;
}

/** Measured on the validation questions and the fiches' own titles (npm run eval:answers), never on the test ones. */
export const searchSettings = {
  boost: { title: 3, theme: 1, description: 1, heading: 1.5, text: 1 },
  prefix: true,
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
  /** Weight of the fiche's subject (normalised by the best fiche's) next to its best section's (normalised too). */
  aboutWeight: 1.5,
  excerptLength: 900,
};

/**
 * French terms for the index and the queries: lower case, accents folded (SMS-style text without accents meets the
 * fiches' text), function words dropped, the rest reduced to its Porter stem (the lexical classifier's stemmer).
 */
export function frenchSearchTerm(term: string): string | null {
  const folded = foldAccents(term);
  if (folded.length < 2 || stopWords.has(folded) || /^\d+$/.test(folded)) return null;
  return stem(folded);
}

const aboutFields = ['title', 'theme', 'description'] as const;
const sectionFields = ['heading', 'text'] as const;
/** What can be searched; the evaluation leaves `title` out to use the fiches' own titles as questions. */
export const searchFields = [...aboutFields, ...sectionFields] as const;
export type SearchField = (typeof searchFields)[number];

const termOptions = { processTerm: frenchSearchTerm, searchOptions: { processTerm: frenchSearchTerm } };
const aboutOptions = { fields: [...aboutFields], ...termOptions };
const sectionOptions = { fields: [...sectionFields], ...termOptions };

/** The fiche and section behind each section document: documents are numbered in the fiches' order. */
function sectionRefsOf(fiches: readonly FicheRecord[]): { fiche: number; section: number }[] {
  return fiches.flatMap((fiche, ficheNumber) => fiche.sections.map((_, section) => ({ fiche: ficheNumber, section })));
}

/**
 * Indexes the fiches: about 5 s on 2 cores for all of them, which is why `npm run build:fiches` ships the built
 * index (`serializeFicheSearch`) and the service loads it (`loadFicheSearch`) in a fraction of that.
 */
export function buildFicheSearchIndex(fiches: readonly FicheRecord[], lexicon: CitizenLexicon = emptyCitizenLexicon): FicheSearchIndex {
  const about = new MiniSearch<FicheDocument>(aboutOptions);
  about.addAll(fiches.map(({ title, theme, description }, id) => ({ id, title, theme, description })));
  const sections = new MiniSearch<SectionDocument>(sectionOptions);
  const sectionRefs = sectionRefsOf(fiches);
  sections.addAll(sectionRefs.map(({ fiche, section }, id) => ({ id, ...fiches[fiche].sections[section] })));
  return { fiches, about, sections, sectionRefs, lexicon };
}

export function serializeFicheSearch(index: FicheSearchIndex): string {
  return JSON.stringify({ about: index.about, sections: index.sections });
}

/** The index `serializeFicheSearch` wrote for these fiches; its terms were made by `frenchSearchTerm` at build time. */
export function loadFicheSearch(
  fiches: readonly FicheRecord[],
  serialized: string,
  lexicon: CitizenLexicon = emptyCitizenLexicon,
): FicheSearchIndex {
  const parts = JSON.parse(serialized) as { about: unknown; sections: unknown };
  const about = MiniSearch.loadJS<FicheDocument>(parts.about as never, aboutOptions);
  const sections = MiniSearch.loadJS<SectionDocument>(parts.sections as never, sectionOptions);
  const sectionRefs = sectionRefsOf(fiches);
  if (about.documentCount !== fiches.length || sections.documentCount !== sectionRefs.length) {
    throw new Error('the search index does not match the fiches: run npm run build:fiches');
  }
  return { fiches, about, sections, sectionRefs, lexicon };
}

/**
 * The `k` fiches most relevant to a text, best first, each with its most relevant section (its first one when only
 * its subject matched). The text is searched with the official words of the citizen phrases it contains. A fiche
 * scores by its subject and its best section, each relative to the best of its kind. `fields` narrows what is
 * searched (the evaluation's use).
 */
export function searchFiches(index: FicheSearchIndex, text: string, k = 3, fields: readonly SearchField[] = searchFields): FicheHit[] {
  const question = expandQuestion(index.lexicon, text);
  const options = (names: readonly SearchField[]) => ({
    fields: names.filter((name) => fields.includes(name)),
    boost: searchSettings.boost,
    prefix: searchSettings.prefix,
    bm25: searchSettings.bm25,
  });
  const scores = new Map<number, { about: number; section: number; sectionScore: number }>();
  const entry = (fiche: number) => {
    let found = scores.get(fiche);
    if (!found) scores.set(fiche, (found = { about: 0, section: 0, sectionScore: 0 }));
    return found;
  };
  const aboutResults = index.about.search(question, options(aboutFields));
  for (const result of aboutResults) entry(result.id as number).about = result.score / aboutResults[0].score;
  const sectionResults = index.sections.search(question, options(sectionFields));
  for (const result of sectionResults) {
    const { fiche, section } = index.sectionRefs[result.id as number];
    const found = entry(fiche);
    const score = result.score / sectionResults[0].score;
    if (score > found.sectionScore) Object.assign(found, { section, sectionScore: score });
  }
  return [...scores.entries()]
    .map(([fiche, found]) => ({ fiche, found, score: searchSettings.aboutWeight * found.about + found.sectionScore }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map(({ fiche, found, score }) => {
      const record = index.fiches[fiche];
      const part = record.sections[answeringSection(index, fiche, question) ?? found.section];
      return {
        id: record.id,
        title: record.title,
        url: record.url,
        section: part.heading,
        excerpt: excerptOf(part.text, searchSettings.excerptLength),
        date: record.date,
        score: Math.round(score * 1000) / 1000,
      };
    });
}

/**
 * The section of a fiche that answers what the text asks beyond the fiche's subject: the words of the title are
 * left out ("combien coûte une copie d'acte de naissance" in the birth certificate fiche: its "Coût" section, not
 * the one that says "acte de naissance" most). Null when nothing else in the text matches.
 */
function answeringSection(index: FicheSearchIndex, fiche: number, text: string): number | null {
  const record = index.fiches[fiche];
  const titleTerms = new Set(tokenize(record.title).map(frenchSearchTerm));
  const rest = tokenize(text).filter((word) => {
    const term = frenchSearchTerm(word);
    return term !== null && !titleTerms.has(term);
  });
  if (rest.length === 0) return null;
  const [best] = index.sections.search(rest.join(' '), {
    fields: [...sectionFields],
    boost: searchSettings.boost,
    prefix: searchSettings.prefix,
    bm25: searchSettings.bm25,
    filter: (result) => index.sectionRefs[result.id as number].fiche === fiche,
  });
  return best ? index.sectionRefs[best.id as number].section : null;
}

const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];

/** The first lines of a section up to about `length` characters, never cutting a line in two unless it is the first. */
export function excerptOf(text: string, length: number): string {
  if (text.length <= length) return text;
  const lines = text.split('\n');
  let excerpt = lines[0];
  for (const line of lines.slice(1)) {
    if (excerpt.length + 1 + line.length > length) break;
    excerpt += `\n${line}`;
  }
  return excerpt.length > length ? `${excerpt.slice(0, length).replace(/\s+\S*$/, '')} …` : `${excerpt}\n…`;
}
