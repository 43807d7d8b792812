/**
 * Every setting comes from the environment, is validated once at start, and
 * fails with a message that names the variable and what it expects.
 * `.env.example` documents each one.
 */
import path from 'node:path';

import { z } from 'zod';

import type { RateLimitSettings } from './rate-limits/limits.js';

const port = z.coerce.number({ error: 'expected a port number' }).int().min(0).max(65535, 'expected a port number (0-65535)');
const positiveInt = z.coerce.number({ error: 'expected a whole number' }).int('expected a whole number').positive('expected a number above 0');
/** Node's timers take at most 2^31 - 1 ms (about 24 days). */
const timerMs = positiveInt.max(2_147_483_647, 'expected at most 2147483647 ms');
/** How many per window; 0 turns the limit off. */
const limit = z.coerce.number({ error: 'expected a whole number' }).int('expected a whole number').min(0, 'expected 0 (no limit) or more');
const flag = z.enum(['true', 'false', '1', '0'], 'expected true or false').transform((v) => v === 'true' || v === '1');
const url = (protocols: string[]) =>
  z.url({
    protocol: new RegExp(`^(${protocols.join('|')})$`),
    error: `expected a URL such as ${protocols[0]}://user:password@host:port/${protocols[0] === 'redis' ? '0' : 'database'}`,
  });

