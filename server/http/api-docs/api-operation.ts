import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One operation of the HTTP API as the OpenAPI document shows it. A route module lists its operations next to the
 * zod schemas its handlers parse with, and names those same schemas here: the document is generated from them,
 * never from a second copy. Who may call the operation is not declared here but read from the guards the route
 * really runs (route-guards.ts).
 */
export interface ApiOperation {
  method: HttpMethod;
  /** The Express path, e.g. `/api/tickets/:id`. */
  path: string;
  /** What the operation does, in English, in a few words. */
  summary: string;
  /** Path parameters; by default each `:name` of the path is a string. */
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  /** The body's schema, or the media types accepted when it is not JSON (a raw mail, a JSON Lines file). */
  body?: z.ZodType | { mediaTypes: readonly string[]; schema?: z.ZodType };
  /** Success status and what it carries; JSON with status 200 unless said otherwise. */
  success?: { status?: number; mediaType?: string; description?: string };
}

/** Groups a module's operations under one tag of the document (its name in the viewer's menu). */
export interface ApiOperationGroup {
  tag: string;
  operations: readonly ApiOperation[];
}
