/** A stretch of the text with its offsets: [start, end) in the text it was cut from. */
export interface TextSegment {
  text: string;
  start: number;
  end: number;
}

// Sentence ends, line breaks, and the connectors citizens use to move on to another request.
const boundary =
  /[.!?;]+(?=\s|$)|\n+|\s(?=(?:et aussi|et également|par ailleurs|autre chose|autre question|deuxième chose|d'autre part|de plus|ps\b|p\.s\.|also|another thing|además|también|também|além disso)\b)/giu;

/**
 * Cuts a message into sentences and connector-led clauses, each with its offsets, leaving out pieces too short to
 * carry a request on their own (greetings, "Merci", signatures of one word).
 */
export function segmentSentences(text: string, minimumWords = 3): TextSegment[] {
  const segments: TextSegment[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const leading = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed.split(/\s+/).filter((word) => /\p{L}/u.test(word)).length >= minimumWords) {
      segments.push({ text: trimmed, start: start + leading, end: start + leading + trimmed.length });
    }
  };
  for (const match of text.matchAll(boundary)) {
    const end = match.index + match[0].length;
    push(end);
    start = end;
  }
  push(text.length);
  return segments;
}
