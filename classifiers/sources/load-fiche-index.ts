import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

import { loadCitizenLexicon } from './citizen-lexicon';
import { ficheIndexFileSchema, type FicheIndexFile } from './fiche-index';
import { loadFicheSearch, type FicheSearchIndex } from './search-fiches';

/** The fiches and their search index, built by `npm run build:fiches` and shipped with the code. */
export const shippedFichesPath = path.join(__dirname, 'fiches-index.json.gz');
export const shippedFicheSearchPath = path.join(__dirname, 'fiches-search.json.gz');

export function readFicheIndexFile(file: string = shippedFichesPath): FicheIndexFile {
  return ficheIndexFileSchema.parse(JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')));
}

/**
 * The shipped fiches, searchable with the shipped citizen lexicon: about half a second and 150 MB of memory, so
 * callers load it once, when needed.
 */
export function loadShippedFicheSearch(): FicheSearchIndex {
  const serialized = gunzipSync(readFileSync(shippedFicheSearchPath)).toString('utf8');
  return loadFicheSearch(readFicheIndexFile().fiches, serialized, loadCitizenLexicon());
}
