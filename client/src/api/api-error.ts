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
