import { pino } from 'pino';

import type { ReconcileReport } from '../../src/booking/payment-reconciler.js';
import type { Clock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import type { RepriceReport } from '../../src/pricing/repricer.js';
import { requestIdMixin } from '../../src/request-id.js';
import { type ServerOptions, startServer } from '../../src/server.js';
import type { RoomRound } from '../../src/waitingroom/admitter.js';

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; [key: string]: unknown } }[];
}

export interface TestServer {
  url: string;
  /** POSTs one GraphQL operation with fetch, as a client would; with `token`, as that user. */
  graphql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  /** Every SQL statement the server sent, in order; clear it with `statements.length = 0`. */
  statements: string[];
  /** Every log line the server wrote, parsed. */
  logs: Record<string, unknown>[];
  /** How many times a subscription event has been executed (of a @shared field such as seatMapChanged: once per event and selection, however many subscribers). */
  subscriptionExecutions: { count: number };
  /** Sweeps expired holds now; test servers have no sweeper of their own, so time never races a test. */
  sweepHolds(): Promise<number>;
  /** Reconciles payments with bookings now; test servers have no reconciler loop of their own. */
  reconcilePayments(): Promise<ReconcileReport>;
  /** Runs the search indexer now; test servers have no indexer loop of their own. Resolves to the changes taken in. */
  /** Reviews the DEMAND-priced sections due now, at the server clock's time. */
  repricePrices(): Promise<RepriceReport>;
  indexSearch(): Promise<number>;
  /** Queues the e-mails the outbox's facts call for (the notifier); test servers have no rounds of their own. Resolves to the facts taken in. */
  notify(): Promise<number>;
  /** Runs the queued jobs due now until none is left (e-mails, the refunds of cancelled events); test servers run none of their own (JOB_CONCURRENCY=0). */
  runJobs(): Promise<void>;
  /** Marks the server's queue workers alive and unlocks the jobs of dead ones; resolves to the dead workers' ids. */
  heartbeatJobs(): Promise<string[]>;
  /** Runs the waiting rooms' admitter now; test servers have none of their own. Resolves to what it did per open room. */
  admitWaitingRooms(): Promise<RoomRound[]>;
  /** Pushes changed queue passes to queuePassChanged subscribers now; test servers push only the first on their own. */
  pushQueuePasses(): Promise<void>;
  /** The HTTP requests the server has in flight now. */
  requestsInFlight(): number;
  /** Stops the server; again, waits for the first stop. */
  stop(): Promise<void>;
}

/**
 * The limits against bots (README "Rate limits"), off in test servers unless a test sets them: every
 * test client is 127.0.0.1, and tests act far faster than fans (one holds and releases a seat hundreds
 * of times). test/rate-limits.test.ts and test/login-rate-limit.test.ts set those they test; the
 * log-in lock-outs per account and address and per account stay on.
 */
export const RATE_LIMITS_OFF = {
  RATE_LIMIT_SIGN_UPS_PER_ADDRESS: '0',
  RATE_LIMIT_JOINS_PER_ADDRESS: '0',
  RATE_LIMIT_RESERVES_PER_USER: '0',
  RATE_LIMIT_RESERVES_PER_ADDRESS: '0',
  RATE_LIMIT_RELEASES_PER_USER: '0',
  RATE_LIMIT_RELEASES_PER_ADDRESS: '0',
  RATE_LIMIT_RELEASES_PER_USER_PER_EVENT: '0',
  RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS: '0',
} as const;

/** The key test servers sign tokens with; tests forge tokens with others. */
export const TEST_TOKEN_SECRET = 'test-secret-that-is-long-enough-for-hs256!';
/** The key test servers sign ticket codes with (TICKET_SECRET); tests verify and forge codes with it. */
export const TEST_TICKET_SECRET = 'test-ticket-secret-that-is-long-enough!!';
/** Both keys, for a server process's environment: with DATABASE_URL each is required. */
export const TEST_SECRETS = { TOKEN_SECRET: TEST_TOKEN_SECRET, TICKET_SECRET: TEST_TICKET_SECRET } as const;

