import { loadShippedFicheSearch } from '../../classifiers/sources/load-fiche-index';
import { searchFiches, type FicheHit, type FicheSearchIndex } from '../../classifiers/sources/search-fiches';

/**
 * The shipped service-public.fr fiches, searchable. Loaded on first use and then kept: loading takes about half a
 * second and 150 MB, which a process that never looks a source up (a worker, most tests) should not pay.
 */
export class FicheSources {
  private index: FicheSearchIndex | null = null;

  constructor(private readonly load: () => FicheSearchIndex = loadShippedFicheSearch) {}

  /** The `k` fiches most relevant to a text, best first, each with the section that answers it. */
  search(text: string, k = 3): FicheHit[] {
    this.index ??= this.load();
    return searchFiches(this.index, text, k);
  }
}

let shared: FicheSources | null = null;

/** One instance per process, shared by the routes and the mail side, so the index is loaded once at most. */
export function ficheSources(): FicheSources {
  shared ??= new FicheSources();
  return shared;
}
