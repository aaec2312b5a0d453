import { isProperNounWord, isSentenceWord } from './capitalised-words';
import type { Entity } from './entity';
import { extractCadastralRefs } from './extract-cadastral-refs';
import { toMatchingText } from './matching-text';
import { spanEntity } from './span-entity';

/**
 * Postal addresses, valued "12 rue des Lilas, 33000 Bordeaux": number (with bis/ter), street type (abbreviations
 * written out), street name as written, then postcode and town when they follow on the same or the next line.
 * A street name must be capitalised ("rue Victor Hugo") unless a postcode and town close the address
 * ("12 rue de la gare 33000 bordeaux"): "2 places de parking" or "l'allée du cimetière" are not addresses.
 * A five-digit number alone is never a postcode, and the number of a cadastral parcel written just before a street is
 * not a house number.
 */
export function extractAddresses(source: string): Entity[] {
  const text = toMatchingText(source);
  const parcels = extractCadastralRefs(source);
  const found: Entity[] = [];
  for (const match of text.matchAll(streetStart)) {
    const [streetHead, writtenNumber, numberSuffix, streetType] = match;
    const address = completeAddress(source, text, match.index + streetHead.length);
    if (!address) continue;
    // "parcelles AB 12 et AB 13 rue des Vignes": 13 is a parcel's number, not the street's.
    const isParcelNumber =
      writtenNumber !== undefined &&
      parcels.some((parcel) => parcel.start < match.index + writtenNumber.length && parcel.end > match.index);
    const start = isParcelNumber ? match.index + streetHead.length - streetType.length : match.index;
    const houseNumber = isParcelNumber ? [] : [writtenNumber, numberSuffix?.toLowerCase()];
    const head = [...houseNumber, canonicalStreetType(streetType)].filter(Boolean).join(' ');
    const locality = address.postcode ? `, ${address.postcode} ${address.town}` : '';
    found.push(spanEntity(source, 'address', start, address.end, `${head} ${address.streetName}${locality}`));
  }
  return found;
}

interface AddressTail {
  streetName: string;
  postcode?: string;
  town?: string;
  end: number;
}

function completeAddress(source: string, text: string, nameStart: number): AddressTail | undefined {
  const pieceEnds = streetNamePieceEnds(text, nameStart);
  const nameAt = (end: number) => source.slice(nameStart, end).trim().replace(/\s+/g, ' ');
  for (const piece of [...pieceEnds].reverse()) {
    const locality = localityAfter(source, text, piece.end);
    if (locality) return { streetName: nameAt(piece.end), ...locality };
  }
  const properName = [...pieceEnds].reverse().find((piece) => piece.allProper && piece.hasProperWord);
  return properName ? { streetName: nameAt(properName.end), end: properName.end } : undefined;
}

interface StreetNamePiece {
  end: number;
  allProper: boolean;
  hasProperWord: boolean;
}

/** Ends of the successive words of a street name, each marked with whether every word so far was capitalised. */
function streetNamePieceEnds(text: string, nameStart: number): StreetNamePiece[] {
  const piece = new RegExp(`[ \\t]+((?:${particles}(?:[ \\t]+|(?<=')))*)([\\p{L}\\p{N}][\\p{L}\\p{N}'-]*)`, 'iuy');
  const ends: StreetNamePiece[] = [];
  let allProper = true;
  let hasProperWord = false;
  piece.lastIndex = nameStart;
  for (let match = piece.exec(text); match && ends.length < 6; match = piece.exec(text)) {
    const word = match[2];
    if (/^\d{5}$/.test(word) || isSentenceWord(word)) break;
    hasProperWord = hasProperWord || isProperNounWord(word);
    allProper = allProper && (isProperNounWord(word) || /^\d{1,4}$/.test(word));
    ends.push({ end: match.index + match[0].length, allProper, hasProperWord });
  }
  return ends;
}

function localityAfter(source: string, text: string, from: number): { postcode: string; town: string; end: number } | undefined {
  const postcode = /[ \t]*(?:,|[ \t]-)?[ \t]*(?:\r?\n[ \t]*)?(\d{5})(?!\p{N})/uy;
  postcode.lastIndex = from;
  const code = postcode.exec(text);
  if (!code || !isFrenchPostcode(code[1])) return undefined;
  const townEnd = townEndAfter(text, postcode.lastIndex);
  if (!townEnd) return undefined;
  const town = source.slice(postcode.lastIndex, townEnd).trim().replace(/\s+/g, ' ');
  return { postcode: code[1], town, end: townEnd };
}