/** How a test server differs from the others: its clock, Redis, settings (`env`, over the test defaults below) and test-only options. */
export interface TestServerOptions extends Pick<ServerOptions, 'unsafeBookingGuards' | 'unsafeEventGuards' | 'unsafeCheckInGuards' | 'demoPasswords'> {
  clock?: Clock;
  redisUrl?: string;
  redisKeyPrefix?: string;
  env?: Record<string, string>;
}

/** An API server in this process on a free port, against `databaseUrl`, without demo data. */
export async function startTestServer(databaseUrl: string, options: TestServerOptions = {}): Promise<TestServer> {
  const statements: string[] = [];
  const logs: Record<string, unknown>[] = [];
  const subscriptionExecutions = { count: 0 };
  // As createLogger's: a line logged inside a request carries its requestId.
  const logger = pino({ level: 'info', mixin: requestIdMixin }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    PORT: '0',
    SEED_DEMO: 'false',
    DATABASE_POOL_SIZE: '4',
    TOKEN_SECRET: TEST_TOKEN_SECRET,
    TICKET_SECRET: TEST_TICKET_SECRET,
    REDIS_URL: options.redisUrl,
    REDIS_KEY_PREFIX: options.redisKeyPrefix,
    HOLD_SWEEP_INTERVAL_MS: '0',
    PAYMENT_RECONCILE_INTERVAL_MS: '0',
    PRICING_REVIEW_INTERVAL_MS: '0', // tests reprice when they say so (server.repricePrices()), at their clock's time
    SEARCH_INDEX_INTERVAL_MS: '0',
    // Tests queue e-mails and run queued jobs when they say so (server.notify(), server.runJobs()).
    NOTIFY_INTERVAL_MS: '0',
    JOB_CONCURRENCY: '0',
    // Tests admit and push when they say so (server.admitWaitingRooms(), server.pushQueuePasses()), at their clock's time.
    WAITING_ROOM_ADMIT_INTERVAL_MS: '0',
    WAITING_ROOM_UPDATE_INTERVAL_MS: '0',
    SEAT_MAP_CACHE_MS: '0', // tests see every change at once; test/seatmap.test.ts turns it on to test it
    SESSION_CACHE_MS: '0', // tests that change sessions in SQL see it at once; test/accounts/session-cache.test.ts turns it on
    ...RATE_LIMITS_OFF,
    ...options.env,
  });
  const server = await startServer(config, {
    logger,
    clock: options.clock,
    onQuery: (statement) => statements.push(statement),
    onSubscriptionExecution: () => void subscriptionExecutions.count++,
    unsafeBookingGuards: options.unsafeBookingGuards,
    unsafeEventGuards: options.unsafeEventGuards,
    unsafeCheckInGuards: options.unsafeCheckInGuards,
    demoPasswords: options.demoPasswords,
  });
  let stopped: Promise<void> | undefined;
  return {
    url: server.url,
    statements,
    logs,
    subscriptionExecutions,
    sweepHolds: () => server.sweepHolds(),
    reconcilePayments: () => server.reconcilePayments(),
    repricePrices: () => server.repricePrices(),
    indexSearch: () => server.indexSearch(),
    notify: () => server.notify(),
    runJobs: () => server.runJobs(),
    heartbeatJobs: () => server.heartbeatJobs(),
    admitWaitingRooms: () => server.admitWaitingRooms(),
    pushQueuePasses: () => server.pushQueuePasses(),
    requestsInFlight: () => server.stillOpen().requests.length,
    stop: () => (stopped ??= server.stop()),
    graphql: graphqlClient(server.url),
  };
}

/** POSTs one GraphQL operation to the API at `url` with fetch, as a client would; with `token`, as that user. */
export function graphqlClient(url: string): TestServer['graphql'] {
  return async (query, variables, token) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as object) };
  };
}

/** A clock the test moves by hand. */
export function manualClock(start: Date): Clock & { set(to: Date): void } {
  let now = start;
  return Object.assign(() => now, { set: (to: Date) => void (now = to) });
}
