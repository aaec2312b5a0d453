import { z } from 'zod';

/** What gets hidden, with the word its placeholders carry (French, as the LLM reads French requests). */
export const maskedKinds = {
  person: 'PERSONNE',
  email: 'EMAIL',
  phone: 'TELEPHONE',
  address: 'ADRESSE',
  iban: 'IBAN',
  nir: 'NIR',
  plate: 'PLAQUE',
  birth_date: 'DATE_NAISSANCE',
  passport: 'PASSEPORT',
  identity_card: 'CARTE_IDENTITE',
  bank_card: 'CARTE_BANCAIRE',
  caf_number: 'ALLOCATAIRE_CAF',
  tax_number: 'NUMERO_FISCAL',
} as const;

export const maskedKindSchema = z.enum(Object.keys(maskedKinds) as [keyof typeof maskedKinds, ...(keyof typeof maskedKinds)[]]);
export type MaskedKind = z.infer<typeof maskedKindSchema>;

/** One hidden value: every occurrence of `value` became `placeholder`; `text` is what the first occurrence said. */
export const replacementSchema = z.object({
  placeholder: z.string(),
  kind: maskedKindSchema,
  value: z.string(),
  text: z.string(),
});
export type Replacement = z.infer<typeof replacementSchema>;

export function placeholderFor(kind: MaskedKind, number: number): string {
  return `[${maskedKinds[kind]}_${number}]`;
}

/** Placeholders as an LLM may echo them back, tolerant of spaces inside the brackets. */
export const placeholderPattern = new RegExp(`\\[\\s*(${Object.values(maskedKinds).join('|')})_(\\d+)\\s*\\]`, 'g');
