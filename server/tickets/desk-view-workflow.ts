import type { SavedViewDocument } from '../../models/accounts/saved-view-model';
import { countSavedViews, createSavedView, deleteSavedView, listSavedViews } from '../../models/accounts/saved-view-repository';
import { deskViewLabels, deskViews } from '../../tickets/desk-views';
import { ApplicationError } from '../application-error';
import { ticketFilterSchema, type TicketFilter } from './ticket-list';
import type { TicketActor, TicketWorkflow } from './ticket-workflow';

/** Enough for the searches a person comes back to; beyond, the list of views stops being read. */
export const maxSavedViews = 20;

export interface DeskViewSummary {
  id: string;
  name: string;
  filter: TicketFilter;
  /** Tickets it shows now; null when its filter names a queue the user no longer serves. */
  count: number | null;
  saved: boolean;
}

/**
 * The views of the agents' list with how many tickets each shows: the ready-made ones (all to be handled, mine,
 * unassigned, overdue, waiting for the citizen) and each user's own saved views. Every count is a list through the ticket workflow,
 * so it counts only what the user may see.
 */
export class DeskViewWorkflow {
  constructor(private readonly tickets: TicketWorkflow) {}

  async list(actor: TicketActor): Promise<DeskViewSummary[]> {
    const ready = deskViews.map((view) => ({
      id: view,
      name: deskViewLabels[view],
      filter: ticketFilterSchema.parse({ view, status: 'active' }),
      saved: false,
    }));
    const saved = (await listSavedViews(actor._id)).map((view) => ({ ...this.summaryOf(view), saved: true }));
    return Promise.all([...ready, ...saved].map(async (view) => ({ ...view, count: await this.count(actor, view.filter) })));
  }

  /** Saves the filter under a name; refused (403) for a queue the user does not serve, like the list itself. */
  async save(actor: TicketActor, name: string, filter: TicketFilter): Promise<DeskViewSummary> {
    if ((await countSavedViews(actor._id)) >= maxSavedViews) {
      throw new ApplicationError('conflict', `Vous avez déjà ${maxSavedViews} vues enregistrées : supprimez-en une avant d’en ajouter.`);
    }
    const { total } = await this.tickets.list(actor, { ...filter, page: 1, pageSize: 0 });
    return { ...this.summaryOf(await createSavedView(actor._id, name, filter)), saved: true, count: total };
  }

  async remove(actor: TicketActor, viewId: string): Promise<void> {
    if (!(await deleteSavedView(actor._id, viewId)))
      throw new ApplicationError('not-found', 'Cette vue n’existe pas ou a déjà été supprimée.');
  }

  private summaryOf(view: SavedViewDocument) {
    const filter = view.filter!;
    return {
      id: view.id as string,
      name: view.name,
      filter: ticketFilterSchema.parse({
        queue: filter.queue ?? undefined,
        status: filter.status ?? undefined,
        view: filter.view,
        q: filter.q ?? undefined,
        sort: filter.sort,
      }),
    };
  }

  private async count(actor: TicketActor, filter: TicketFilter): Promise<number | null> {
    try {
      return (await this.tickets.list(actor, { ...filter, page: 1, pageSize: 0 })).total;
    } catch (error) {
      if (error instanceof ApplicationError && error.kind === 'forbidden') return null;
      throw error;
    }
  }
}
