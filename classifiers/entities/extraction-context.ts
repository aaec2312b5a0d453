import { z } from 'zod';

/**
 * What the extractors know besides the text: relative dates are resolved against the reception day, read in the
 * town hall's time zone (an IANA name, passed in: the extractors read no configuration).
 */
export const extractionContextSchema = z.object({
  receivedAt: z.date(),
  timeZone: z.string(),
  requesterName: z.string().optional(),
});
export type ExtractionContext = z.infer<typeof extractionContextSchema>;
