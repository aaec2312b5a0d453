import type { FicheHit } from '../../classifiers/sources/search-fiches';
import { recordAuditEvent } from '../../models/audit/audit-event-repository';
import { ApplicationError } from '../application-error';
import type { TicketActor, TicketWorkflow } from '../tickets/ticket-workflow';
import type { AnswerDrafter, DraftedAnswer } from './answer-drafter';
import type { FicheSources } from './fiche-sources';
import { ticketQuestion } from './ticket-question';

/** How many fiches the agent is shown: enough to choose, few enough to read. */
export const sourcesShown = 3;

/**
 * The official sources of a ticket (the service-public.fr fiches most relevant to the citizen's question), and the
 * reply drafted from one of them. Same visibility rule as the ticket itself (the workflow's one check).
 */
export class TicketSources {
  constructor(
    private readonly workflow: TicketWorkflow,
    private readonly sources: FicheSources,
    private readonly drafter: AnswerDrafter,
  ) {}

  /** Whether drafted replies are offered (the LLM is enabled). */
  get drafting(): boolean {
    return this.drafter.enabled;
  }

  async list(actor: TicketActor, ticketId: string): Promise<FicheHit[]> {
    const ticket = await this.workflow.visibleTicket(actor, ticketId);
    return this.sources.search((await ticketQuestion(ticket)).text, sourcesShown);
  }

  /**
   * A reply to the ticket's question grounded on one of the fiches it was shown: drafted by the LLM when enabled and
   * citing the fiche, else the fiche's section itself. Audited with the fiche and where the reply came from.
   */
  async draft(actor: TicketActor, ticketId: string, ficheId: string): Promise<{ source: FicheHit; answer: DraftedAnswer }> {
    const ticket = await this.workflow.visibleTicket(actor, ticketId);
    const question = await ticketQuestion(ticket);
    const source = this.sources.search(question.text, sourcesShown).find((hit) => hit.id === ficheId);
    if (!source) throw new ApplicationError('not-found', 'Cette fiche ne fait pas partie des sources de la demande.');
    const answer = await this.drafter.draft(question, source);
    await recordAuditEvent({
      actor,
      action: 'ticket.answer-drafted',
      objectType: 'Ticket',
      objectId: ticket.id,
      commune: ticket.commune,
      details: { fiche: source.id, origin: answer.origin, fallback: answer.fallback ?? null, llmCallId: answer.llmCallId ?? null },
    });
    return { source, answer };
  }
}
