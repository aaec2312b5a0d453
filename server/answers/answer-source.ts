import type { Source } from '../../routing-rules/checklists/checklist-schema';
import type { FicheSources } from '../sources/fiche-sources';

/**
 * The link an answer cites: the fiche its variant was written from, pointing at that fiche's section most relevant
 * to the citizen's words when the fiche search finds it among the best hits (the fiche stays the variant's: the
 * search never swaps in another fiche, whose content nobody checked against the answer).
 */
export function answerSource(source: Source | null, text: string, fiches: Pick<FicheSources, 'search'> | undefined): Source | null {
  if (!source?.fiche || !fiches) return source;
  const hit = fiches.search(text, 10).find((candidate) => candidate.id === source.fiche);
  return hit?.section ? { ...source, title: `${source.title} — ${hit.section}` } : source;
}