const environment = z
  .object({
    /** Interface the HTTP server listens on. */
    HOST: z.string().min(1).default('127.0.0.1'),
    /** HTTP port; 0 picks a free one. */
    PORT: port.default(4000),
    /** External PostgreSQL. When unset, an embedded PostgreSQL is started under DATA_DIR. */
    DATABASE_URL: url(['postgres', 'postgresql']).optional(),
    /** Connections in this process's pool. */
    DATABASE_POOL_SIZE: positiveInt.default(10),
    /** Longest a statement of a request may run before PostgreSQL cancels it (0: no limit). Migrations and seeding have none. */
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce
      .number({ error: 'expected milliseconds' })
      .int('expected whole milliseconds')
      .min(0, 'expected 0 or more')
      .max(2_147_483_647, 'expected at most 2147483647 ms')
      .default(5_000),
    /** A GraphQL request still running this long is answered REQUEST_TIMEOUT, and starts no more work. */
    REQUEST_TIMEOUT_MS: timerMs.default(10_000),
    /** GraphQL requests over HTTP this process runs at once; the rest wait their turn, within their REQUEST_TIMEOUT_MS. 0: no limit. */
    MAX_CONCURRENT_REQUESTS: z.coerce.number({ error: 'expected a whole number' }).int('expected a whole number').min(0, 'expected 0 or more').default(64),
    /** Highest cost an operation may have, worked out with its variables before it runs (lists count by `first`, nested lists multiply). */
    MAX_QUERY_COST: positiveInt.default(10_000),
    /** Redis for pub/sub, rate limits and caches. In-process equivalents are used when unset. */
    REDIS_URL: url(['redis', 'rediss']).optional(),
    /** Prefix of every Redis key this service writes, so several services can share one Redis. */
    REDIS_KEY_PREFIX: z.string().default('ticketing:'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Reverse proxies (load balancers) in front of the API that append to X-Forwarded-For; 0 takes the socket's address. */
    TRUST_PROXY_HOPS: z.coerce.number({ error: 'expected a number of proxies' }).int('expected a whole number').min(0, 'expected 0 or more').default(0),
    /** signUp calls per client address per hour (0: no limit). */
    RATE_LIMIT_SIGN_UPS_PER_ADDRESS: limit.default(20),
    /** reserveSeats calls per user per minute (0: no limit). */
    RATE_LIMIT_RESERVES_PER_USER: limit.default(30),
    /** reserveSeats calls per client address per minute (0: no limit). */
    RATE_LIMIT_RESERVES_PER_ADDRESS: limit.default(60),
    /** releaseHold calls per user per minute (0: no limit). */
    RATE_LIMIT_RELEASES_PER_USER: limit.default(30),
    /** releaseHold calls per client address per minute (0: no limit). */
    RATE_LIMIT_RELEASES_PER_ADDRESS: limit.default(60),
    /** joinWaitingRoom calls per client address per minute (0: no limit). */
    RATE_LIMIT_JOINS_PER_ADDRESS: limit.default(20),
    /** Holds of one event one user may release in 10 minutes before their reserveSeats on it is refused until the window ends (0: no limit). */
    RATE_LIMIT_RELEASES_PER_USER_PER_EVENT: limit.default(10),
    /** Failed log-ins per (account, address) in 15 minutes: past it, that account is locked for that address only (0: no limit). */
    RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS: limit.default(10),
    /** Failed log-ins per client address in 15 minutes, all accounts together; addresses an account logged in from before are exempt for it (0: no limit). */
    RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS: limit.default(50),
    /** Failed log-ins per account per hour from all addresses together; addresses it logged in from before are exempt (0: no limit). */
    RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT: limit.default(100),
    /** Where the embedded PostgreSQL keeps its data between runs. */
    DATA_DIR: z.string().min(1).default('.data'),
    /** Port of the embedded PostgreSQL. */
    EMBEDDED_POSTGRES_PORT: port.default(54329),
    /**
     * Seed the demo catalog (and its ADMIN, ORGANIZER and FAN accounts) when the database has no events.
     * Default: only on the embedded default; with DATABASE_URL it must be asked for, and the accounts get generated passwords.
     */
    SEED_DEMO: flag.optional(),
    /** Deadline of a shutdown: past it, the process exits with code 1, logging what was still open. */
    SHUTDOWN_TIMEOUT_MS: positiveInt.default(10_000),
    /** HMAC key for session tokens. Generated once and kept in DATA_DIR on the embedded default. */
    TOKEN_SECRET: z.string().min(32, 'expected at least 32 characters (e.g. `openssl rand -base64 48`)').optional(),
    /** HMAC key that signs ticket codes (the QR codes fans show at the door); scanners that check offline need it too. Generated once and kept in DATA_DIR on the embedded default. */
    TICKET_SECRET: z.string().min(32, 'expected at least 32 characters (e.g. `openssl rand -base64 48`)').optional(),
    /** Mail server for the e-mails to fans (smtp://user:password@host:587, smtps:// for TLS). Unset: each message is written as an .eml file under DATA_DIR/mail. */
    SMTP_URL: url(['smtp', 'smtps']).optional(),
    /** The sender of those e-mails. */
    MAIL_FROM: z.string().min(3).default('Ticketing <tickets@localhost>'),
    /** Where fans reach the web app; links in e-mails start with it. */
    PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'expected a URL such as https://tickets.example.com' }).default('http://localhost:4000'),
    /** How often this process's notifier polls the outbox for facts to tell fans of (queueing their e-mails); 0 turns it off. */
    NOTIFY_INTERVAL_MS: z.coerce
      .number({ error: 'expected milliseconds' })
      .int('expected whole milliseconds')
      .min(0, 'expected 0 or more')
      .max(60_000, 'expected at most 60000 ms')
      .default(250),
    /** E-mails wait while this process has this many HTTP requests in flight or more (an on-sale: buyers first), and go once it has fewer; 0: they never wait. */
    EMAIL_PAUSE_AT_REQUESTS: z.coerce
      .number({ error: 'expected a number of requests' })
      .int('expected a whole number')
      .min(0, 'expected 0 or more')
      .default(20),
    /** Jobs of the queue (e-mails, refunds, captures) this process runs at once; 0: this process runs none (others may). */
    JOB_CONCURRENCY: z.coerce
      .number({ error: 'expected a whole number' })
      .int('expected a whole number')
      .min(0, 'expected 0 or more')
      .max(100, 'expected at most 100')
      .default(4),
    /** How long a login lasts. */
    SESSION_LIFETIME_SECONDS: positiveInt.default(7 * 24 * 3600),
    /**
     * How long one reading of a session answers its requests (0: every request reads it). A session ended or a role
     * changed is dropped at once everywhere by its pub/sub news; this bounds how long one goes unseen when the news is lost.
     */
    SESSION_CACHE_MS: z.coerce.number({ error: 'expected milliseconds' }).int('expected whole milliseconds').min(0, 'expected 0 or more').default(5_000),
    /** Bookings can be cancelled (and refunded) until this many hours before their event starts. */
    CANCELLATION_CUTOFF_HOURS: z.coerce.number({ error: 'expected a number of hours' }).min(0, 'expected 0 or more hours').default(24),
    /** How often the process that leads sweeps expired holds; 0 turns this process's sweeper off. */
    HOLD_SWEEP_INTERVAL_MS: z.coerce.number({ error: 'expected milliseconds' }).int('expected whole milliseconds').min(0, 'expected 0 or more').default(1_000),
    /** Seat-map changes of one event within this window go to subscribers as one delta. */
    SEAT_MAP_WINDOW_MS: timerMs.default(100),
    /** How often each process checks the seat maps watched there against the database, for changes pub/sub lost. */
    SEAT_MAP_RECONCILE_INTERVAL_MS: timerMs.default(5_000),
    /** How long one reading of a seat map answers every request for it (0: read it every time). */
    SEAT_MAP_CACHE_MS: z.coerce.number({ error: 'expected milliseconds' }).int('expected whole milliseconds').min(0, 'expected 0 or more').default(250),
    /** Versions of each event's seat-map changes kept for subscribers that come back with `sinceVersion`. */
    SEAT_MAP_LOG_VERSIONS: positiveInt.default(1_000),
    /** A WebSocket with more unsent bytes than this is closed (1013) rather than buffered without bound. */
    WS_MAX_BUFFERED_BYTES: positiveInt.default(512 * 1024),
    /** Operations one WebSocket may run at once; the one over is refused with TOO_MANY_SUBSCRIPTIONS. */
    MAX_SUBSCRIPTIONS_PER_SOCKET: positiveInt.default(100),
    /** WebSockets one client address (see TRUST_PROXY_HOPS) may have open; the upgrade over is refused with HTTP 429. */
    MAX_SOCKETS_PER_ADDRESS: positiveInt.default(50),
    /** Typesense for search. When unset, search runs on PostgreSQL. */
    TYPESENSE_URL: z.url({ protocol: /^https?$/, error: 'expected a URL such as http://typesense.internal:8108' }).optional(),
    TYPESENSE_API_KEY: z.string().min(1).optional(),
    /** The Typesense collection (or alias) holding the events. */
    TYPESENSE_COLLECTION: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, 'expected letters, digits, - and _')
      .default('events'),
    /** How often this process's indexer polls the search outbox when it is empty; 0 turns it off. */
    SEARCH_INDEX_INTERVAL_MS: z.coerce
      .number({ error: 'expected milliseconds' })
      .int('expected whole milliseconds')
      .min(0, 'expected 0 or more')
      .default(1_000),
    /** How long a cached search answer lives at most; 0 turns the cache off. */
    SEARCH_CACHE_TTL_SECONDS: z.coerce.number({ error: 'expected seconds' }).int('expected whole seconds').min(0, 'expected 0 or more').default(60),
    /** Search answers kept in memory at most, when there is no Redis. */
    SEARCH_CACHE_ENTRIES: positiveInt.default(10_000),
    /** How long a document registered by automatic persisted queries is kept (Redis or memory); a client then registers it again. */
    PERSISTED_QUERIES_TTL_SECONDS: positiveInt.max(31_536_000, 'expected at most 31536000 seconds (a year)').default(86_400),
    /** Bytes of registered documents kept in process memory at most, when there is no Redis (least recently used go first). */
    PERSISTED_QUERIES_CACHE_BYTES: positiveInt.min(32_768, 'expected at least 32768 bytes (one document of the largest size)').default(8 * 1024 * 1024),
    /**
     * Which documents may run: `off`, any; `all`, only those of a trusted-document manifest (sent by hash
     * or in full), others refused PERSISTED_QUERY_NOT_IN_LIST. `partners` comes with partner API keys.
     */
    TRUSTED_DOCUMENTS: z.enum(['off', 'partners', 'all'], { error: 'expected off, partners or all' }).default('partners'),
    /** A request with an idempotency key that has not answered after this long is taken to have died with its process: a retry resumes it. */
    IDEMPOTENCY_ABANDONED_AFTER_MS: timerMs.default(60_000),
    /** An authorization without a booking, or a booking without a capture, this old is put right by the payment reconciler. */
    PAYMENT_RECONCILE_GRACE_MS: z.coerce
      .number({ error: 'expected milliseconds' })
      .int('expected whole milliseconds')
      .min(0, 'expected 0 or more')
      .default(300_000),
    /** How often the payment reconciler runs (one process at a time); 0 turns this process's reconciler off. */
    PAYMENT_RECONCILE_INTERVAL_MS: z.coerce
      .number({ error: 'expected milliseconds' })
      .int('expected whole milliseconds')
      .min(0, 'expected 0 or more')
      .max(2_147_483_647, 'expected at most 2147483647 ms')
      .default(60_000),
    /** Refunds of cancelled events' bookings started per second at most: the rate the card processor allows (25: Stripe's test mode). */
    CANCELLATION_REFUNDS_PER_SECOND: z.coerce.number({ error: 'expected refunds per second' }).positive('expected a rate above 0').default(25),
    /** How often the repricer looks for DEMAND sections due for review (one process at a time; each section at most every minIntervalSeconds); 0: no rounds of this process's own. */
    PRICING_REVIEW_INTERVAL_MS: z.coerce
      .number({ error: 'expected milliseconds' })
      .int('expected whole milliseconds')
      .min(0, 'expected 0 or more')
      .max(3_600_000, 'expected at most 3600000 ms')
      .default(5_000),
    /** How often the partner keys' counted use is written to the database. */
    PARTNER_USAGE_FLUSH_MS: z.coerce
      .number({ error: 'expected milliseconds' })
      .int('expected whole milliseconds')
      .min(0, 'expected 0 or more')
      .max(3_600_000, 'expected at most 3600000 ms')
      .default(10_000),
    /** How many times its floor a pricing policy's ceiling may be. */
    PRICING_MAX_CEILING_MULTIPLE: z.coerce
      .number({ error: 'expected a number' })
      .int('expected a whole number')
      .min(1, 'expected 1 or more')
      .max(100, 'expected at most 100')
      .default(4),
    /** How often the waiting rooms' admitter lets fans in (one process at a time); 0 turns this process's admitter off. */
    WAITING_ROOM_ADMIT_INTERVAL_MS: z.coerce
      .number({ error: 'expected milliseconds' })
      .int('expected whole milliseconds')
      .min(0, 'expected 0 or more')
      .max(60_000, 'expected at most 60000 ms')
      .default(1_000),
    /** How often this process pushes waiting fans' passes (queuePassChanged); 0 turns the pushes off. */
    WAITING_ROOM_UPDATE_INTERVAL_MS: z.coerce
      .number({ error: 'expected milliseconds' })
      .int('expected whole milliseconds')
      .min(0, 'expected 0 or more')
      .max(60_000, 'expected at most 60000 ms')
      .default(1_000),
    /** The reserveSeats p99 (ms) an adaptive waiting room's admission rate keeps under. */
    WAITING_ROOM_TARGET_P99_MS: positiveInt.default(100),
    /** Only to pick GRAPHQL_EXPLORER's, GRAPHQL_SUGGESTIONS' and METRICS_ENABLED's defaults: a production deployment shows none unless asked to. */
    NODE_ENV: z.string().optional(),
    /** GraphiQL for browsers at GET /graphql; on by default except with NODE_ENV=production. */
    GRAPHQL_EXPLORER: flag.optional(),
    /** The fan web app (web/dist) at `/`; off shows the API's plain page there. */
    WEB_APP: flag.default(true),
    /** Introspection (`__schema`, `__type`) over HTTP and WebSocket; on by default (the schema is public), off refuses it. */
    GRAPHQL_INTROSPECTION: flag.default(true),
    /** "Did you mean ...?" hints in error messages; on by default except with NODE_ENV=production. */
    GRAPHQL_SUGGESTIONS: flag.optional(),
    /** Prometheus metrics at GET /metrics; on by default except with NODE_ENV=production, where METRICS_TOKEN should guard them. */
    METRICS_ENABLED: flag.optional(),
    /** When set, GET /metrics requires `authorization: Bearer <METRICS_TOKEN>`. */
    METRICS_TOKEN: z.string().min(16, 'expected at least 16 characters (e.g. openssl rand -hex 32)').optional(),
  })
  .refine((e) => !e.TYPESENSE_URL || e.TYPESENSE_API_KEY, { path: ['TYPESENSE_API_KEY'], message: 'required when TYPESENSE_URL is set' });

