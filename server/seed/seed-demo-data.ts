import { randomBytes } from 'node:crypto';

import type { UserRole } from '../../models/accounts/user-model';
import { createUser, findUserByEmail } from '../../models/accounts/user-repository';
import { hashPassword } from '../auth/password-hashing';

export interface DemoAccount {
  email: string;
  password: string;
  role: UserRole;
  queues: string[];
}

/**
 * One agent per queue, a supervisor, an admin and a DPO, each with a fresh random password, so that a newcomer
 * can sign in at once and no well-known password ever exists. Accounts already present are left untouched.
 */
export async function seedDemoAccounts(queueIds: readonly string[], domain = 'mairie.example'): Promise<DemoAccount[]> {
  const wanted: Array<Omit<DemoAccount, 'password'> & { displayName: string }> = [
    ...queueIds.map((queueId) => ({
      email: `agent.${queueId}@${domain}`,
      displayName: `Agent ${queueId}`,
      role: 'agent' as const,
      queues: [queueId],
    })),
    { email: `superviseur@${domain}`, displayName: 'Superviseur', role: 'supervisor', queues: [] },
    { email: `admin@${domain}`, displayName: 'Administrateur', role: 'admin', queues: [] },
    { email: `dpo@${domain}`, displayName: 'Délégué à la protection des données', role: 'dpo', queues: [] },
  ];
  const created: DemoAccount[] = [];
  for (const account of wanted) {
    if (await findUserByEmail(account.email)) continue;
    const password = randomBytes(9).toString('base64url');
    await createUser({ ...account, passwordHash: await hashPassword(password) });
    created.push({ email: account.email, password, role: account.role, queues: account.queues });
  }
  return created;
}
