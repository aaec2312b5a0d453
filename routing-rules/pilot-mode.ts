import { z } from 'zod';

/** What the engine suggested for a request and what the agent finally chose; null while not yet confirmed. */
export const pilotSuggestionSchema = z.object({ suggested: z.string(), confirmed: z.string().nullable() });
export type PilotSuggestion = z.infer<typeof pilotSuggestionSchema>;

export const agreementSchema = z.object({
  considered: z.number().int(),
  agreed: z.number().int(),
  /** agreed / considered, null when nothing has been confirmed yet. */
  rate: z.number().min(0).max(1).nullable(),
});
export type Agreement = z.infer<typeof agreementSchema>;

/**
 * Agreement between suggestions and agents' choices over the last `window` confirmed suggestions
 * (oldest first in `suggestions`), the figure that tells when pilot mode can give way to automatic routing.
 */
export function agreementRate(suggestions: readonly PilotSuggestion[], window: number): Agreement {
  const confirmed = suggestions.filter((suggestion) => suggestion.confirmed !== null);
  const recent = window > 0 ? confirmed.slice(-window) : [];
  const agreed = recent.filter((suggestion) => suggestion.suggested === suggestion.confirmed).length;
  return { considered: recent.length, agreed, rate: recent.length === 0 ? null : agreed / recent.length };
}
