import type { ApiClient } from '../api/api-client';
import type { Queue } from '../api/api-types';
import type { LiveConnection } from '../live/live-connection';
import type { Session } from '../session/session-store';

/** What every screen of the signed-in app can use. */
export interface ViewContext {
  api: ApiClient;
  session: Session;
  live: LiveConnection;
  /** The queues this user serves (all of them for a supervisor). */
  queues: Queue[];
  /** Tickets that arrived live and that the user has not opened yet (kept while moving between screens). */
  unseenTickets: Set<string>;
  /** Read out by screen readers without moving the focus. */
  announce(message: string): void;
  navigate(hash: string): void;
}

export interface View {
  title: string;
  element: HTMLElement;
  /** Stops timers and live subscriptions when the screen is left. */
  dispose?(): void;
}

export type ViewFactory = (context: ViewContext, params: Record<string, string>) => Promise<View>;
