import type { HistoryEntry } from './ticket-change';

/** Someone a note may mention: the colleagues who may see the ticket. */
export interface Mentionable {
  id: string;
  displayName: string;
}

/**
 * The colleagues a note mentions, written `@Marie Dupont` (any case). Longest names are matched first, so that
 * `@Marie Dupont-Leroy` does not also mention a `Marie Dupont`; a name must end at a word's end. Only the
 * colleagues given (those who may see the ticket) can be mentioned, never the author.
 */
export function mentionedColleagues(text: string, colleagues: readonly Mentionable[], authorId: string): string[] {
  let rest = text.toLocaleLowerCase('fr');
  const mentioned: string[] = [];
  const byLongestName = [...colleagues].sort((a, b) => b.displayName.length - a.displayName.length);
  for (const colleague of byLongestName) {
    const handle = `@${colleague.displayName.toLocaleLowerCase('fr')}`;
    let found = false;
    let at = rest.indexOf(handle);
    while (at !== -1) {
      const after = rest.charAt(at + handle.length);
      if (!/[\p{L}\p{N}_-]/u.test(after)) {
        found = true;
        rest = `${rest.slice(0, at)}${' '.repeat(handle.length)}${rest.slice(at + handle.length)}`;
      }
      at = rest.indexOf(handle, at + 1);
    }
    if (found && colleague.id !== authorId && !mentioned.includes(colleague.id)) mentioned.push(colleague.id);
  }
  return mentioned;
}

/** A note leaves one history entry pointing at it; it changes nothing else on the ticket. */
export function noteHistory(authorId: string, noteId: string): HistoryEntry[] {
  return [{ type: 'note-added', actorId: authorId, messageId: noteId }];
}
