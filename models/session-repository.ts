import { createHash, randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import { SessionModel } from './session-model';
import { UserModel, type UserDocument } from './user-model';

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function openSession(userId: Types.ObjectId, ttlMinutes: number, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlMinutes * 60_000);
  await SessionModel.create({ tokenHash: hashToken(token), userId, createdAt: now, expiresAt });
  return { token, expiresAt };
}

/** The active user behind a token, or null if the token is unknown, expired, revoked, or its user disabled. */
export async function userOfSessionToken(token: string, now = new Date()): Promise<UserDocument | null> {
  const session = await SessionModel.findOne({ tokenHash: hashToken(token) }).lean();
  if (!session || session.revokedAt || session.expiresAt <= now) return null;
  const user = await UserModel.findById(session.userId);
  return user?.active ? user : null;
}

export async function revokeSession(token: string, now = new Date()): Promise<void> {
  await SessionModel.updateOne({ tokenHash: hashToken(token) }, { $set: { revokedAt: now } });
}
