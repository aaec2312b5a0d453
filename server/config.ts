import path from 'node:path';
import { z } from 'zod';

import { encryptionKeysSchema, secretKeySchema } from '../models/encryption/encryption-keys';
import { holidayCalendarSchema, inseeCodeSchema } from '../routing-rules/communes/commune-schema';
import { isValidTimeZone } from '../routing-rules/zoned-time';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

export const configSchema = z
  .object({
    nodeEnv: z.enum(['development', 'production', 'test']).default('development'),
    host: z.string().min(1).default('127.0.0.1'),
    port: z.coerce.number().int().min(0).max(65535).default(3000),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** The town hall's IANA time zone: its days decide "today", periods, due dates and opening hours. */
    timeZone: z.string().refine(isValidTimeZone, 'an IANA time zone such as Europe/Paris').default('Europe/Paris'),
    /**
     * The default commune (INSEE code): the only one of a single-commune service, created at first start with the
     * name, TIME_ZONE, INBOX_ADDRESS and holiday calendar below; data and accounts from before communes belong to it.
     */
    communeInsee: inseeCodeSchema.default('00000'),
    communeName: z.string().trim().min(1).max(120).default('Mairie'),
    communeHolidayCalendar: holidayCalendarSchema.default('metropole'),
    mongodbUri: z.string().startsWith('mongodb').optional(),
    embeddedMongo: z.enum(['auto', 'mongod', 'emulator']).default('auto'),
    embeddedMongoDbPath: z.string().optional(),
    smtpIntakePort: z.coerce.number().int().min(0).max(65535).default(2525),
    smtpIntakeHost: z.string().min(1).default('127.0.0.1'),
    smtpIntakeEnabled: booleanFromEnv.default(true),
    inboxAddress: z.email().default('contact@mairie.example'),
    maxFormBytes: z.coerce
      .number()
      .int()
      .positive()
      .default(256 * 1024),
    maxEmailBytes: z.coerce
      .number()
      .int()
      .positive()
      .default(15 * 1024 * 1024),
    confidenceThreshold: z.coerce.number().min(0).max(1).default(0.85),
    sweepIntervalMs: z.coerce.number().int().positive().default(30_000),
    processingLeaseMs: z.coerce.number().int().positive().default(60_000),
    sessionTtlMinutes: z.coerce
      .number()
      .int()
      .positive()
      .default(8 * 60),
    seedDemoData: booleanFromEnv.optional(),
    imapHost: z.string().min(1).optional(),
    imapPort: z.coerce.number().int().min(1).max(65535).default(993),
    imapTls: booleanFromEnv.default(true),
    imapUser: z.string().min(1).optional(),
    imapPassword: z.string().min(1).optional(),
    imapOauth2Token: z.string().min(1).optional(),
    imapFolder: z.string().min(1).default('INBOX'),
    /** Where imported messages are moved; unset, they stay in place and are flagged as read. */
    imapProcessedFolder: z.string().min(1).optional(),
    imapPollIntervalMs: z.coerce.number().int().min(1000).default(60_000),
    smtpOutHost: z.string().min(1).optional(),
    smtpOutPort: z.coerce.number().int().min(1).max(65535).default(587),
    smtpOutSecure: booleanFromEnv.default(false),
    smtpOutUser: z.string().min(1).optional(),
    smtpOutPassword: z.string().min(1).optional(),
    mailFromName: z.string().min(1).max(100).default('Mairie'),
    outboxIntervalMs: z.coerce.number().int().min(100).default(30_000),
    acknowledgementsEnabled: booleanFromEnv.default(true),
    closingMessagesEnabled: booleanFromEnv.default(true),
    maxAttachmentBytes: z.coerce
      .number()
      .int()
      .positive()
      .default(10 * 1024 * 1024),
    maxAttachmentsPerEmail: z.coerce.number().int().min(0).default(10),
    publicBaseUrl: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3000'),
    linkSigningSecret: z.string().min(32, '32 characters or more').optional(),
    /** Bearer token Prometheus sends to read /metrics; unset, /metrics answers 404 (no figures without it). */
    metricsToken: z
      .string()
      .regex(/^[A-Za-z0-9_-]{32,200}$/, '32 to 200 letters, digits, - or _ (openssl rand -hex 32)')
      .optional(),
    slaEscalationIntervalMs: z.coerce.number().int().positive().default(60_000),
    /** How long before a ticket's due date its assignee (or its queue's agents) are told it is near (checked with SLA escalation). */
    nearDueWarningMinutes: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(120),
    /** `name=secret` pairs, comma-separated; a webhook action names its secret with `secretRef` (`default` otherwise). */
    webhookSecrets: z
      .string()
      .transform((value) =>
        Object.fromEntries(
          value
            .split(',')
            .map((pair) => pair.trim())
            .filter(Boolean)
            .map((pair) => [pair.slice(0, pair.indexOf('=')).trim(), pair.slice(pair.indexOf('=') + 1).trim()]),
        ),
      )
      .pipe(
        z.record(
          z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'secret name: letters, digits, - or _'),
          z.string().min(16, 'a webhook secret needs 16 characters or more'),
        ),
      )
      .default({}),
    /** Where webhook actions may send data (URL prefixes, comma-separated): rules cannot name any other address. */
    webhookAllowedDestinations: z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((url) => url.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url({ protocol: /^https?$/ })))
      .default([]),
    /** Loopback, link-local and private addresses (IPs or CIDR ranges) a webhook may connect to; none by default. */
    webhookAllowedPrivateAddresses: z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((address) => address.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()])))
      .default([]),
    webhookPollIntervalMs: z.coerce.number().int().positive().default(5_000),
    webhookRetryBaseMs: z.coerce.number().int().positive().default(30_000),
    webhookRetryMaxMs: z.coerce
      .number()
      .int()
      .positive()
      .default(60 * 60_000),
    webhookMaxAttempts: z.coerce.number().int().min(1).max(30).default(10),
    webhookTimeoutMs: z.coerce.number().int().positive().default(10_000),
    ruleSimulationRequests: z.coerce.number().int().min(1).max(10_000).default(500),
    /** Simulations one user may run per hour (each one reads the stored requests). */
    ruleSimulationsPerHour: z.coerce.number().int().positive().default(30),
    /**
     * How long evaluating the rules for one request may take before it goes to the fallback queue (milliseconds).
     * Wall-clock time: a loaded machine's scheduler can stall a process for tens of milliseconds, which must not
     * misroute a request; the regexes are linear-time (RE2), so this is a second line of defence, not a tight bound.
     */
    ruleEvaluationBudgetMs: z.coerce.number().positive().max(10_000).default(500),
    pilotAgreementWindow: z.coerce.number().int().min(1).max(10_000).default(50),
    encryptionKeys: encryptionKeysSchema.optional(),
    encryptionActiveKeyId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}$/)
      .optional(),
    lookupHashKey: secretKeySchema.optional(),
    retentionPolicyFile: z
      .string()
      .min(1)
      .default(path.join(__dirname, 'privacy', 'retention-policy.json')),
    retentionPurgeEnabled: booleanFromEnv.default(true),
    retentionPurgeDryRun: booleanFromEnv.default(false),
    retentionPurgeIntervalMinutes: z.coerce
      .number()
      .int()
      .positive()
      .default(6 * 60),
    /** Failed sign-ins per client address and minute, all accounts together: a flood guard, high enough for a shared NAT. */
    signInRateLimitPerMinute: z.coerce.number().int().positive().default(100),
    intakeRateLimitPerMinute: z.coerce.number().int().positive().default(60),
    /** Seconds a person needs at least between opening the public form and sending it; robots are faster. */
    publicFormMinFillSeconds: z.coerce.number().min(0).max(600).default(3),
    /** Acknowledgements of web-form requests one e-mail address may receive a day (0: none). */
    formAcknowledgementsPerAddress: z.coerce.number().int().min(0).max(100).default(3),
    /** How often an open status page asks whether the request moved. */
    statusPageRefreshSeconds: z.coerce.number().min(0.2).max(3600).default(20),
    trustProxyHops: z.coerce.number().int().min(0).max(10).default(0),
    corsOrigins: z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url({ protocol: /^https?$/ })))
      .default([]),
    totpIssuer: z.string().min(1).max(60).default('Aiguillage'),
    socketSessionCheckMs: z.coerce.number().int().positive().default(30_000),
    /** The LLM fallback, off by default: asked only when the local classifiers' confidence is below its threshold. */
    llmEnabled: booleanFromEnv.default(false),
    /** Any OpenAI-compatible endpoint, e.g. `https://albert.api.etalab.gouv.fr/v1` or `http://127.0.0.1:11434/v1`. */
    llmBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
    llmModel: z.string().min(1).optional(),
    llmApiKey: z.string().min(1).optional(),
    /** Unset, the routing threshold: the LLM is asked about exactly the requests that would otherwise go to manual triage. */
    llmConfidenceThreshold: z.coerce.number().min(0).max(1).optional(),
    /**
     * `agree-with-local`: the LLM routes only to one of the local classifier's LLM_AGREEMENT_TOP_QUEUES best queues,
     * disagreement goes to manual triage; `trust-llm` lets it route anywhere (an operator's decision).
     */
    llmRoutingPolicy: z.enum(['agree-with-local', 'trust-llm']).default('agree-with-local'),
    llmAgreementTopQueues: z.coerce.number().int().min(1).max(10).default(3),
    llmTimeoutMs: z.coerce.number().int().positive().default(15_000),
    llmMaxRetries: z.coerce.number().int().min(0).max(5).default(2),
    llmRetryBaseMs: z.coerce.number().int().min(0).default(500),
    llmMonthlyTokenBudget: z.coerce.number().int().positive().default(2_000_000),
    llmCircuitFailureThreshold: z.coerce.number().int().min(1).default(5),
    llmCircuitCooldownMs: z.coerce.number().int().positive().default(60_000),
    /** How often a process checks which classifier head version is active (another process may have changed it). */
    classifierHeadCheckIntervalMs: z.coerce.number().int().positive().default(60_000),
    /** How many times an agent's correction counts next to a corpus example when the head is retrained. */
    retrainCorrectionWeight: z.coerce.number().int().min(1).max(100).default(10),
    /** Validation macro-F1 or queue accuracy a retrained head may lose and still be activated (noise, not decline). */
    retrainTolerance: z.coerce.number().min(0).max(0.1).default(0.005),
    /** Where embeddings of the shipped corpus are cached between retrainings (never citizens' requests). */
    embeddingCacheDir: z
      .string()
      .min(1)
      .default(path.join(__dirname, '..', 'build', 'embedding-cache')),
    /** Redis, for running as several processes (jobs, cluster-wide timers, live push across processes); unset: one process does everything. */
    redisUrl: z
      .string()
      .regex(/^rediss?:\/\/./, 'a redis:// or rediss:// URL')
      .optional(),
    /** `all`: everything in this process; with REDIS_URL, `web` (HTTP, sockets, intake) or `worker` (processing, outboxes, timers). */
    role: z.enum(['all', 'web', 'worker']).default('all'),
    /** Processing jobs one worker process runs at the same time (with REDIS_URL); their classifications are batched together. */
    workerConcurrency: z.coerce.number().int().min(1).max(64).default(8),
    /** How long a worker holds a job without renewing its lock before another takes the job again (a frozen or dead worker). */
    jobLockMs: z.coerce.number().int().min(1000).default(30_000),
  })
  .superRefine((config, context) => {
    // Secrets come from the environment only; outside production a labelled development key stands in (see security/encryption-keys).
    if (config.nodeEnv === 'production' && !config.encryptionKeys) {
      context.addIssue({
        code: 'custom',
        path: ['encryptionKeys'],
        message: 'required in production (e.g. "k1:" followed by 32 random bytes in base64)',
      });
    }
    if (config.nodeEnv === 'production' && !config.lookupHashKey) {
      context.addIssue({ code: 'custom', path: ['lookupHashKey'], message: 'required in production (32 random bytes or more, in base64)' });
    }
    if (config.llmEnabled && !config.llmBaseUrl)
      context.addIssue({ code: 'custom', path: ['llmBaseUrl'], message: 'required when LLM_ENABLED is true' });
    if (config.llmEnabled && !config.llmModel)
      context.addIssue({ code: 'custom', path: ['llmModel'], message: 'required when LLM_ENABLED is true' });
    if (config.role !== 'all' && !config.redisUrl)
      context.addIssue({
        code: 'custom',
        path: ['role'],
        message: 'web and worker roles need REDIS_URL (the processes share their work through Redis)',
      });
    if (config.encryptionActiveKeyId && !config.encryptionKeys?.has(config.encryptionActiveKeyId)) {
      context.addIssue({ code: 'custom', path: ['encryptionActiveKeyId'], message: 'must be one of the ids in ENCRYPTION_KEYS' });
    }
  });

