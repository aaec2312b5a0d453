import { latestCorrectionsIn } from '../../models/classifier/classifier-correction-repository';
import { findTicketsByIdsOrRequests } from '../../models/ticket/ticket-repository';

/** How many corrections a supervisor reviews on the model page; retraining learns from all of them. */
const listedCorrections = 100;

/**
 * The agents' corrections a retraining learns from, as a supervisor reviews them: each request's latest one, by
 * its ticket's reference, from which queue to which queue and intent, and whether the model in service has learnt
 * it already. Only those of the communes the supervisor serves are listed (the model learns from every commune's).
 */
export async function correctionsToLearn(communes: readonly string[], learntUntil: Date | null) {
  const corrections = await latestCorrectionsIn(communes, listedCorrections);
  const tickets = new Map(
    (
      await findTicketsByIdsOrRequests(
        corrections.map((correction) => correction.ticketId),
        [],
      )
    ).map((ticket) => [ticket._id.toString(), ticket]),
  );
  return corrections.map((correction) => ({
    ticketId: correction.ticketId.toString(),
    reference: tickets.get(correction.ticketId.toString())?.reference ?? null,
    source: correction.source,
    fromQueue: correction.fromQueue,
    queue: correction.queue,
    intent: correction.intent ?? null,
    at: correction.at.toISOString(),
    learnt: learntUntil !== null && correction.at <= learntUntil,
  }));
}
