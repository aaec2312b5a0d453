import type { Types } from 'mongoose';

import { SignInThrottleModel, type SignInThrottleDocument } from './sign-in-throttle-model';

export interface ThrottleKey {
  accountKey: string;
  addressKey: string;
}

export async function findSignInThrottle(key: ThrottleKey): Promise<SignInThrottleDocument | null> {
  return SignInThrottleModel.findOne(key);
}

/**
 * Counts one more failure for the pair, starting a new run when the last failure is older than `runResetMs`, and
 * sets the delay that `delayFor(failures)` gives. Returns the updated record.
 */
export async function recordSignInFailure(
  key: ThrottleKey,
  userId: Types.ObjectId | undefined,
  delayFor: (failures: number) => number,
  runResetMs: number,
  now = new Date(),
): Promise<SignInThrottleDocument> {
  const previous = await SignInThrottleModel.findOne(key);
  const continuing = previous !== null && now.getTime() - previous.lastFailureAt.getTime() < runResetMs;
  const failures = (continuing ? previous.failures : 0) + 1;
  const delayMs = delayFor(failures);
  return (await SignInThrottleModel.findOneAndUpdate(
    key,
    {
      $set: {
        failures,
        lastFailureAt: now,
        ...(userId ? { userId } : {}),
        ...(delayMs > 0 ? { delayedUntil: new Date(now.getTime() + delayMs) } : {}),
      },
      $unset: { ...(delayMs > 0 ? {} : { delayedUntil: 1 }), ...(continuing ? {} : { ownerNotifiedAt: 1 }) },
    },
    { upsert: true, returnDocument: 'after' },
  ))!;
}

/** Claims the notice of this run of failures: true once per run, even with concurrent failures. */
export async function claimOwnerNotice(key: ThrottleKey, now = new Date()): Promise<boolean> {
  const result = await SignInThrottleModel.updateOne(
    { ...key, $or: [{ ownerNotifiedAt: { $exists: false } }, { ownerNotifiedAt: null }] },
    { $set: { ownerNotifiedAt: now } },
  );
  return result.modifiedCount === 1;
}

export async function clearSignInThrottle(key: ThrottleKey): Promise<void> {
  await SignInThrottleModel.deleteOne(key);
}

/** An admin lifts every delay on an account, from every address; returns how many addresses were delayed. */
export async function clearSignInThrottlesOfAccount(accountKey: string): Promise<number> {
  return (await SignInThrottleModel.deleteMany({ accountKey })).deletedCount;
}

/** Accounts whose sign-in is delayed from at least one address now, with the latest end of delay. */
export async function delayedAccounts(now = new Date()): Promise<Map<string, Date>> {
  const throttles = await SignInThrottleModel.find({ delayedUntil: { $gt: now }, userId: { $exists: true } }).lean();
  const latest = new Map<string, Date>();
  for (const throttle of throttles) {
    const userId = throttle.userId!.toString();
    const until = throttle.delayedUntil!;
    if (!latest.has(userId) || latest.get(userId)! < until) latest.set(userId, until);
  }
  return latest;
}
