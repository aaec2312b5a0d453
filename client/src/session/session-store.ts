import type { SignedInUser, SignInAnswer } from '../api/api-types';

export interface Session {
  token: string;
  expiresAt: string;
  user: SignedInUser;
}

const storageKey = 'aiguillage.session';

/**
 * The signed-in session, kept in sessionStorage: it survives a reload of the tab but not the closing of the
 * browser, and is not shared with other tabs.
 */
export class SessionStore {
  private current: Session | null = null;

  constructor(private readonly storage: Storage = window.sessionStorage) {
    this.current = this.read();
  }

  get session(): Session | null {
    if (this.current && Date.parse(this.current.expiresAt) <= Date.now()) this.clear();
    return this.current;
  }

  get token(): string | null {
    return this.session?.token ?? null;
  }

  open(answer: SignInAnswer): Session {
    this.current = { token: answer.token, expiresAt: answer.expiresAt, user: answer.user };
    this.storage.setItem(storageKey, JSON.stringify(this.current));
    return this.current;
  }

  updateUser(user: SignedInUser): void {
    if (!this.current) return;
    this.current = { ...this.current, user };
    this.storage.setItem(storageKey, JSON.stringify(this.current));
  }

  clear(): void {
    this.current = null;
    this.storage.removeItem(storageKey);
  }

  private read(): Session | null {
    try {
      const stored = JSON.parse(this.storage.getItem(storageKey) ?? 'null') as Session | null;
      return stored && typeof stored.token === 'string' && typeof stored.expiresAt === 'string' && stored.user ? stored : null;
    } catch {
      return null;
    }
  }
}
