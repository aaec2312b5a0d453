import { z } from 'zod';

import { openAttachment } from '../../models/request/attachment-store';
import type { RequestDocument } from '../../models/request/request-model';
import { findRequestsOfRequester } from '../../models/request/request-repository';
import { TicketEventModel } from '../../models/ticket/ticket-event-model';
import { TicketMessageModel } from '../../models/ticket/ticket-message-model';
import type { TicketDocument } from '../../models/ticket/ticket-model';
import { findTicketsOfRequest } from '../../models/ticket/ticket-repository';
import { deleteRequestData, type ErasureCount } from './personal-data-eraser';

const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9 .()-]{6,20}$/, 'Le numéro de téléphone est invalide.');

/** How the DPO designates the person: the e-mail address or the phone number they wrote from. */
export const dataSubjectSchema = z
  .strictObject({ email: z.email("L'adresse de courriel est invalide.").max(254).optional(), phone: phoneSchema.optional() })
  .refine((subject) => subject.email || subject.phone, 'Indiquez une adresse de courriel ou un numéro de téléphone.');
export type DataSubject = z.infer<typeof dataSubjectSchema>;

export const rectificationSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    email: z.email("L'adresse de courriel est invalide.").max(254).optional(),
    phone: phoneSchema.optional(),
  })
  .refine((changes) => Object.keys(changes).length > 0, 'Indiquez au moins un champ à rectifier.');
export type Rectification = z.infer<typeof rectificationSchema>;

/**
 * Everything held about the person (right of access and portability, GDPR art. 15 and 20): each request with its
 * tickets, their history, mail conversation and attachments (content in base64), as machine-readable JSON.
 */
export async function exportSubjectData(subject: DataSubject, communes: readonly string[], now = new Date()) {
  const requests = await findRequestsOfRequester(subject, communes);
  return {
    format: 'aiguillage-subject-export/2',
    generatedAt: now.toISOString(),
    subject,
    requests: await Promise.all(requests.map((request) => exportRequest(request))),
  };
}

async function exportRequest(request: RequestDocument) {
  const [tickets, messages] = await Promise.all([
    findTicketsOfRequest(request._id),
    TicketMessageModel.find({ requestId: request._id }).sort({ at: 1 }),
  ]);
  return {
    id: request._id.toString(),
    channel: request.channel,
    receivedAt: request.receivedAt.toISOString(),
    subject: request.subject,
    text: request.text,
    requester: { name: request.requester?.name ?? null, email: request.requester?.email ?? null, phone: request.requester?.phone ?? null },
    attachments: await Promise.all(request.attachments.map((attachment) => exportAttachment(attachment))),
    /** One, or one per part when the message held requests for several services and was split. */
    tickets: await Promise.all(tickets.map((ticket) => exportTicket(ticket))),
    messages: await Promise.all(
      messages.map(async (message) => ({
        direction: message.direction,
        kind: message.kind,
        at: message.at.toISOString(),
        from: message.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        attachments: await Promise.all(message.attachments.map((attachment) => exportAttachment(attachment))),
      })),
    ),
  };
}

async function exportTicket(ticket: TicketDocument) {
  const history = await TicketEventModel.find({ ticketId: ticket._id }).sort({ at: 1, _id: 1 }).lean();
  return {
    reference: ticket.reference,
    queue: ticket.queue,
    intent: ticket.intent,
    status: ticket.status,
    priority: ticket.priority,
    entities: ticket.entities.map(({ type, value, text }) => ({ type, value, text })),
    parts: (ticket.parts ?? []).map(({ queue, intent, text, reference }) => ({ queue, intent, text, reference: reference ?? null })),
    satisfaction: ticket.satisfaction?.rating ?? null,
    history: history.map((event) => ({
      type: event.type,
      at: event.at.toISOString(),
      from: event.from ?? null,
      to: event.to ?? null,
      reason: event.reason ?? null,
    })),
  };
}

async function exportAttachment(attachment: { filename: string; contentType: string; size: number; storageId?: string | null }) {
  let contentBase64: string | null = null;
  if (attachment.storageId) {
    const chunks: Buffer[] = [];
    for await (const chunk of openAttachment(attachment.storageId)) chunks.push(chunk as Buffer);
    contentBase64 = Buffer.concat(chunks).toString('base64');
  }
  return { filename: attachment.filename, contentType: attachment.contentType, size: attachment.size, contentBase64 };
}

/** Right to rectification (art. 16): the requester's details on every request of the person. */
export async function rectifySubjectData(
  subject: DataSubject,
  changes: Rectification,
  communes: readonly string[],
): Promise<{ requestIds: string[] }> {
  const requests = await findRequestsOfRequester(subject, communes);
  for (const request of requests) {
    for (const [field, value] of Object.entries(changes)) request.set(`requester.${field}`, value);
    await request.save();
  }
  return { requestIds: requests.map((request) => request._id.toString()) };
}

/** Right to erasure (art. 17): every request of the person deleted, the anonymous statistics kept. */
export async function eraseSubjectData(
  subject: DataSubject,
  communes: readonly string[],
): Promise<ErasureCount & { requestIds: string[] }> {
  const requests = await findRequestsOfRequester(subject, communes);
  const total: ErasureCount = { requests: 0, tickets: 0, messages: 0, attachments: 0 };
  for (const request of requests) {
    const erased = await deleteRequestData(request._id);
    for (const key of Object.keys(total) as Array<keyof ErasureCount>) total[key] += erased[key];
  }
  return { ...total, requestIds: requests.map((request) => request._id.toString()) };
}
