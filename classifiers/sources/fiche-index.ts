import { z } from 'zod';

/** One titled part of a fiche (a chapter, or the introduction), as plain text with one line per paragraph or item. */
export const ficheSectionSchema = z.object({ heading: z.string(), text: z.string() });
export type FicheSection = z.infer<typeof ficheSectionSchema>;

export const ficheAudiences = ['particuliers', 'associations'] as const;
export type FicheAudience = (typeof ficheAudiences)[number];

/** A service-public.fr "Vos droits et démarches" fiche, reduced to what retrieval and the agents need. */
export const ficheRecordSchema = z.object({
  id: z.string().regex(/^F\d+$/),
  audience: z.enum(ficheAudiences),
  title: z.string().min(1),
  url: z.url(),
  /** Day of the fiche's last update by the DILA (YYYY-MM-DD): agents judge how current the text is. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Where the fiche sits on service-public.fr, e.g. "Papiers - Citoyenneté > Actes d'état civil". */
  theme: z.string(),
  description: z.string(),
  sections: z.array(ficheSectionSchema),
});
export type FicheRecord = z.infer<typeof ficheRecordSchema>;

/** The shipped index: the fiches and where they came from. */
export const ficheIndexFileSchema = z.object({
  source: z.object({ package: z.string(), version: z.string() }),
  fiches: z.array(ficheRecordSchema),
});
export type FicheIndexFile = z.infer<typeof ficheIndexFileSchema>;

export function ficheUrl(audience: FicheAudience, id: string): string {
  return `https://www.service-public.fr/${audience}/vosdroits/${id}`;
}
