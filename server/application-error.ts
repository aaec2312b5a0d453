export type ApplicationErrorKind = 'invalid' | 'forbidden' | 'not-found' | 'conflict' | 'rejected';

/**
 * The one error the application services throw for a request they refuse: what kind of refusal, and a message in
 * French meant for the person who asked. Only the HTTP edge (server/http/error-handler.ts) turns it into a status.
 * `body` adds structured facts the client shows (a rule set's problems, say).
 */
export class ApplicationError extends Error {
  constructor(
    readonly kind: ApplicationErrorKind,
    message: string,
    readonly body?: Record<string, unknown>,
  ) {
    super(message);
  }
}
