import { z } from 'zod';

import { classificationInputSchema, classificationSchema } from '../classifiers/classification';

export const attachmentSummarySchema = z.object({
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int().min(0),
});
export type AttachmentSummary = z.infer<typeof attachmentSummarySchema>;

/**
 * Everything the rules may look at for one request. Parse it once at the boundary: the engine trusts
 * its input and does not re-validate it on every evaluation.
 */
export const routingInputSchema = z.object({
  classification: classificationSchema,
  channel: classificationInputSchema.shape.channel,
  subject: z.string().default(''),
  text: z.string(),
  /** The domain is derived from the address when absent. */
  sender: z.object({ email: z.string().optional(), domain: z.string().optional() }),
  attachments: z.array(attachmentSummarySchema).default([]),
  receivedAt: z.coerce.date(),
  /** The commune (INSEE code) the request was written to: a commune's own rules apply to its requests only. */
  commune: z.string().optional(),
});
export type RoutingInput = z.infer<typeof routingInputSchema>;
