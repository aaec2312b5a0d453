import { randomBytes } from 'node:crypto';
import { io as connectSocket, type Socket } from 'socket.io-client';
import request from 'supertest';

import type { UserRole } from '../../models/accounts/user-model';
import { createUser } from '../../models/accounts/user-repository';
import { startApplication, type ApplicationDependencies, type RunningApplication } from '../../server/application';
import { hashPassword } from '../../server/auth/password-hashing';
import { loadConfig, type Config } from '../../server/config';
import { createLogger } from '../../server/logger';

/** A database of its own on the shared test server, so test files never see each other's data. */
export function freshDatabaseUri(): string {
  const base = process.env.TEST_MONGODB_URI;
  if (!base) throw new Error('TEST_MONGODB_URI is not set: run the tests through jest (globalSetup starts the database)');
  const url = new URL(base);
  url.pathname = `/test_${randomBytes(6).toString('hex')}`;
  return url.toString();
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  // Rate limits off by default: every test client is 127.0.0.1 (test/security checks the limits with low values).
  // Web-form acknowledgements too, so that a form's conversation holds only what a test does (test/citizen checks them).
  return loadConfig(
    {},
    {
      port: 0,
      smtpIntakePort: 0,
      logLevel: 'silent',
      sweepIntervalMs: 60_000,
      intakeRateLimitPerMinute: 1_000_000,
      signInRateLimitPerMinute: 1_000_000,
      ruleSimulationsPerHour: 1_000_000,
      formAcknowledgementsPerAddress: 0,
      ...overrides,
    },
  );
}

/** `dependencies.now` sets the application's clock (the instant at which requests arrive, "today", due dates). */
export async function startTestApplication(
  overrides: Partial<Config> = {},
  databaseUri = freshDatabaseUri(),
  dependencies: ApplicationDependencies = {},
) {
  const config = testConfig(overrides);
  const application = await startApplication(
    config,
    createLogger(process.env.TEST_LOG_LEVEL ?? config.logLevel),
    databaseUri,
    dependencies,
  );
  return { application, config, databaseUri };
}

export async function createTestUser(role: UserRole, queues: string[] = []) {
  const password = randomBytes(12).toString('base64url');
  const email = `${role}.${randomBytes(4).toString('hex')}@mairie.example`;
  await createUser({ email, displayName: `${role} de test`, role, queues, passwordHash: await hashPassword(password) });
  return { email, password };
}

/** Signs a new user in through the real API and returns its bearer token. */
export async function signedInToken(application: RunningApplication, role: UserRole, queues: string[] = []): Promise<string> {
  const user = await createTestUser(role, queues);
  const response = await request(application.url).post('/api/auth/sign-in').send(user).expect(200);
  return response.body.token as string;
}

export async function connectAgentSocket(application: RunningApplication, token: string): Promise<Socket> {
  const socket = connectSocket(application.url, { auth: { token }, transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('session.ready', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

export function nextEvent<T>(socket: Socket, event: string, timeoutMs = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}
