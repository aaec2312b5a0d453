import { z } from 'zod';

/** What the extractors know besides the text: relative dates are resolved against the reception instant. */
export const extractionContextSchema = z.object({
  receivedAt: z.date(),
  requesterName: z.string().optional(),
});
export type ExtractionContext = z.infer<typeof extractionContextSchema>;
