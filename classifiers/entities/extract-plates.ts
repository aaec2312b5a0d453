import type { Entity } from './entity';
import { toMatchingText } from './matching-text';
import { hasNearbyWords } from './nearby-words';
import { spanEntity } from './span-entity';

/**
 * Vehicle registration plates: current SIV plates as "AB-123-CD" and pre-2009 FNI plates as "1234-AB-33".
 * "AB-123-CD" and "AB 123 CD" in capitals are unmistakable; glued, lower-case and FNI forms look too much like other
 * references, so they need a vehicle word nearby.
 */
export function extractPlates(source: string): Entity[] {
  const text = toMatchingText(source);
  const found: Entity[] = [];
  for (const match of text.matchAll(sivPlate)) {
    const [whole, left, separator, digits, right] = match;
    if (left.toUpperCase() === 'SS' || digits === '000') continue;
    const isUnmistakable = separator !== '' && whole === whole.toUpperCase();
    if (!isUnmistakable && !nearVehicleWord(text, match.index, whole.length)) continue;
    const value = `${left}-${digits}-${right}`.toUpperCase();
    found.push(spanEntity(source, 'plate', match.index, match.index + whole.length, value));
  }
  for (const match of text.matchAll(fniPlate)) {
    const [whole, digits, , letters, department] = match;
    if (!nearVehicleWord(text, match.index, whole.length)) continue;
    const value = `${digits}-${letters}-${department}`.toUpperCase();
    found.push(spanEntity(source, 'plate', match.index, match.index + whole.length, value));
  }
  return found;
}

function nearVehicleWord(text: string, start: number, length: number): boolean {
  return hasNearbyWords(text, start, start + length, vehicleWords, 80);
}

/** Stems ("immatricul…", "stationn…") or whole words: "auto" is not the start of "autorisation". */
const vehicleWords =
  /(?<!\p{L})(?:immatricul\p{L}*|stationn\p{L}*|plaques?|vehicules?|voitures?|camion(?:nette)?s?|motos?|scooters?|autos?|automobiles?|fourgons?|utilitaires?|camping-cars?|epaves?|ventouses?|garee?s?)(?!\p{L})/iu;

const sivLetter = '[A-HJ-NP-TV-Za-hj-np-tv-z]';
const sivPlate = new RegExp(`(?<![\\p{L}\\p{N}-])(${sivLetter}{2})([ -]?)(\\d{3})\\2(${sivLetter}{2})(?![\\p{L}\\p{N}]|-\\p{L})`, 'gu');
const fniPlate = /(?<![\p{L}\p{N}-])(\d{1,4})([ -]?)([A-Z]{1,3})\2(97[1-6]|2[AB]|\d{2})(?![\p{L}\p{N}])/gu;