export type Config = z.infer<typeof configSchema>;

const environmentNames: Record<keyof Config, string> = {
  nodeEnv: 'NODE_ENV',
  host: 'HOST',
  port: 'PORT',
  logLevel: 'LOG_LEVEL',
  timeZone: 'TIME_ZONE',
  communeInsee: 'COMMUNE_INSEE',
  communeName: 'COMMUNE_NAME',
  communeHolidayCalendar: 'COMMUNE_HOLIDAY_CALENDAR',
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
  imapHost: 'IMAP_HOST',
  imapPort: 'IMAP_PORT',
  imapTls: 'IMAP_TLS',
  imapUser: 'IMAP_USER',
  imapPassword: 'IMAP_PASSWORD',
  imapOauth2Token: 'IMAP_OAUTH2_TOKEN',
  imapFolder: 'IMAP_FOLDER',
  imapProcessedFolder: 'IMAP_PROCESSED_FOLDER',
  imapPollIntervalMs: 'IMAP_POLL_INTERVAL_MS',
  smtpOutHost: 'SMTP_OUT_HOST',
  smtpOutPort: 'SMTP_OUT_PORT',
  smtpOutSecure: 'SMTP_OUT_SECURE',
  smtpOutUser: 'SMTP_OUT_USER',
  smtpOutPassword: 'SMTP_OUT_PASSWORD',
  mailFromName: 'MAIL_FROM_NAME',
  outboxIntervalMs: 'OUTBOX_INTERVAL_MS',
  acknowledgementsEnabled: 'ACKNOWLEDGEMENTS_ENABLED',
  closingMessagesEnabled: 'CLOSING_MESSAGES_ENABLED',
  maxAttachmentBytes: 'MAX_ATTACHMENT_BYTES',
  maxAttachmentsPerEmail: 'MAX_ATTACHMENTS_PER_EMAIL',
  publicBaseUrl: 'PUBLIC_BASE_URL',
  linkSigningSecret: 'LINK_SIGNING_SECRET',
  metricsToken: 'METRICS_TOKEN',
  slaEscalationIntervalMs: 'SLA_ESCALATION_INTERVAL_MS',
  nearDueWarningMinutes: 'NEAR_DUE_WARNING_MINUTES',
  webhookSecrets: 'WEBHOOK_SECRETS',
  webhookAllowedDestinations: 'WEBHOOK_ALLOWED_DESTINATIONS',
  webhookAllowedPrivateAddresses: 'WEBHOOK_ALLOWED_PRIVATE_ADDRESSES',
  webhookPollIntervalMs: 'WEBHOOK_POLL_INTERVAL_MS',
  webhookRetryBaseMs: 'WEBHOOK_RETRY_BASE_MS',
  webhookRetryMaxMs: 'WEBHOOK_RETRY_MAX_MS',
  webhookMaxAttempts: 'WEBHOOK_MAX_ATTEMPTS',
  webhookTimeoutMs: 'WEBHOOK_TIMEOUT_MS',
  ruleSimulationRequests: 'RULE_SIMULATION_REQUESTS',
  ruleSimulationsPerHour: 'RULE_SIMULATIONS_PER_HOUR',
  ruleEvaluationBudgetMs: 'RULE_EVALUATION_BUDGET_MS',
  pilotAgreementWindow: 'PILOT_AGREEMENT_WINDOW',
  encryptionKeys: 'ENCRYPTION_KEYS',
  encryptionActiveKeyId: 'ENCRYPTION_ACTIVE_KEY_ID',
  lookupHashKey: 'LOOKUP_HASH_KEY',
  retentionPolicyFile: 'RETENTION_POLICY_FILE',
  retentionPurgeEnabled: 'RETENTION_PURGE_ENABLED',
  retentionPurgeDryRun: 'RETENTION_PURGE_DRY_RUN',
  retentionPurgeIntervalMinutes: 'RETENTION_PURGE_INTERVAL_MINUTES',
  signInRateLimitPerMinute: 'SIGN_IN_RATE_LIMIT_PER_MINUTE',
  intakeRateLimitPerMinute: 'INTAKE_RATE_LIMIT_PER_MINUTE',
  publicFormMinFillSeconds: 'PUBLIC_FORM_MIN_FILL_SECONDS',
  formAcknowledgementsPerAddress: 'FORM_ACKNOWLEDGEMENTS_PER_ADDRESS',
  statusPageRefreshSeconds: 'STATUS_PAGE_REFRESH_SECONDS',
  trustProxyHops: 'TRUST_PROXY_HOPS',
  corsOrigins: 'CORS_ORIGINS',
  totpIssuer: 'TOTP_ISSUER',
  socketSessionCheckMs: 'SOCKET_SESSION_CHECK_MS',
  llmEnabled: 'LLM_ENABLED',
  llmBaseUrl: 'LLM_BASE_URL',
  llmModel: 'LLM_MODEL',
  llmApiKey: 'LLM_API_KEY',
  llmConfidenceThreshold: 'LLM_CONFIDENCE_THRESHOLD',
  llmRoutingPolicy: 'LLM_ROUTING_POLICY',
  llmAgreementTopQueues: 'LLM_AGREEMENT_TOP_QUEUES',
  llmTimeoutMs: 'LLM_TIMEOUT_MS',
  llmMaxRetries: 'LLM_MAX_RETRIES',
  llmRetryBaseMs: 'LLM_RETRY_BASE_MS',
  llmMonthlyTokenBudget: 'LLM_MONTHLY_TOKEN_BUDGET',
  llmCircuitFailureThreshold: 'LLM_CIRCUIT_FAILURE_THRESHOLD',
  llmCircuitCooldownMs: 'LLM_CIRCUIT_COOLDOWN_MS',
  classifierHeadCheckIntervalMs: 'CLASSIFIER_HEAD_CHECK_INTERVAL_MS',
  retrainCorrectionWeight: 'RETRAIN_CORRECTION_WEIGHT',
  retrainTolerance: 'RETRAIN_TOLERANCE',
  embeddingCacheDir: 'EMBEDDING_CACHE_DIR',
  redisUrl: 'REDIS_URL',
  role: 'ROLE',
  workerConcurrency: 'WORKER_CONCURRENCY',
  jobLockMs: 'JOB_LOCK_MS',
};

/**
 * Reads the whole configuration from the environment once; a bad value stops start-up with the variable's name.
 * `overrides` are already-typed values (tests, benchmarks) applied on top.
 */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const raw = Object.fromEntries(Object.entries(environmentNames).map(([key, name]) => [key, emptyToUndefined(environment[name])]));
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
