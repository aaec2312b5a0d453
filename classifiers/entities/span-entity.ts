import type { Entity, EntityType } from './entity';

/** Builds an entity whose `text` is exactly the source characters between `start` and `end`. */
export function spanEntity(source: string, type: EntityType, start: number, end: number, value: string): Entity {
  return { type, value, text: source.slice(start, end), start, end };
}
