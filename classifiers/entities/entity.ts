import { z } from 'zod';

export const entityTypes = [
  'act_type',
  'copy_kind',
  'date',
  'person',
  'address',
  'cadastral_ref',
  'permit_ref',
  'school_level',
  'school_name',
  'phone',
  'email',
  'plate',
  'amount_eur',
  'iban',
  'nir',
] as const;

/**
 * A fact found in a request: normalised value, the exact text it came from and where. `start` and `end` are UTF-16
 * offsets in the text given to the extractor; for a request's classification that is the request's whole text (the
 * citizen's own text, without quoted history, is its beginning: see extract-request-entities).
 */
export const entitySchema = z.object({
  type: z.enum(entityTypes),
  value: z.string(),
  text: z.string(),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  /**
   * Only on dates read in the header of a quoted earlier message ("Le 4 mars 2025 à 09:12, X a écrit :", "Envoyé :
   * …"): when that message was sent, never a date the citizen gives, so due dates and checklists must skip them.
   */
  fromQuotedHistory: z.literal(true).optional(),
});
export type Entity = z.infer<typeof entitySchema>;
export type EntityType = Entity['type'];
