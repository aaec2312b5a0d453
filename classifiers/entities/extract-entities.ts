import type { Entity, EntityType } from './entity';
import { extractAddresses } from './extract-addresses';
import { extractAmounts } from './extract-amounts';
import { extractCadastralRefs } from './extract-cadastral-refs';
import { extractCivilStatus } from './extract-civil-status';
import { extractDates } from './extract-dates';
import { extractEmails } from './extract-emails';
import { extractIbans } from './extract-ibans';
import { extractNirs } from './extract-nirs';
import { extractPermitRefs } from './extract-permit-refs';
import { extractPersons } from './extract-persons';
import { extractPhones } from './extract-phones';
import { extractPlates } from './extract-plates';
import { extractSchool } from './extract-school';
import type { ExtractionContext } from './extraction-context';

/**
 * All entities of a request, in text order, without overlaps. When two candidates overlap the longer span wins (a
 * NIR over the phone-like digits inside it, an address over its house number); between equal spans the more
 * constrained type wins, checksummed identifiers first.
 */
export function extractEntities(text: string, context: ExtractionContext): Entity[] {
  const candidates = [
    ...extractIbans(text),
    ...extractNirs(text),
    ...extractPermitRefs(text),
    ...extractEmails(text),
    ...extractPhones(text),
    ...extractPlates(text),
    ...extractCadastralRefs(text),
    ...extractAddresses(text),
    ...extractAmounts(text),
    ...extractDates(text, context),
    ...extractPersons(text, context.requesterName),
    ...extractSchool(text),
    ...extractCivilStatus(text),
  ];
  return withoutOverlaps(candidates);
}

const precedence: readonly EntityType[] = [
  'iban',
  'nir',
  'permit_ref',
  'email',
  'phone',
  'plate',
  'cadastral_ref',
  'address',
  'amount_eur',
  'date',
  'person',
  'school_name',
  'school_level',
  'act_type',
  'copy_kind',
];

function withoutOverlaps(candidates: Entity[]): Entity[] {
  const byStrength = [...candidates].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || precedence.indexOf(a.type) - precedence.indexOf(b.type),
  );
  const kept: Entity[] = [];
  for (const candidate of byStrength) {
    if (kept.every((other) => candidate.end <= other.start || candidate.start >= other.end)) kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}
