import { simpleParser, type AddressObject } from 'mailparser';
import type { NewRequest } from '../../models/request-repository';

export class MalformedEmailError extends Error {}

function firstAddress(field: AddressObject | AddressObject[] | undefined) {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((address) => address.value).find((mailbox) => mailbox.address);
}

/** Turns a raw RFC 822 message into a request: MIME parts, charsets and HTML-only bodies handled by mailparser. */
export async function parseEmail(raw: Buffer | string, receivedAt = new Date()): Promise<NewRequest> {
  const source = typeof raw === 'string' ? Buffer.from(raw) : raw;
  if (!/\r?\n\r?\n/.test(source.subarray(0, 64 * 1024).toString('latin1')) || !/^[\x21-\x39\x3b-\x7e]+:/m.test(source.subarray(0, 1024).toString('latin1'))) {
    throw new MalformedEmailError("Le message n'est pas un e-mail au format RFC 822 (en-têtes et corps séparés par une ligne vide).");
  }
  const parsed = await simpleParser(source, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  const sender = firstAddress(parsed.from);
  if (!sender?.address) throw new MalformedEmailError("L'e-mail n'a pas d'expéditeur (en-tête From) valide.");
  const text = (parsed.text ?? '').trim() || htmlToPlainText(typeof parsed.html === 'string' ? parsed.html : '');
  if (!text) throw new MalformedEmailError("L'e-mail ne contient aucun texte.");
  const references = Array.isArray(parsed.references) ? parsed.references : parsed.references ? [parsed.references] : [];
  return {
    channel: 'email',
    messageId: parsed.messageId?.trim() || undefined,
    inReplyTo: parsed.inReplyTo?.trim() || undefined,
    references,
    subject: (parsed.subject ?? '').trim(),
    text,
    requester: { name: sender.name?.trim() || undefined, email: sender.address.toLowerCase() },
    attachments: parsed.attachments.map((attachment) => ({
      filename: attachment.filename ?? 'sans-nom',
      contentType: attachment.contentType,
      size: attachment.size,
    })),
    receivedAt,
  };
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
