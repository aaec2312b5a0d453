import type { Ticket } from '../api/api-types';

/** A ticket event the client missed, as GET /api/live/changes returns it. */
export interface LiveChange {
  event: 'ticket.created' | 'ticket.updated';
  ticket: Ticket;
}

export interface LiveChanges {
  changes: LiveChange[];
  complete: boolean;
  /** Where the next page starts when this one is not complete. */
  until: string;
}

/** Servers' clocks and the network may differ by this much: what is fetched again is shown once more, never lost. */
const clockMarginMs = 10_000;

/**
 * The server time up to which this client is known to have every live event. The server gives its time when a
 * connection is ready; the client's own monotonic clock carries it to the moment the connection drops. A
 * reconnection the server recovered (it replayed what was missed) needs nothing more; one it could not recover
 * needs the changes since that moment.
 */
export class LiveCheckpoint {
  private anchor: { serverMs: number; clientMs: number } | null = null;
  private lostAtMs: number | null = null;

  /** The connection dropped: events may be missed from now on. */
  disconnected(): void {
    if (this.anchor && this.lostAtMs === null) this.lostAtMs = this.anchor.serverMs + (performance.now() - this.anchor.clientMs);
  }

  /** A connection is ready (`serverAt`: the server's time then); returns from when to fetch what was missed, if anything. */
  connected(serverAt: string, recovered: boolean): string | null {
    const lostAtMs = this.lostAtMs;
    const serverMs = Date.parse(serverAt);
    this.anchor = Number.isFinite(serverMs) ? { serverMs, clientMs: performance.now() } : null;
    this.lostAtMs = null;
    return lostAtMs === null || recovered ? null : new Date(lostAtMs - clockMarginMs).toISOString();
  }
}

/** Fetches every change since `since`, page after page, and hands each one over as the live event it stands for. */
export async function deliverMissedChanges(
  since: string,
  fetchPage: (since: string) => Promise<LiveChanges>,
  deliver: (change: LiveChange) => void,
): Promise<number> {
  let delivered = 0;
  for (let from = since; ;) {
    const page = await fetchPage(from);
    page.changes.forEach(deliver);
    delivered += page.changes.length;
    if (page.complete) return delivered;
    from = page.until;
  }
}
