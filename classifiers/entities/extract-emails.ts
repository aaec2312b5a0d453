import type { Entity } from './entity';
import { spanEntity } from './span-entity';

/** Email addresses, lower-cased (the domain is case-insensitive and mail servers treat local parts alike in practice). */
export function extractEmails(source: string): Entity[] {
  const found: Entity[] = [];
  for (const match of source.matchAll(emailAddress)) {
    found.push(spanEntity(source, 'email', match.index, match.index + match[0].length, match[0].toLowerCase()));
  }
  return found;
}

const emailAddress =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}](?:[\p{L}\p{N}._%+-]*[\p{L}\p{N}_%+-])?@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,24}(?![\p{L}\p{N}@-]|\.[\p{L}\p{N}])/gu;
