import {
  claimOwnerNotice,
  clearSignInThrottle,
  clearSignInThrottlesOfAccount,
  findSignInThrottle,
  recordSignInFailure,
  type ThrottleKey,
} from '../../models/accounts/sign-in-throttle-repository';
import type { UserDocument } from '../../models/accounts/user-model';
import { recordAuditEvent } from '../../models/audit/audit-event-repository';
import { modelCipher } from '../../models/encryption/model-cipher';
import type { AccountNotices } from './account-notices';

/** Failures of one account from one address before any delay: typing mistakes cost nothing. */
export const freeSignInFailures = 5;
const firstDelayMs = 30_000;
const longestDelayMs = 15 * 60_000;
/** A run of failures ends a day after its last one. */
const runResetMs = 24 * 60 * 60_000;

/** 0 for the first free failures, then 30 s, 1 min, 2 min… up to 15 min between attempts. */
export function signInDelayMs(failures: number): number {
  if (failures <= freeSignInFailures) return 0;
  return Math.min(firstDelayMs * 2 ** (failures - freeSignInFailures - 1), longestDelayMs);
}

export function frenchDelay(milliseconds: number): string {
  const seconds = Math.ceil(milliseconds / 1000);
  if (seconds < 120) return `${seconds} seconde${seconds > 1 ? 's' : ''}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/**
 * Slows down wrong passwords per (account, client address) with growing delays, instead of locking the account: one
 * address guessing cannot lock anyone out (the owner still signs in from elsewhere), and the agents who share the
 * mairie's address are not held back by one another. The owner is told by mail when the delays start; an admin can
 * lift them. Unknown e-mails are throttled the same way, so the answers do not tell which accounts exist.
 */
export class SignInThrottle {
  constructor(private readonly notices: AccountNotices) {}

  /** Milliseconds before this address may try this account again; 0 when it may now. */
  async remainingDelayMs(email: string, address: string, now = new Date()): Promise<number> {
    const throttle = await findSignInThrottle(keyOf(email, address));
    return Math.max(0, (throttle?.delayedUntil?.getTime() ?? 0) - now.getTime());
  }

  async failed(email: string, address: string, user: UserDocument | null, now = new Date()): Promise<void> {
    const key = keyOf(email, address);
    const throttle = await recordSignInFailure(key, user?._id, signInDelayMs, runResetMs, now);
    const delayMs = signInDelayMs(throttle.failures);
    if (delayMs === 0 || !user) return;
    const notify = await claimOwnerNotice(key, now);
    if (notify) this.notices.signInDelayed(user, { failures: throttle.failures, address, delay: frenchDelay(delayMs) });
    await recordAuditEvent({
      action: 'auth.sign-in-delayed',
      objectType: 'User',
      objectId: user.id,
      details: { failures: throttle.failures, delaySeconds: delayMs / 1000, ownerNotified: notify },
      at: now,
    });
  }

  async succeeded(email: string, address: string): Promise<void> {
    await clearSignInThrottle(keyOf(email, address));
  }

  /** Lifts every delay on the account; returns from how many addresses it was delayed. */
  async unlock(user: Pick<UserDocument, 'email'>): Promise<number> {
    return clearSignInThrottlesOfAccount(accountKeyOf(user.email));
  }
}

function accountKeyOf(email: string): string {
  return modelCipher().lookupHash('email', email);
}

function keyOf(email: string, address: string): ThrottleKey {
  return { accountKey: accountKeyOf(email), addressKey: modelCipher().contentHash(`client-address:${address}`) };
}
