import { createHash, randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';

import { SessionModel } from './session-model';
import { UserModel, type UserDocument } from './user-model';

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function openSession(
  userId: Types.ObjectId,
  ttlMinutes: number,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlMinutes * 60_000);
  await SessionModel.create({ tokenHash: hashToken(token), userId, createdAt: now, expiresAt });
  return { token, expiresAt };
}

/** The active user behind a token and when the session ends, or null if unknown, expired, revoked, or the user disabled. */
export async function activeSessionOfToken(token: string, now = new Date()): Promise<{ user: UserDocument; expiresAt: Date } | null> {
  const session = await SessionModel.findOne({ tokenHash: hashToken(token) }).lean();
  if (!session || session.revokedAt || session.expiresAt <= now) return null;
  const user = await UserModel.findById(session.userId);
  return user?.active ? { user, expiresAt: session.expiresAt } : null;
}

export async function userOfSessionToken(token: string, now = new Date()): Promise<UserDocument | null> {
  return (await activeSessionOfToken(token, now))?.user ?? null;
}

export async function revokeSession(token: string, now = new Date()): Promise<void> {
  await SessionModel.updateOne({ tokenHash: hashToken(token) }, { $set: { revokedAt: now } });
}

/** Signs a user out everywhere: after a password change, a deactivation, a role change or on an admin's request. */
export async function revokeSessionsOfUser(userId: Types.ObjectId, now = new Date()): Promise<number> {
  const result = await SessionModel.updateMany({ userId, revokedAt: { $exists: false } }, { $set: { revokedAt: now } });
  return result.modifiedCount;
}

export async function revokeOtherSessionsOfUser(userId: Types.ObjectId, keptToken: string, now = new Date()): Promise<void> {
  await SessionModel.updateMany(
    { userId, revokedAt: { $exists: false }, tokenHash: { $ne: hashToken(keptToken) } },
    { $set: { revokedAt: now } },
  );
}
