/** An API answer other than 2xx, with the server's French message (and per-field details for a 400). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: ReadonlyArray<{ field: string; message: string }> = [],
    readonly body: unknown = null,
  ) {
    super(message);
  }
}

/**
 * What a person reads of a failure: a refusal with per-field details says only their French messages (the form
 * marks and focuses the fields), never the API's field names (« reason : … »), which the overall message carries
 * for API clients.
 */
export function refusalMessage(failure: unknown): string {
  if (failure instanceof ApiError && failure.details.length > 0) return failure.details.map((detail) => detail.message).join(' ');
  return (failure as Error).message;
}
