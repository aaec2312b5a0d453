import type { TicketDocument } from '../../models/ticket/ticket-model';
import { completenessLabel } from '../../routing-rules/checklists/assistance-text';

/** The checklist's verdict as the ticket list shows it: « complet », « manque : filiation », « à vérifier : date de naissance ». */
export function ticketCompletenessView(ticket: Pick<TicketDocument, 'assistance'>) {
  const checklist = ticket.assistance?.checklist;
  if (!checklist) return null;
  return {
    status: checklist.status,
    label: completenessLabel({
      status: checklist.status,
      items: checklist.items.map((item) => ({ label: item.label ?? item.id, present: item.present, toVerify: item.toVerify ?? false })),
    }),
  };
}

/** What agents see of a ticket's checklist and of the reply prepared for it, field by field. */
export function ticketAssistanceView(ticket: Pick<TicketDocument, 'assistance'>) {
  const assistance = ticket.assistance;
  if (!assistance) return null;
  const { checklist, reply } = assistance;
  return {
    intent: assistance.intent,
    kind: assistance.kind,
    mode: assistance.mode,
    checklistSetVersion: assistance.checklistSetVersion,
    checklist: checklist
      ? {
          ...ticketCompletenessView(ticket)!,
          items: checklist.items.map((item) => ({
            id: item.id,
            label: item.label ?? item.id,
            present: item.present,
            toVerify: item.toVerify ?? false,
          })),
          completedAt: checklist.completedAt?.toISOString() ?? null,
        }
      : null,
    reply: reply
      ? {
          kind: reply.kind,
          text: reply.text,
          items: reply.items ?? [],
          source: reply.source?.url ? { title: reply.source.title ?? reply.source.url, url: reply.source.url } : null,
          status: reply.status,
          sentAt: reply.sentAt?.toISOString() ?? null,
          sentBy: reply.sentBy?.toString() ?? null,
          edited: reply.edited ?? false,
          dismissedAt: reply.dismissedAt?.toISOString() ?? null,
        }
      : null,
  };
}
