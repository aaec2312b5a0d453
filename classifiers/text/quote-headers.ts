/** A stretch of a text, in UTF-16 offsets: `start` included, `end` excluded. */
export interface TextSpan {
  start: number;
  end: number;
}

/** The header a mail client writes above a quoted or forwarded message. */
export interface QuoteHeader extends TextSpan {
  /** Where the header says when the quoted message was sent: the attribution line, or the value of its date field. */
  dateFields: TextSpan[];
}

/**
 * The headers that introduce quoted messages in an email body, in text order, in French, English, Spanish,
 * Portuguese, Italian and German mail clients:
 * - attribution lines, possibly wrapped over three lines and behind ">" marks: "Le mar. 4 mars 2025 à 09:12, X a
 *   écrit :", "On Tue, 4 Mar 2025 at 09:12, X wrote:", "El lun, 31 mar 2025 a las 15:20, X escribió:", "Em ter., 6
 *   de mai. de 2025 às 10:42, X escreveu:", "Am 13.08.2025 um 16:02 schrieb X:". They must hold a digit or an "@",
 *   so that a citizen's "Le maire m'a écrit :" is not taken for one;
 * - header blocks: a separator ("-----Message d'origine-----", "---------- Forwarded message ---------", "Début du
 *   message réexpédié :") and/or a sender field ("De : …", "From: …"), followed by the other fields ("Envoyé :",
 *   "Sent:", "Date:", "Enviado:", "À :", "Subject:"…). A sender field alone still starts quoted history.
 */
export function findQuoteHeaders(text: string): QuoteHeader[] {
  const lines = splitLines(text);
  const headers: QuoteHeader[] = [];
  for (let index = 0; index < lines.length; index++) {
    const header = attributionAt(lines, index) ?? headerBlockAt(lines, index);
    if (!header) continue;
    headers.push(header.header);
    index = header.lastLine;
  }
  return headers;
}

/** Where quoted history begins: the first quote header or the first line starting with ">". */
export function quotedHistoryStart(text: string): number | undefined {
  const firstQuotedLine = splitLines(text).find((line) => line.text.trimStart().startsWith('>'))?.start;
  const firstHeader = findQuoteHeaders(text)[0]?.start;
  const starts = [firstQuotedLine, firstHeader].filter((start): start is number => start !== undefined);
  return starts.length > 0 ? Math.min(...starts) : undefined;
}

interface Line extends TextSpan {
  text: string;
  /** The line without its leading quote marks (">", "> >") and blanks. */
  content: string;
  contentStart: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const lineBreak of text.matchAll(/\r?\n|$/g)) {
    const line = text.slice(start, lineBreak.index);
    const marks = /^[ \t>]*/.exec(line)![0].length;
    lines.push({ start, end: lineBreak.index, text: line, content: line.slice(marks).trimEnd(), contentStart: start + marks });
    if (lineBreak[0] === '') break;
    start = lineBreak.index + lineBreak[0].length;
  }
  return lines;
}

const attributionOpening = /^(?:le|on|el|em|am|il|op)\s/i;
/** German and Dutch clients put the verb before the sender: "Am 13.08.2025 um 16:02 schrieb Mairie <…>:". */
const attributionEnding =
  /(?:a\s+[ée]crit|wrote|escribi[óo]|escreveu|schrieb|ha\s+scritto|schreef)\s*:$|\s(?:schrieb|schreef)\s.{1,200}:$/i;

function attributionAt(lines: Line[], index: number): { header: QuoteHeader; lastLine: number } | undefined {
  if (!attributionOpening.test(lines[index].content)) return undefined;
  for (let last = index; last < Math.min(lines.length, index + 3); last++) {
    if (last > index && !isWrappedAfter(lines[last - 1], lines[last])) return undefined;
    if (!attributionEnding.test(lines[last].content)) continue;
    const span = { start: lines[index].contentStart, end: lines[last].contentStart + lines[last].content.length };
    const joined = lines
      .slice(index, last + 1)
      .map((line) => line.content)
      .join(' ');
    if (joined.length > 400 || !/[\d@]/.test(joined)) return undefined;
    return { header: { start: lines[index].start, end: span.end, dateFields: [span] }, lastLine: last };
  }
  return undefined;
}

/** A client wraps a long attribution mid-sentence: the next line is not blank, a new sentence or another attribution. */
function isWrappedAfter(previous: Line, next: Line): boolean {
  return next.content !== '' && !/[.!?]$/.test(previous.content) && !attributionOpening.test(next.content);
}

const separator = new RegExp(
  [
    "^-{2,}\\s*(?:message d'origine|message original|original message|message transf[ée]r[ée]|forwarded message",
    '|mensaje original|mensaje reenviado|mensagem original|mensagem encaminhada|messaggio originale',
    '|messaggio inoltrato|urspr[üu]ngliche nachricht|weitergeleitete nachricht)\\s*-{2,}$',
    '|^(?:d[ée]but du message r[ée]exp[ée]di[ée]|begin forwarded message|inicio del mensaje reenviado',
    '|in[íi]cio da mensagem reencaminhada)\\s*:$',
  ].join(''),
  'i',
);
const senderField = /^(?:de|from|von|da)\s*:\s+\S/i;
const headerField =
  /^(de|from|von|da|envoy[ée]|sent|date|datum|enviado|enviada|data|fecha|gesendet|inviato|[àa]|to|an|para|cc|cci|bcc|objet|subject|asunto|assunto|betreff|oggetto|r[ée]pondre\s+[àa]|reply-to|importance|priorit[ée])\s*:\s*(.*)$/i;
const dateLabel = /^(?:envoy[ée]|sent|date|datum|enviado|enviada|data|fecha|gesendet|inviato)$/i;

function headerBlockAt(lines: Line[], index: number): { header: QuoteHeader; lastLine: number } | undefined {
  const opensWithSeparator = separator.test(lines[index].content);
  if (!opensWithSeparator && !senderField.test(lines[index].content)) return undefined;
  let next = opensWithSeparator ? index + 1 : index;
  if (opensWithSeparator && lines[next]?.content === '') next += 1;
  const dateFields: TextSpan[] = [];
  let last = index;
  for (; next < lines.length; next++) {
    const field = headerField.exec(lines[next].content);
    if (!field) break;
    if (dateLabel.test(field[1])) {
      const valueStart = lines[next].contentStart + field[0].length - field[2].length;
      dateFields.push({ start: valueStart, end: valueStart + field[2].length });
    }
    last = next;
  }
  return { header: { start: lines[index].start, end: lines[last].end, dateFields }, lastLine: last };
}
