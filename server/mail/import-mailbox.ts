import type { ImapFlow } from 'imapflow';

import {
  advanceMailboxCursor,
  readMailboxCursor,
  recordImportedMail,
  resetMailboxCursor,
} from '../../models/mail/mailbox-import-repository';
import type { Logger } from '../logger';
import { MalformedEmailError } from './parse-email';
import type { ReceivedEmail } from './receive-email';

export interface MailboxImportParts {
  /** Identifies the folder in the bookkeeping: "user@host:port/folder". */
  mailboxKey: string;
  /** Unset: imported messages stay in the folder, flagged \Seen. */
  processedFolder?: string;
  maxEmailBytes: number;
  receive: (raw: Buffer, receivedAt?: Date) => Promise<ReceivedEmail>;
  logger: Logger;
}

export interface ImportSummary {
  imported: number;
  refused: number;
}

const maxBatchMessages = 50;
const maxBatchBytes = 32 * 1024 * 1024;

/**
 * One pass over the open folder. The order of things is what makes it safe: a message is stored first, then
 * marked or moved on the server, then the cursor passes it. Whatever interrupts the pass (a lost connection, a
 * crash, a database outage), the next pass fetches again every message not yet past the cursor, and the
 * Message-ID bookkeeping recognises those already stored: nothing is lost, nothing is stored twice.
 */
export async function importNewMessages(client: ImapFlow, parts: MailboxImportParts): Promise<ImportSummary> {
  if (!client.mailbox) throw new Error('no IMAP folder is open');
  const uidValidity = String(client.mailbox.uidValidity);
  let cursor = await readMailboxCursor(parts.mailboxKey);
  const trusted = cursor?.uidValidity === uidValidity;
  if (!cursor || !trusted) {
    // First import, or the server renumbered the folder: old UIDs mean nothing any more.
    if (cursor)
      parts.logger.warn({ mailbox: parts.mailboxKey }, 'IMAP UIDVALIDITY changed: importing the folder again, known messages are skipped');
    await resetMailboxCursor(parts.mailboxKey, uidValidity);
    cursor = { uidValidity, lastUid: 0 };
  }
  const lastUid = cursor.lastUid;
  // Without a trusted cursor, flag mode cannot tell old mail from new but by the \Seen flag it sets itself.
  const query = trusted ? { uid: `${lastUid + 1}:*` } : parts.processedFolder ? { all: true } : { seen: false };
  const found = (await client.search(query, { uid: true })) || [];
  // `n:*` always matches the newest message, even when its UID is below n.
  const uids = found.filter((uid) => uid > lastUid).sort((left, right) => left - right);
  const summary: ImportSummary = { imported: 0, refused: 0 };
  if (uids.length === 0) return summary;

  const sizes = new Map(
    (await client.fetchAll(uids, { uid: true, size: true }, { uid: true })).map((message) => [message.uid, message.size ?? 0]),
  );
  for (const batch of batches(uids, sizes, parts.maxEmailBytes)) {
    const wanted = batch.filter((uid) => (sizes.get(uid) ?? 0) <= parts.maxEmailBytes);
    const fetched = wanted.length > 0 ? await client.fetchAll(wanted, { uid: true, source: true, internalDate: true }, { uid: true }) : [];
    const byUid = new Map(fetched.map((message) => [message.uid, message]));
    const refused: number[] = [];
    for (const uid of batch) {
      const base = { mailbox: parts.mailboxKey, uidValidity, uid };
      const size = sizes.get(uid) ?? 0;
      if (size > parts.maxEmailBytes) {
        refused.push(uid);
        await recordImportedMail({
          ...base,
          outcome: 'refused',
          reason: `Message trop volumineux (${megabytes(size)} Mo, maximum ${megabytes(parts.maxEmailBytes)} Mo).`,
        });
        continue;
      }
      const message = byUid.get(uid);
      if (!message?.source) continue; // expunged by someone else since the search
      // Without the server's arrival date, the application's clock decides (the channel's default).
      const receivedAt = message.internalDate ? new Date(message.internalDate) : undefined;
      try {
        const received = await parts.receive(message.source, receivedAt);
        await recordImportedMail({
          ...base,
          messageId: received.messageId,
          outcome: received.outcome,
          requestId: received.outcome === 'follow-up' ? undefined : received.requestId,
          ticketMessageId: received.outcome === 'follow-up' ? received.ticketMessageId : undefined,
          reason: received.outcome === 'set-aside' ? received.reason : undefined,
          refusedAttachments: received.refusedAttachments,
        });
        summary.imported += 1;
      } catch (error) {
        if (!(error instanceof MalformedEmailError)) throw error;
        refused.push(uid);
        await recordImportedMail({ ...base, outcome: 'refused', reason: error.message });
      }
    }
    summary.refused += refused.length;
    // Refused messages are left visibly flagged for whoever reads the shared mailbox by hand.
    if (refused.length > 0) await client.messageFlagsAdd(refused, ['\\Flagged'], { uid: true });
    if (parts.processedFolder) await client.messageMove(batch, parts.processedFolder, { uid: true });
    else await client.messageFlagsAdd(batch, ['\\Seen'], { uid: true });
    await advanceMailboxCursor(parts.mailboxKey, uidValidity, batch[batch.length - 1]);
  }
  return summary;
}

function* batches(uids: readonly number[], sizes: ReadonlyMap<number, number>, maxEmailBytes: number): Generator<number[]> {
  let batch: number[] = [];
  let bytes = 0;
  for (const uid of uids) {
    const size = Math.min(sizes.get(uid) ?? 0, maxEmailBytes);
    if (batch.length > 0 && (batch.length >= maxBatchMessages || bytes + size > maxBatchBytes)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(uid);
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 });
}
