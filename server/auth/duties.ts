import type { UserRole } from '../../models/accounts/user-model';

/**
 * Separation of duties, in one place: every route and socket names the duty it serves, not a list of roles. An
 * admin manages accounts and nothing else: steering routing (rules, their simulation over stored requests, mail
 * templates, the model) reads or moves citizens' data, so it is the supervisors' duty alone.
 */
export const duties = {
  /** Tickets of the queues a user serves (an agent) or of every queue (a supervisor). */
  tickets: ['agent', 'supervisor'],
  /** Routing rules and their simulation, mail templates, the model, queues' modes, satisfaction and dashboards. */
  steering: ['supervisor'],
  /** Accounts: create, change role and queues, disable, revoke sessions, reset the second factor, unlock sign-in. */
  accounts: ['admin'],
  /**
   * The commune's own facts that immediate answers quote (opening hours, address, phone): public information, no
   * citizen's data behind it, so the admin may keep it up to date as well as the supervisors.
   */
  communeFacts: ['supervisor', 'admin'],
} as const satisfies Record<string, readonly UserRole[]>;

export function hasDuty(role: UserRole, duty: keyof typeof duties): boolean {
  return (duties[duty] as readonly UserRole[]).includes(role);
}
