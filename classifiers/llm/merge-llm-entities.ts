import type { Entity } from '../entities/entity';
import { llmEntitySchema } from './llm-answer';

/**
 * Adds the entities the LLM reported only where the local extractors agree: the quoted text must occur in the request
 * as written, and extracting it on its own must give exactly one entity, of the claimed type. That entity (value,
 * exact text, offsets) is what gets merged, so an LLM entity is normalised like a local one; a local entity wins any
 * overlap.
 */
export function mergeLlmEntities(text: string, local: Entity[], reported: unknown[], extract: (snippet: string) => Entity[]): Entity[] {
  const merged = [...local];
  for (const candidate of reported) {
    const parsed = llmEntitySchema.safeParse(candidate);
    if (!parsed.success) continue;
    const confirmed = extract(parsed.data.text);
    const entity = confirmed[0];
    if (confirmed.length !== 1 || !entity || entity.type !== parsed.data.type) continue;
    const offset = freeOccurrence(text, parsed.data.text, entity, merged);
    if (offset !== undefined) merged.push({ ...entity, start: offset + entity.start, end: offset + entity.end });
  }
  return merged.sort((a, b) => a.start - b.start);
}

/** Where the quote stands alone in the text (not inside a longer word or number) with its entity overlapping none yet. */
function freeOccurrence(text: string, quoted: string, entity: Entity, taken: Entity[]): number | undefined {
  const isWordCharacter = (character: string | undefined) => character !== undefined && /[\p{L}\p{N}]/u.test(character);
  for (let offset = text.indexOf(quoted); offset !== -1; offset = text.indexOf(quoted, offset + 1)) {
    if (isWordCharacter(text[offset - 1]) || isWordCharacter(text[offset + quoted.length])) continue;
    const start = offset + entity.start;
    const end = offset + entity.end;
    if (taken.every((other) => end <= other.start || start >= other.end)) return offset;
  }
  return undefined;
}