export type Config = {
  host: string;
  port: number;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  /** 0: no statement timeout. */
  databaseStatementTimeoutMs: number;
  requestTimeoutMs: number;
  /** 0: no limit. */
  maxConcurrentRequests: number;
  maxQueryCost: number;
  redisUrl: string | undefined;
  redisKeyPrefix: string;
  trustProxyHops: number;
  /** Request limits per user and client address; 0 turns one off. */
  rateLimits: RateLimitSettings;
  logLevel: z.infer<typeof environment>['LOG_LEVEL'];
  dataDir: string;
  embeddedPostgresPort: number;
  /** Seed the demo catalog into an empty database: by default only on the embedded default (no DATABASE_URL). */
  seedDemo: boolean;
  shutdownTimeoutMs: number;
  /** Unset only on the embedded default, which keeps a generated secret in dataDir. */
  tokenSecret: string | undefined;
  sessionLifetimeSeconds: number;
  /** 0: no session cache. */
  sessionCacheMs: number;
  /** Unset only on the embedded default, which keeps a generated secret in dataDir. */
  ticketSecret: string | undefined;
  /** Unset: e-mails are written as .eml files under dataDir/mail. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Without a trailing slash. */
  publicUrl: string;
  /** 0: no notifier rounds of this process's own. */
  notifyIntervalMs: number;
  /** 0: e-mails never wait for a rush to pass. */
  emailPauseAtRequests: number;
  /** 0: this process runs no queued jobs. */
  jobConcurrency: number;
  cancellationCutoffMs: number;
  holdSweepIntervalMs: number;
  /** 0: this process admits no one (another may). */
  waitingRoomAdmitIntervalMs: number;
  /** 0: this process pushes no queue passes after the first. */
  waitingRoomUpdateIntervalMs: number;
  waitingRoomTargetP99Ms: number;
  seatMapWindowMs: number;
  seatMapReconcileIntervalMs: number;
  seatMapLogVersions: number;
  seatMapCacheMs: number;
  wsMaxBufferedBytes: number;
  maxSubscriptionsPerSocket: number;
  maxSocketsPerAddress: number;
  /** Set: search on Typesense; unset: on PostgreSQL. */
  typesense: { url: string; apiKey: string; collection: string } | undefined;
  searchIndexIntervalMs: number;
  searchCacheTtlMs: number;
  searchCacheEntries: number;
  persistedQueriesTtlSeconds: number;
  /** Bound of the in-process store of persisted queries (no Redis). */
  persistedQueriesCacheBytes: number;
  /** TRUSTED_DOCUMENTS: who may run documents outside the manifests (partners/documents.ts). */
  trustedDocuments: 'off' | 'partners' | 'all';
  idempotencyAbandonedAfterMs: number;
  paymentReconcileGraceMs: number;
  paymentReconcileIntervalMs: number;
  cancellationRefundsPerSecond: number;
  /** 0: no repricer rounds of this process's own. */
  pricingReviewIntervalMs: number;
  pricingMaxCeilingMultiple: number;
  /** 0: written only at shutdown. */
  partnerUsageFlushMs: number;
  /** Serve GraphiQL and its assets to browsers. */
  explorer: boolean;
  /** Serve the fan web app (web/dist) at `/`. */
  webApp: boolean;
  /** Answer introspection queries (`__schema`, `__type`). */
  introspection: boolean;
  /** Keep graphql-js's "Did you mean ...?" hints in error messages. */
  suggestions: boolean;
  /** Serve Prometheus metrics at /metrics. */
  metricsEnabled: boolean;
  /** Set: /metrics requires it as a bearer token. */
  metricsToken: string | undefined;
};

