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

/** A fact found in a request: normalised value, the exact text it came from and where (offsets in the analysed text). */
export const entitySchema = z.object({
  type: z.enum(entityTypes),
  value: z.string(),
  text: z.string(),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
});
export type Entity = z.infer<typeof entitySchema>;
export type EntityType = Entity['type'];
