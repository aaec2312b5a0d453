import { readFileSync } from 'node:fs';
import type { z } from 'zod';

/** Parses a JSON-lines file against a schema; a bad line stops with its file and line number. */
export function readJsonLines<Schema extends z.ZodType>(file: string, schema: Schema): z.infer<Schema>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, number }) => {
      const parsed = schema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${number}: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
}
