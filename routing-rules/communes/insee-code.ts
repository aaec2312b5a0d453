import { z } from 'zod';

/**
 * A commune's INSEE code (code officiel géographique): five characters, digits except Corsica's 2A/2B. `00000`
 * passes too: it is the default commune of a deployment that never named its own (see server/communes). A module of
 * its own, so that the web app, which names levels by it (setting-levels), does not bundle the holiday calendars.
 */
export const inseeCodeSchema = z
  .string({ error: 'Le code INSEE de la commune doit être une chaîne de caractères.' })
  .trim()
  .toUpperCase()
  .regex(/^(?:\d{5}|2[AB]\d{3})$/, 'Le code INSEE de la commune compte cinq caractères (par exemple 67482 ou 2A004).');
export type InseeCode = z.infer<typeof inseeCodeSchema>;
