import type { z } from 'zod';

import { HttpError } from './http-error';

/** Validates what a client sent; on failure, a 400 listing each wrong field with a French message. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown, what: string): z.infer<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || what,
    message: frenchIssueMessage(issue),
  }));
  throw new HttpError(400, `${what} invalide : ${details.map((detail) => `${detail.field} : ${detail.message}`).join(' ; ')}`, details);
}

function frenchIssueMessage(issue: z.core.$ZodIssue): string {
  if (!/^(Invalid|Too|Unrecognized|Expected)/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'champ obligatoire' : `type attendu : ${issue.expected}`;
    case 'unrecognized_keys':
      return `champ(s) inconnu(s) : ${issue.keys.join(', ')}`;
    case 'too_small':
      return 'valeur trop courte ou trop petite';
    case 'too_big':
      return 'valeur trop longue ou trop grande';
    case 'invalid_value':
      return `valeur attendue parmi : ${issue.values.map(String).join(', ')}`;
    default:
      return 'valeur invalide';
  }
}
