import type { Entity, EntityType } from '../../classifiers/entities/entity';
import { toMatchingText } from '../../classifiers/entities/matching-text';
import { stripQuotedReply } from '../../classifiers/text/strip-quoted-reply';
import { MAX_REGEX_INPUT_LENGTH } from '../regex-safety';

/** One message of the citizen's: the request, or a reply threaded into its ticket, with its extracted entities. */
export interface CitizenMessage {
  subject?: string;
  text: string;
  entities: readonly Entity[];
}

/** What checklist patterns and entity evidence are tested against: the citizen's own words, all messages together. */
export interface MessageEvidence {
  /** Accents folded, each entity preceded by its marker (`[[date]] 3 mars`), messages joined by blank lines. */
  text: string;
  entityTypes: ReadonlySet<EntityType>;
  /**
   * A message forwarded from elsewhere, or long enough to hold several requests: what its patterns do not find may
   * well be there, so nothing is asked for it (see evaluateChecklist).
   */
  complex: boolean;
}

/** Own words beyond which a message is read by a person rather than asked for what patterns missed. */
export const COMPLEX_MESSAGE_LENGTH = 900;
const forwardedChain =
  /(message transf[ée]r[ée]|forwarded message|message d'origine|original message|d[ée]but du message r[ée]exp[ée]di[ée])/i;

/**
 * The evidence of a conversation. Quoted history is left out (a reply quoting our acknowledgement must not answer
 * its own questions with our words), so are dates read in quoted headers. A marker before each entity lets a pattern
 * ask for one in context (« mère [[person]] »); the entity's words stay for the patterns that read words.
 */
export function messageEvidence(messages: readonly CitizenMessage[]): MessageEvidence {
  const types = new Set<EntityType>();
  const texts: string[] = [];
  let complex = false;
  for (const message of messages) {
    const own = stripQuotedReply(message.text);
    complex ||= own.length > COMPLEX_MESSAGE_LENGTH || forwardedChain.test(message.text);
    const entities = message.entities
      .filter((entity) => !entity.fromQuotedHistory && entity.end <= own.length)
      .sort((a, b) => a.start - b.start);
    let marked = '';
    let position = 0;
    for (const entity of entities) {
      if (entity.start < position) continue;
      marked += `${toMatchingText(own.slice(position, entity.start))} [[${entity.type}]] ${toMatchingText(own.slice(entity.start, entity.end))}`;
      position = entity.end;
      types.add(entity.type);
    }
    marked += toMatchingText(own.slice(position));
    // Patterns see the first characters of each message, as routing rules do: time linear in a bounded input.
    texts.push(
      [message.subject ? toMatchingText(message.subject) : '', marked].filter(Boolean).join('\n').slice(0, MAX_REGEX_INPUT_LENGTH),
    );
  }
  return { text: texts.join('\n\n'), entityTypes: types, complex };
}
