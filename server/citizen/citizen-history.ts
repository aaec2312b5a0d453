/**
 * What a citizen may read about their request: the steps it went through and the messages exchanged. Built from
 * the ticket's history by naming each step in the citizen's words; everything else stays out by construction:
 * agents' names and ids, rerouting reasons, internal notes, suppressed mail, confidence and routing traces.
 */

export interface HistoryFacts {
  receivedAt: Date;
  receptionQueue: string;
  queueLabels: ReadonlyMap<string, string>;
  tickets: ReadonlyArray<{ reference: string; events: ReadonlyArray<TicketEventFact> }>;
  messages: ReadonlyArray<MessageFact>;
}

export interface TicketEventFact {
  type: string;
  at: Date;
  to?: string | null;
  reason?: string | null;
}

export interface MessageFact {
  /** `internal` (agents' notes) never reaches here (conversationOf leaves notes out), nor would it pass citizenMessages. */
  direction: 'inbound' | 'outbound' | 'internal';
  kind: string;
  at: Date;
  text: string;
  attachments: ReadonlyArray<{ filename: string; refusedReason?: string | null }>;
  deliveryStatus?: string | null;
}

export interface CitizenStep {
  at: Date;
  label: string;
  /** The ticket's reference when the request was split into several (each step says which one it is about). */
  reference?: string;
}

export interface CitizenMessage {
  at: Date;
  from: 'citizen' | 'mairie';
  text: string;
  attachments: Array<{ filename: string; refusedReason: string | null }>;
}

const statusSteps: Record<string, string> = {
  open: 'Demande en cours de traitement',
  pending: 'La mairie attend une réponse de votre part',
  resolved: 'La mairie a répondu : demande traitée',
  closed: 'Demande close',
};

function serviceStep(queue: string | null | undefined, facts: HistoryFacts): string {
  if (!queue || queue === facts.receptionQueue) return 'Demande à l’accueil de la mairie, qui la confie au bon service';
  return `Demande transmise au service ${facts.queueLabels.get(queue) ?? queue}`;
}

function stepOf(event: TicketEventFact, facts: HistoryFacts): string | null {
  switch (event.type) {
    case 'created':
    case 'rerouted':
      return serviceStep(event.to, facts);
    case 'assigned':
      return 'Un agent du service a pris en charge votre demande';
    case 'status-changed':
      return statusSteps[event.to ?? ''] ?? null;
    case 'follow-up':
      return 'Votre message a été ajouté à votre dossier';
    case 'reopened':
      return 'Demande rouverte après votre message';
    case 'merged':
      return 'Demande regroupée avec une autre de vos demandes';
    case 'satisfaction-rated':
      return 'Vous avez donné votre avis sur le traitement de la demande';
    case 'attachment-refused':
      return `Une pièce jointe n’a pas été acceptée : ${event.reason ?? 'type ou taille refusés'}`;
    case 'mail-queued':
      return event.to === 'agent-reply' ? 'La mairie vous a écrit' : null;
    default:
      return null;
  }
}

/** The steps, oldest first, without a step repeated back to back (two agents taking the ticket in turn, say). */
export function citizenSteps(facts: HistoryFacts): CitizenStep[] {
  const split = facts.tickets.length > 1;
  const steps: CitizenStep[] = [{ at: facts.receivedAt, label: 'Demande reçue' }];
  const ticketSteps = facts.tickets.flatMap((ticket) =>
    ticket.events.flatMap((event) => {
      const label = stepOf(event, facts);
      return label ? [{ at: event.at, label, ...(split ? { reference: ticket.reference } : {}) }] : [];
    }),
  );
  ticketSteps.sort((left, right) => left.at.getTime() - right.at.getTime());
  for (const step of ticketSteps) {
    const previous = steps[steps.length - 1];
    if (previous.label === step.label && previous.reference === step.reference) continue;
    steps.push(step);
  }
  return steps;
}

/**
 * The conversation as the citizen lived it: their own messages, and what agents wrote to them. Automatic mails
 * (acknowledgement, notifications) are steps, not messages; a mail the mairie decided not to send never was one.
 */
export function citizenMessages(facts: HistoryFacts): CitizenMessage[] {
  return facts.messages
    .filter((message) => message.direction === 'inbound' || (message.kind === 'agent-reply' && message.deliveryStatus !== 'suppressed'))
    .map((message) => ({
      at: message.at,
      from: message.direction === 'inbound' ? 'citizen' : 'mairie',
      text: message.text,
      attachments: message.attachments.map((attachment) => ({
        filename: attachment.filename,
        refusedReason: attachment.refusedReason ?? null,
      })),
    }));
}
