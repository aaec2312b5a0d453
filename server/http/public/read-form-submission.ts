import type { Request } from 'express';

import type { InboundAttachment } from '../../mail/parse-email';

export interface FormSubmissionBody {
  fields: ReadonlyMap<string, string>;
  /** Files chosen in the form's file inputs; an input left empty sends none. */
  files: InboundAttachment[];
}

/** The body went past the limit on a whole submission: nothing of it was read. */
export class SubmissionTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super('form submission too large');
  }
}

export class UnsupportedSubmissionError extends Error {}

const acceptedTypes = /^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i;

/**
 * Reads what an HTML form posts, with or without files (`multipart/form-data`, or plain
 * `application/x-www-form-urlencoded` when the form has none), through the WHATWG FormData parser that Node ships
 * (undici): no parser of our own, no extra dependency. The body is buffered up to `maxBytes` (a whole mail's
 * limit: a form's attachments take the same limits as a mail's) and refused beyond.
 */
export async function readFormSubmission(request: Request, maxBytes: number): Promise<FormSubmissionBody> {
  const contentType = request.get('content-type') ?? '';
  if (!acceptedTypes.test(contentType)) throw new UnsupportedSubmissionError(contentType);
  if (Number(request.get('content-length') ?? 0) > maxBytes) throw new SubmissionTooLargeError(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new SubmissionTooLargeError(maxBytes);
    chunks.push(chunk);
  }
  const form = await new Response(Buffer.concat(chunks), { headers: { 'content-type': contentType } }).formData();
  const fields = new Map<string, string>();
  const files: InboundAttachment[] = [];
  for (const [name, value] of form) {
    if (typeof value === 'string') {
      if (!fields.has(name)) fields.set(name, value);
    } else if (value.name !== '' || value.size > 0) {
      files.push({
        filename: value.name,
        contentType: value.type || 'application/octet-stream',
        size: value.size,
        content: Buffer.from(await value.arrayBuffer()),
      });
    }
  }
  return { fields, files };
}
