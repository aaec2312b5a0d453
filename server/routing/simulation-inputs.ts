import { classificationSchema } from '../../classifiers/classification';
import { findRequestsByIds } from '../../models/request/request-repository';
import { classifiedPartsOf, latestTickets } from '../../models/ticket/ticket-repository';
import { simulationInputSchema, type SimulationInput } from '../../routing-rules/simulate-rule-set';
import { ApplicationError } from '../application-error';
import { parseInput } from '../http/parse-input';
import { routingInputOfRequest } from './routing-input-of-request';

export interface SimulationSample {
  inputs: SimulationInput[];
  /** Tickets whose stored trace could not be replayed (routed by an older version of the pipeline). */
  skipped: number;
}

/**
 * The requests of the last `limit` tickets, replayed with the classification stored with their ticket rather than
 * classified again: the simulation then measures the rules alone, is deterministic, and costs no model time.
 * Only tickets of `scope.communes` (those the rules apply to and the person simulating may read) and, when set, of
 * `scope.queues`.
 */
export async function storedSimulationInputs(
  limit: number,
  scope: { communes: readonly string[]; queues?: readonly string[] },
): Promise<SimulationSample> {
  const tickets = await latestTickets(limit, scope.communes, scope.queues);
  const requests = new Map(
    (await findRequestsByIds(tickets.map((ticket) => ticket.requestId))).map((request) => [request._id.toString(), request]),
  );
  const inputs: SimulationInput[] = [];
  let skipped = 0;
  const replayed = new Set<string>();
  for (const ticket of tickets) {
    // The tickets of a split request share one classification: the request is replayed once.
    if (replayed.has(ticket.requestId.toString())) continue;
    replayed.add(ticket.requestId.toString());
    const request = requests.get(ticket.requestId.toString());
    const storedClassification = (ticket.trace as { classification?: object } | undefined)?.classification;
    const entities = ticket.entities.map(({ type, value, text, start, end, fromQuotedHistory }) => ({
      type,
      value,
      text,
      start,
      end,
      ...(fromQuotedHistory ? { fromQuotedHistory: true as const } : {}),
    }));
    const parts = classifiedPartsOf(ticket);
    const classification = classificationSchema.safeParse({ ...storedClassification, entities, ...(parts ? { parts } : {}) });
    if (!request || !storedClassification || !classification.success) {
      skipped += 1;
      continue;
    }
    inputs.push({
      requestId: request._id.toString(),
      reference: ticket.reference,
      ticketId: ticket._id.toString(),
      input: routingInputOfRequest(request, classification.data),
    });
  }
  return { inputs, skipped };
}

/** One `{"requestId": …, "input": {…}}` object per line (the engine's SimulationInput); blank lines are ignored. */
export function jsonlSimulationInputs(jsonl: string): SimulationSample {
  const inputs: SimulationInput[] = [];
  jsonl.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ApplicationError('invalid', `Ligne ${index + 1} : ce n'est pas du JSON valide.`);
    }
    inputs.push(parseInput(simulationInputSchema, value, `Ligne ${index + 1}`));
  });
  if (inputs.length === 0) throw new ApplicationError('invalid', 'Le fichier JSONL ne contient aucune demande.');
  return { inputs, skipped: 0 };
}
