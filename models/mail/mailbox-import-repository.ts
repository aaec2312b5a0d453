import type { Types } from 'mongoose';

import { ImportedMailModel, type importOutcomes } from './imported-mail-model';
import { MailboxStateModel } from './mailbox-state-model';

export interface MailboxCursor {
  uidValidity: string;
  lastUid: number;
}

export async function readMailboxCursor(mailbox: string): Promise<MailboxCursor | null> {
  const state = await MailboxStateModel.findById(mailbox).lean();
  return state ? { uidValidity: state.uidValidity, lastUid: state.lastUid } : null;
}

/** Starts the folder over for a new UIDVALIDITY (or the very first import). */
export async function resetMailboxCursor(mailbox: string, uidValidity: string): Promise<void> {
  await MailboxStateModel.updateOne({ _id: mailbox }, { $set: { uidValidity, lastUid: 0 } }, { upsert: true });
}

/** Moves the cursor forward only: a late or replayed call never makes the import go back. */
export async function advanceMailboxCursor(mailbox: string, uidValidity: string, uid: number): Promise<void> {
  await MailboxStateModel.updateOne({ _id: mailbox, uidValidity, lastUid: { $lt: uid } }, { $set: { lastUid: uid } });
}

export interface ImportRecord {
  mailbox: string;
  uidValidity: string;
  uid: number;
  messageId?: string;
  outcome: (typeof importOutcomes)[number];
  requestId?: Types.ObjectId | string;
  ticketMessageId?: Types.ObjectId | string;
  reason?: string;
  refusedAttachments?: number;
}

/** Idempotent: importing the same UID again (after a lost connection) rewrites the same record. */
export async function recordImportedMail(record: ImportRecord, at = new Date()): Promise<void> {
  const { mailbox, uidValidity, uid, ...rest } = record;
  await ImportedMailModel.updateOne({ mailbox, uidValidity, uid }, { $set: { ...rest, at } }, { upsert: true });
}

export async function listImportedMail(filter: { outcome?: ImportRecord['outcome']; page: number; pageSize: number }) {
  const query = filter.outcome ? { outcome: filter.outcome } : {};
  const [records, total] = await Promise.all([
    ImportedMailModel.find(query)
      .sort({ at: -1, _id: -1 })
      .skip((filter.page - 1) * filter.pageSize)
      .limit(filter.pageSize)
      .lean(),
    ImportedMailModel.countDocuments(query),
  ]);
  return { records, total };
}
