import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';

import type { NewRequest } from '../../models/request/request-repository';

export class MalformedEmailError extends Error {}

/** An attachment as found in the message, content included, before any decision to keep it. */
export interface InboundAttachment {
  filename: string;
  contentType: string;
  size: number;
  content: Buffer;
}

/** A parsed message with what the mail side needs beyond the request: raw headers and attachment contents. */
export interface InboundEmail {
  /** The commune is the receiver's to decide (recipient address, mailbox): not part of the message. */
  request: Omit<NewRequest, 'commune'> & { messageId: string; requester: { email: string } };
  /** Addresses the mail was written to (To, Cc, Delivered-To, X-Original-To), lower case. */
  recipients: string[];
  /** Lower-case header names, unfolded raw values, first occurrence (noise detection reads these). */
  headers: ReadonlyMap<string, string>;
  /** The top-level MIME type with its parameters, e.g. `multipart/report; report-type=delivery-status`. */
  contentType: string;
  attachments: InboundAttachment[];
}

function firstAddress(field: AddressObject | AddressObject[] | undefined) {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((address) => address.value).find((mailbox) => mailbox.address);
}

/** Turns a raw RFC 822 message into a request: MIME parts, charsets and HTML-only bodies handled by mailparser. */
export async function parseInboundEmail(raw: Buffer | string, receivedAt = new Date()): Promise<InboundEmail> {
  const source = typeof raw === 'string' ? Buffer.from(raw) : raw;
  if (
    !/\r?\n\r?\n/.test(source.subarray(0, 64 * 1024).toString('latin1')) ||
    !/^[\x21-\x39\x3b-\x7e]+:/m.test(source.subarray(0, 1024).toString('latin1'))
  ) {
    throw new MalformedEmailError("Le message n'est pas un e-mail au format RFC 822 (en-têtes et corps séparés par une ligne vide).");
  }
  const parsed = await simpleParser(source, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  const sender = firstAddress(parsed.from);
  if (!sender?.address) throw new MalformedEmailError("L'e-mail n'a pas d'expéditeur (en-tête From) valide.");
  // Images embedded in an HTML body (logos, signatures) are part of its layout, not documents the citizen sent.
  const attachments = parsed.attachments
    .filter((attachment) => !attachment.related)
    .map((attachment) => ({
      filename: attachment.filename ?? 'sans-nom',
      contentType: attachment.contentType,
      size: attachment.size,
      content: attachment.content,
    }));
  const bodyText = (parsed.text ?? '').trim() || htmlToPlainText(typeof parsed.html === 'string' ? parsed.html : '');
  if (!bodyText && attachments.length === 0) throw new MalformedEmailError("L'e-mail ne contient aucun texte.");
  const references = Array.isArray(parsed.references) ? parsed.references : parsed.references ? [parsed.references] : [];
  return {
    request: {
      channel: 'email',
      messageId: parsed.messageId?.trim() || syntheticMessageId(source),
      inReplyTo: parsed.inReplyTo?.trim() || undefined,
      references,
      subject: (parsed.subject ?? '').trim(),
      text: bodyText || '(Message sans texte : voir les pièces jointes.)',
      requester: { name: sender.name?.trim() || undefined, email: sender.address.toLowerCase() },
      attachments: attachments.map(({ filename, contentType, size }) => ({ filename, contentType, size })),
      receivedAt,
    },
    headers: rawHeaders(parsed),
    recipients: recipientsOf(parsed),
    contentType: topContentType(parsed),
    attachments,
  };
}

function recipientsOf(parsed: ParsedMail): string[] {
  const listed = [parsed.to, parsed.cc]
    .flatMap((field) => (Array.isArray(field) ? field : field ? [field] : []))
    .flatMap((address) => address.value);
  const delivered = ['delivered-to', 'x-original-to'].flatMap((name) => {
    const value = parsed.headers.get(name);
    return typeof value === 'string' ? [{ address: value.replace(/^<|>$/g, '') }] : [];
  });
  return [...new Set([...listed, ...delivered].flatMap((mailbox) => (mailbox.address ? [mailbox.address.trim().toLowerCase()] : [])))];
}

/** A message without Message-ID still needs a stable identity, so that importing it twice is noticed. */
function syntheticMessageId(source: Buffer): string {
  return `<${createHash('sha256').update(source).digest('hex')}@sans-message-id.aiguillage.invalid>`;
}

function rawHeaders(parsed: ParsedMail): Map<string, string> {
  const headers = new Map<string, string>();
  for (const { key, line } of parsed.headerLines) {
    if (headers.has(key)) continue;
    headers.set(
      key,
      line
        .slice(line.indexOf(':') + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim(),
    );
  }
  return headers;
}

function topContentType(parsed: ParsedMail): string {
  const header = parsed.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  if (!header?.value) return 'text/plain';
  const params = Object.entries(header.params ?? {}).filter(([name]) => name !== 'boundary');
  return [header.value.toLowerCase(), ...params.map(([name, value]) => `${name}=${value}`)].join('; ');
}

function htmlToPlainText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h\d)>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n\n')
    .trim();
}