/** "Bordeaux", "Saint-Médard-en-Jalles", "Le Bouscat", "Villeneuve sur Lot", "BORDEAUX CEDEX"; one word if uncapitalised. */
function townEndAfter(text: string, from: number): number | undefined {
  const first = /[ \t]+(?:(?:le|la|les)[ \t]+)?(\p{L}[\p{L}'-]*)/iuy;
  first.lastIndex = from;
  const firstWord = first.exec(text);
  if (!firstWord || isSentenceWord(firstWord[1])) return undefined;
  if (!isProperNounWord(firstWord[1])) return first.lastIndex;
  const next = new RegExp(`[ \\t]+(?:${townParticles}[ \\t]+)*(\\p{L}[\\p{L}'-]*)`, 'iuy');
  next.lastIndex = first.lastIndex;
  let end = first.lastIndex;
  for (let match = next.exec(text); match && isTownWord(match[1]); match = next.exec(text)) end = next.lastIndex;
  return end;
}

function isTownWord(word: string): boolean {
  return isProperNounWord(word) && word.toLowerCase() !== 'france';
}

function isFrenchPostcode(code: string): boolean {
  const department = Number(code.slice(0, 2));
  return department >= 1 && department <= 98 && department !== 96;
}

const particles = "(?:de|du|des|la|le|les|l'|d'|aux|au|en|sur|sous|et)";
const townParticles = "(?:sur|sous|en|le|la|les|de|du|des|lez|les|aux|d'|l')";

const streetTypes = new Map<string, string>([
  ['rue', 'rue'],
  ['ruelle', 'ruelle'],
  ['avenue', 'avenue'],
  ['av', 'avenue'],
  ['ave', 'avenue'],
  ['boulevard', 'boulevard'],
  ['bd', 'boulevard'],
  ['bld', 'boulevard'],
  ['bvd', 'boulevard'],
  ['place', 'place'],
  ['pl', 'place'],
  ['impasse', 'impasse'],
  ['imp', 'impasse'],
  ['allee', 'allée'],
  ['allees', 'allées'],
  ['chemin', 'chemin'],
  ['ch', 'chemin'],
  ['route', 'route'],
  ['rte', 'route'],
  ['quai', 'quai'],
  ['cours', 'cours'],
  ['square', 'square'],
  ['sq', 'square'],
  ['passage', 'passage'],
  ['lotissement', 'lotissement'],
  ['residence', 'résidence'],
  ['cite', 'cité'],
  ['hameau', 'hameau'],
  ['lieu-dit', 'lieu-dit'],
  ['lieudit', 'lieu-dit'],
  ['voie', 'voie'],
  ['sentier', 'sentier'],
  ['rond-point', 'rond-point'],
  ['parvis', 'parvis'],
  ['esplanade', 'esplanade'],
  ['promenade', 'promenade'],
  ['faubourg', 'faubourg'],
  ['fg', 'faubourg'],
  ['montee', 'montée'],
  ['traverse', 'traverse'],
  ['venelle', 'venelle'],
  ['clos', 'clos'],
]);

function canonicalStreetType(written: string): string {
  return streetTypes.get(written.toLowerCase().replace(/\.$/, '')) ?? written.toLowerCase();
}

/** Only abbreviations take a dot: the dot after "dans l'impasse." ends a sentence. */
const abbreviatedTypes = ['av', 'ave', 'bd', 'bld', 'bvd', 'pl', 'imp', 'ch', 'rte', 'sq', 'fg'];
const alternation = (types: string[]) => [...types].sort((a, b) => b.length - a.length).join('|');
const streetStart = new RegExp(
  [
    '(?<![\\p{L}\\p{N}])(?:(\\d{1,4}(?:-\\d{1,4})?)(?:[ \\t]*(bis|ter|quater)(?!\\p{L}))?[ \\t]*,?[ \\t]*)?',
    `((?:${alternation(abbreviatedTypes)})(?!\\p{L})\\.?|${alternation([...streetTypes.keys()].filter((type) => !abbreviatedTypes.includes(type)))})`,
    '(?!\\p{L})',
  ].join(''),
  'giu',
);
