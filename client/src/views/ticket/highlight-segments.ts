export interface LocatedEntity {
  type: string;
  value: string;
  text: string;
  start: number;
  end: number;
}

/** An entity as the API sends it (fields may be missing on old or damaged tickets). */
export type EntityInput = { [Field in keyof LocatedEntity]?: LocatedEntity[Field] | null };

export type Segment = { text: string; entity: null } | { text: string; entity: LocatedEntity };

/**
 * Cuts the message into plain and highlighted pieces. Offsets are trusted only when they point at the entity's
 * own text (they refer to the message without its quoted reply, which is usually, but not always, a prefix);
 * otherwise the text is looked for. Overlaps keep the earlier, then longer, entity.
 */
export function highlightSegments(message: string, entities: readonly EntityInput[]): Segment[] {
  const located = entities
    .map((entity) => locate(message, entity))
    .filter((entity): entity is LocatedEntity => entity !== null)
    .sort((left, right) => left.start - right.start || right.end - left.end);
  const segments: Segment[] = [];
  let position = 0;
  for (const entity of located) {
    if (entity.start < position) continue;
    if (entity.start > position) segments.push({ text: message.slice(position, entity.start), entity: null });
    segments.push({ text: message.slice(entity.start, entity.end), entity });
    position = entity.end;
  }
  if (position < message.length) segments.push({ text: message.slice(position), entity: null });
  return segments;
}

function locate(message: string, entity: EntityInput): LocatedEntity | null {
  const { type, text, start, end } = entity;
  if (!type || !text) return null;
  const value = entity.value ?? text;
  if (typeof start === 'number' && typeof end === 'number' && end > start && message.slice(start, end) === text)
    return { type, value, text, start, end };
  const found = message.indexOf(text);
  return found < 0 ? null : { type, value, text, start: found, end: found + text.length };
}
