/** An error whose message is meant for the person who made the request (in French) and whose status is a 4xx. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: Array<{ field: string; message: string }>,
  ) {
    super(message);
  }
}