/** Values that may hold credentials are named but never echoed. */
const SECRETS = new Set(['TOKEN_SECRET', 'TICKET_SECRET', 'SMTP_URL', 'DATABASE_URL', 'REDIS_URL', 'TYPESENSE_API_KEY', 'METRICS_TOKEN']);

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
    databaseStatementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    maxConcurrentRequests: e.MAX_CONCURRENT_REQUESTS,
    maxQueryCost: e.MAX_QUERY_COST,
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    trustProxyHops: e.TRUST_PROXY_HOPS,
    rateLimits: {
      signUpsPerAddress: e.RATE_LIMIT_SIGN_UPS_PER_ADDRESS,
      reservesPerUser: e.RATE_LIMIT_RESERVES_PER_USER,
      reservesPerAddress: e.RATE_LIMIT_RESERVES_PER_ADDRESS,
      releasesPerUser: e.RATE_LIMIT_RELEASES_PER_USER,
      releasesPerAddress: e.RATE_LIMIT_RELEASES_PER_ADDRESS,
      releasesPerUserPerEvent: e.RATE_LIMIT_RELEASES_PER_USER_PER_EVENT,
      joinsPerAddress: e.RATE_LIMIT_JOINS_PER_ADDRESS,
      loginFailuresPerAccountAndAddress: e.RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS,
      loginFailuresPerAddress: e.RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS,
      loginFailuresPerAccount: e.RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT,
    },
    logLevel: e.LOG_LEVEL,
    dataDir: path.resolve(e.DATA_DIR),
    embeddedPostgresPort: e.EMBEDDED_POSTGRES_PORT,
    // Demo data (with an ADMIN) goes into an external database only when asked for.
    seedDemo: e.SEED_DEMO ?? !e.DATABASE_URL,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    tokenSecret: e.TOKEN_SECRET,
    sessionLifetimeSeconds: e.SESSION_LIFETIME_SECONDS,
    sessionCacheMs: e.SESSION_CACHE_MS,
    ticketSecret: e.TICKET_SECRET,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicUrl: e.PUBLIC_URL.replace(/\/+$/, ''),
    notifyIntervalMs: e.NOTIFY_INTERVAL_MS,
    emailPauseAtRequests: e.EMAIL_PAUSE_AT_REQUESTS,
    jobConcurrency: e.JOB_CONCURRENCY,
    cancellationCutoffMs: e.CANCELLATION_CUTOFF_HOURS * 3600_000,
    holdSweepIntervalMs: e.HOLD_SWEEP_INTERVAL_MS,
    seatMapWindowMs: e.SEAT_MAP_WINDOW_MS,
    seatMapReconcileIntervalMs: e.SEAT_MAP_RECONCILE_INTERVAL_MS,
    waitingRoomAdmitIntervalMs: e.WAITING_ROOM_ADMIT_INTERVAL_MS,
    waitingRoomUpdateIntervalMs: e.WAITING_ROOM_UPDATE_INTERVAL_MS,
    waitingRoomTargetP99Ms: e.WAITING_ROOM_TARGET_P99_MS,
    seatMapLogVersions: e.SEAT_MAP_LOG_VERSIONS,
    seatMapCacheMs: e.SEAT_MAP_CACHE_MS,
    wsMaxBufferedBytes: e.WS_MAX_BUFFERED_BYTES,
    maxSubscriptionsPerSocket: e.MAX_SUBSCRIPTIONS_PER_SOCKET,
    maxSocketsPerAddress: e.MAX_SOCKETS_PER_ADDRESS,
    typesense: e.TYPESENSE_URL ? { url: e.TYPESENSE_URL, apiKey: e.TYPESENSE_API_KEY!, collection: e.TYPESENSE_COLLECTION } : undefined,
    searchIndexIntervalMs: e.SEARCH_INDEX_INTERVAL_MS,
    searchCacheTtlMs: e.SEARCH_CACHE_TTL_SECONDS * 1000,
    searchCacheEntries: e.SEARCH_CACHE_ENTRIES,
    persistedQueriesTtlSeconds: e.PERSISTED_QUERIES_TTL_SECONDS,
    persistedQueriesCacheBytes: e.PERSISTED_QUERIES_CACHE_BYTES,
    trustedDocuments: e.TRUSTED_DOCUMENTS,
    idempotencyAbandonedAfterMs: e.IDEMPOTENCY_ABANDONED_AFTER_MS,
    paymentReconcileGraceMs: e.PAYMENT_RECONCILE_GRACE_MS,
    paymentReconcileIntervalMs: e.PAYMENT_RECONCILE_INTERVAL_MS,
    cancellationRefundsPerSecond: e.CANCELLATION_REFUNDS_PER_SECOND,
    pricingReviewIntervalMs: e.PRICING_REVIEW_INTERVAL_MS,
    pricingMaxCeilingMultiple: e.PRICING_MAX_CEILING_MULTIPLE,
    partnerUsageFlushMs: e.PARTNER_USAGE_FLUSH_MS,
    explorer: e.GRAPHQL_EXPLORER ?? e.NODE_ENV !== 'production',
    webApp: e.WEB_APP,
    introspection: e.GRAPHQL_INTROSPECTION,
    suggestions: e.GRAPHQL_SUGGESTIONS ?? e.NODE_ENV !== 'production',
    metricsEnabled: e.METRICS_ENABLED ?? e.NODE_ENV !== 'production',
    metricsToken: e.METRICS_TOKEN,
  };
}
