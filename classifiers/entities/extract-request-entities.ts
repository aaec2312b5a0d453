import { findQuoteHeaders } from '../text/quote-headers';
import { stripQuotedReply } from '../text/strip-quoted-reply';
import type { Entity } from './entity';
import { extractDates } from './extract-dates';
import { extractEntities } from './extract-entities';
import type { ExtractionContext } from './extraction-context';

/**
 * The entities of a request as the pipeline keeps them: those of the citizen's own text (quoted history left out, so
 * that an old message's names and numbers are not taken for the citizen's), and the dates in the headers of the
 * quoted messages, marked `fromQuotedHistory` (agents see when the earlier exchange took place; due dates must not
 * take it for the citizen's date). The own text is a prefix of the request text, so every offset is an offset in the
 * request text. A header that stays inside the own text (a whole forwarded message, nothing written above it) gives
 * its date once, marked.
 */
export function extractRequestEntities(
  text: string,
  context: ExtractionContext,
  extract: (text: string, context: ExtractionContext) => Entity[] = extractEntities,
): Entity[] {
  const quotedDates = quotedHeaderDates(text, context);
  const own = extract(stripQuotedReply(text), context).filter((entity) =>
    quotedDates.every((date) => entity.end <= date.start || entity.start >= date.end),
  );
  return [...own, ...quotedDates].sort((a, b) => a.start - b.start);
}

function quotedHeaderDates(text: string, context: ExtractionContext): Entity[] {
  return findQuoteHeaders(text).flatMap((header) =>
    header.dateFields.flatMap((field) =>
      extractDates(text.slice(field.start, field.end), context).map((date) => ({
        ...date,
        start: field.start + date.start,
        end: field.start + date.end,
        fromQuotedHistory: true as const,
      })),
    ),
  );
}
