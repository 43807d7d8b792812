/**
 * Every setting comes from the environment, is validated once at start, and
 * fails with a message that names the variable and what it expects.
 * `.env.example` documents each one.
 */
import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number({ error: 'expected a port number' }).int().min(0).max(65535, 'expected a port number (0-65535)');
const positiveInt = z.coerce.number({ error: 'expected a whole number' }).int('expected a whole number').positive('expected a number above 0');
const flag = z.enum(['true', 'false', '1', '0'], 'expected true or false').transform((v) => v === 'true' || v === '1');
const url = (protocols: string[]) =>
  z.url({
    protocol: new RegExp(`^(${protocols.join('|')})$`),
    error: `expected a URL such as ${protocols[0]}://user:password@host:port/${protocols[0] === 'redis' ? '0' : 'database'}`,
  });

const environment = z.object({
  /** Interface the HTTP server listens on. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** HTTP port; 0 picks a free one. */
  PORT: port.default(4000),
  /** External PostgreSQL. When unset, an embedded PostgreSQL is started under DATA_DIR. */
  DATABASE_URL: url(['postgres', 'postgresql']).optional(),
  /** Connections in this process's pool. */
  DATABASE_POOL_SIZE: positiveInt.default(10),
  /** Redis for pub/sub, rate limits and caches. In-process equivalents are used when unset. */
  REDIS_URL: url(['redis', 'rediss']).optional(),
  /** Prefix of every Redis key this service writes, so several services can share one Redis. */
  REDIS_KEY_PREFIX: z.string().default('ticketing:'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where the embedded PostgreSQL keeps its data between runs. */
  DATA_DIR: z.string().min(1).default('.data'),
  /** Port of the embedded PostgreSQL. */
  EMBEDDED_POSTGRES_PORT: port.default(54329),
  /** Seed the demo catalog when the database has no events. */
  SEED_DEMO: flag.default(true),
  /** How long shutdown waits for in-flight requests before closing their connections. */
  SHUTDOWN_TIMEOUT_MS: positiveInt.default(10_000),
  /** HMAC key for session tokens. Generated once and kept in DATA_DIR on the embedded default. */
  TOKEN_SECRET: z.string().min(32, 'expected at least 32 characters (e.g. `openssl rand -base64 48`)').optional(),
  /** How long a login lasts. */
  SESSION_LIFETIME_SECONDS: positiveInt.default(7 * 24 * 3600),
  /** Bookings can be cancelled (and refunded) until this many hours before their event starts. */
  CANCELLATION_CUTOFF_HOURS: z.coerce.number({ error: 'expected a number of hours' }).min(0, 'expected 0 or more hours').default(24),
  /** How often the process that leads sweeps expired holds; 0 turns this process's sweeper off. */
  HOLD_SWEEP_INTERVAL_MS: z.coerce.number({ error: 'expected milliseconds' }).int('expected whole milliseconds').min(0, 'expected 0 or more').default(1_000),
});

export type Config = {
  host: string;
  port: number;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  redisUrl: string | undefined;
  redisKeyPrefix: string;
  logLevel: z.infer<typeof environment>['LOG_LEVEL'];
  dataDir: string;
  embeddedPostgresPort: number;
  seedDemo: boolean;
  shutdownTimeoutMs: number;
  /** Unset only on the embedded default, which keeps a generated secret in dataDir. */
  tokenSecret: string | undefined;
  sessionLifetimeSeconds: number;
  cancellationCutoffMs: number;
  holdSweepIntervalMs: number;
};

/** Values that may hold credentials are named but never echoed. */
const SECRETS = new Set(['TOKEN_SECRET', 'DATABASE_URL', 'REDIS_URL']);

function shown(name: string, value: string | undefined): string {
  if (value === undefined || value === '') return ' (unset)';
  return SECRETS.has(name) ? ' (value hidden)' : `=${JSON.stringify(value)}`;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the configuration; throws a ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most shells' `VAR= command`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = environment.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `  ${name}${shown(name, env[name])}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}\nSee .env.example for every setting.`);
  }
  const e = parsed.data;
  return {
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    logLevel: e.LOG_LEVEL,
    dataDir: path.resolve(e.DATA_DIR),
    embeddedPostgresPort: e.EMBEDDED_POSTGRES_PORT,
    seedDemo: e.SEED_DEMO,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    tokenSecret: e.TOKEN_SECRET,
    sessionLifetimeSeconds: e.SESSION_LIFETIME_SECONDS,
    cancellationCutoffMs: e.CANCELLATION_CUTOFF_HOURS * 3600_000,
    holdSweepIntervalMs: e.HOLD_SWEEP_INTERVAL_MS,
  };
}
