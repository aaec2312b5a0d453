import { UserModel, type UserDocument, type UserRole } from './user-model';

export async function findUserByEmail(email: string): Promise<UserDocument | null> {
  return UserModel.findOne({ email: email.trim().toLowerCase() });
}

export async function createUser(user: { email: string; displayName: string; role: UserRole; queues: string[]; passwordHash: string }) {
  return UserModel.create(user);
}

export async function recordFailedSignIn(user: UserDocument, lockAfter: number, lockMinutes: number, now = new Date()): Promise<void> {
  const failedSignIns = user.failedSignIns + 1;
  await UserModel.updateOne(
    { _id: user._id },
    failedSignIns >= lockAfter
      ? { $set: { failedSignIns: 0, lockedUntil: new Date(now.getTime() + lockMinutes * 60_000) } }
      : { $set: { failedSignIns } },
  );
}

export async function recordSuccessfulSignIn(user: UserDocument): Promise<void> {
  await UserModel.updateOne({ _id: user._id }, { $set: { failedSignIns: 0 }, $unset: { lockedUntil: 1 } });
}

/** Active agents serving a queue, in a stable order (round-robin walks it). */
export async function findAgentsOfQueue(queueId: string): Promise<UserDocument[]> {
  return UserModel.find({ role: 'agent', active: true, queues: queueId }).sort({ _id: 1 });
}
