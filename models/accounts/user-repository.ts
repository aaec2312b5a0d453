import { Types } from 'mongoose';

import { UserModel, type UserDocument, type UserRole } from './user-model';

export async function findUserByEmail(email: string): Promise<UserDocument | null> {
  return UserModel.findOne({ email: email.trim().toLowerCase() });
}

export async function createUser(user: {
  email: string;
  displayName: string;
  role: UserRole;
  queues: string[];
  passwordHash: string;
  /** INSEE codes of the communes the account works for; with `epci`, every commune of that EPCI. */
  communes?: string[];
  epci?: string;
}) {
  return UserModel.create(user);
}

/** Active agents serving a queue, in a stable order (round-robin walks it). */
export async function findAgentsOfQueue(queueId: string): Promise<UserDocument[]> {
  return UserModel.find({ role: 'agent', active: true, queues: queueId }).sort({ _id: 1 });
}

export async function findUserById(userId: string): Promise<UserDocument | null> {
  return Types.ObjectId.isValid(userId) ? UserModel.findById(userId) : null;
}

export async function findUsersByIds(userIds: readonly Types.ObjectId[]): Promise<UserDocument[]> {
  return userIds.length === 0 ? [] : UserModel.find({ _id: { $in: userIds } });
}

export async function listUsers(): Promise<UserDocument[]> {
  return UserModel.find({}).sort({ role: 1, email: 1 });
}

export async function updateUserAccess(
  userId: Types.ObjectId,
  change: { role?: UserRole; queues?: string[]; active?: boolean; communes?: string[]; epci?: string | null },
): Promise<UserDocument | null> {
  const { epci, ...rest } = change;
  const update = epci === undefined ? { $set: rest } : epci === null ? { $set: rest, $unset: { epci: 1 } } : { $set: { ...rest, epci } };
  return UserModel.findOneAndUpdate({ _id: userId }, update, { returnDocument: 'after' });
}

export async function changePasswordHash(userId: Types.ObjectId, passwordHash: string): Promise<void> {
  await UserModel.updateOne({ _id: userId }, { $set: { passwordHash } });
}

/** A new secret waits, disabled, until the user proves with a first code that their authenticator app has it. */
export async function setPendingTotpSecret(userId: Types.ObjectId, secret: string): Promise<void> {
  await UserModel.updateOne({ _id: userId }, { $set: { totpSecret: secret, totpEnabled: false }, $unset: { totpLastTimeStep: 1 } });
}

export async function setTotpEnabled(userId: Types.ObjectId, enabled: boolean): Promise<void> {
  await UserModel.updateOne(
    { _id: userId },
    enabled ? { $set: { totpEnabled: true } } : { $set: { totpEnabled: false }, $unset: { totpSecret: 1, totpLastTimeStep: 1 } },
  );
}

/**
 * Accepts a code's time step once only, atomically, so that a code seen over someone's shoulder (or two parallel
 * sign-ins with the same code) cannot open a second session.
 */
export async function claimTotpTimeStep(userId: Types.ObjectId, timeStep: number): Promise<boolean> {
  const result = await UserModel.updateOne(
    { _id: userId, $or: [{ totpLastTimeStep: { $exists: false } }, { totpLastTimeStep: null }, { totpLastTimeStep: { $lt: timeStep } }] },
    { $set: { totpLastTimeStep: timeStep } },
  );
  return result.modifiedCount === 1;
}
