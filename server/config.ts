import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

export const configSchema = z.object({
  nodeEnv: z.enum(['development', 'production', 'test']).default('development'),
  host: z.string().min(1).default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  mongodbUri: z.string().startsWith('mongodb').optional(),
  embeddedMongo: z.enum(['auto', 'mongod', 'emulator']).default('auto'),
  embeddedMongoDbPath: z.string().optional(),
  smtpIntakePort: z.coerce.number().int().min(0).max(65535).default(2525),
  smtpIntakeHost: z.string().min(1).default('127.0.0.1'),
  smtpIntakeEnabled: booleanFromEnv.default(true),
  inboxAddress: z.email().default('contact@mairie.example'),
  maxFormBytes: z.coerce.number().int().positive().default(256 * 1024),
  maxEmailBytes: z.coerce.number().int().positive().default(15 * 1024 * 1024),
  confidenceThreshold: z.coerce.number().min(0).max(1).default(0.55),
  sweepIntervalMs: z.coerce.number().int().positive().default(30_000),
  processingLeaseMs: z.coerce.number().int().positive().default(60_000),
  sessionTtlMinutes: z.coerce.number().int().positive().default(8 * 60),
  seedDemoData: booleanFromEnv.optional(),
});

export type Config = z.infer<typeof configSchema>;

const environmentNames: Record<keyof Config, string> = {
  nodeEnv: 'NODE_ENV',
  host: 'HOST',
  port: 'PORT',
  logLevel: 'LOG_LEVEL',
  mongodbUri: 'MONGODB_URI',
  embeddedMongo: 'EMBEDDED_MONGO',
  embeddedMongoDbPath: 'EMBEDDED_MONGO_DBPATH',
  smtpIntakePort: 'SMTP_INTAKE_PORT',
  smtpIntakeHost: 'SMTP_INTAKE_HOST',
  smtpIntakeEnabled: 'SMTP_INTAKE_ENABLED',
  inboxAddress: 'INBOX_ADDRESS',
  maxFormBytes: 'MAX_FORM_BYTES',
  maxEmailBytes: 'MAX_EMAIL_BYTES',
  confidenceThreshold: 'CONFIDENCE_THRESHOLD',
  sweepIntervalMs: 'SWEEP_INTERVAL_MS',
  processingLeaseMs: 'PROCESSING_LEASE_MS',
  sessionTtlMinutes: 'SESSION_TTL_MINUTES',
  seedDemoData: 'SEED_DEMO_DATA',
};

/**
 * Reads the whole configuration from the environment once; a bad value stops start-up with the variable's name.
 * `overrides` are already-typed values (tests, benchmarks) applied on top.
 */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const raw = Object.fromEntries(
    Object.entries(environmentNames).map(([key, name]) => [key, emptyToUndefined(environment[name])]),
  );
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${environmentNames[issue.path[0] as keyof Config] ?? issue.path.join('.')}: ${issue.message}`,
    );
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return { ...parsed.data, ...overrides };
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
