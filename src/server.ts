/**
 * The composition root: builds the database, accounts, GraphQL, HTTP and
 * WebSocket layers from the configuration. Everything the app is made of is
 * wired here.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { printSchema } from 'graphql';
import { Redis } from 'ioredis';
import { createAccounts } from './accounts/accounts.js';
import { memoryAttemptLimiter, redisAttemptLimiter, type AttemptLimit } from './accounts/attempt-limiter.js';
import { createAccountLoaders } from './accounts/loaders.js';
import { createBooking, type BookingOptions } from './booking/booking.js';
import { createBookingLoaders } from './booking/loaders.js';
import { simulatedPaymentProvider } from './booking/payments/simulated.js';
import { createSeatMapLog } from './booking/seat-map-log.js';
import { startSweeper } from './booking/sweeper.js';
import type { Viewer } from './accounts/policy.js';
import { resolveTokenSecret } from './accounts/token-secret.js';
import { createCatalogLoaders } from './catalog/loaders.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import type { Context } from './context.js';
import { openDatabase } from './db/database.js';
import { seedDemoIfEmpty } from './db/seed/demo.js';
import { createExplorer } from './explorer.js';
import { maskInternalErrors } from './format-error.js';
import { loadTypeDefs } from './graphql-schema.js';
import { clientAddressOf } from './client-address.js';
import { createRequestListener } from './http.js';
import { createHttpDrain, type OpenRequest } from './http-drain.js';
import { createLogger, type Logger } from './logger.js';
import { resolvers } from './resolvers/index.js';
import { memoryPubSub } from './pubsub/memory.js';
import type { PubSub } from './pubsub/pubsub.js';
import { redisPubSub } from './pubsub/redis.js';
import { createLiveSeatMaps } from './seatmap/live.js';
import { createSeatMapCache } from './seatmap/seat-map-cache.js';
import { validationRules } from './validation.js';
import { attachGraphQLWebSocket } from './ws/endpoint.js';
import { searchBackendFor } from './search/backend.js';
import { memorySearchCache, redisSearchCache } from './search/cache.js';
import { cachedSearchIndex } from './search/cached-index.js';
import { createIndexer, runIndexer } from './search/indexer.js';

export interface ServerOptions {
  /** Defaults to a logger at the configured level. */
  logger?: Logger;
  /** The source of "now" for every request. Defaults to the system clock. */
  clock?: Clock;
  /** Called with the text of every SQL statement; tests count statements with it. */
  onQuery?: (statement: string) => void;
  /** Called at each execution of a subscription event (once per event and selection, not per subscriber); tests count them. */
  onSubscriptionExecution?: () => void;
  /** Test-only switches that turn booking's concurrency guards off, to prove the tests catch what they prevent. */
  unsafeBookingGuards?: Pick<BookingOptions, 'unsafeDisableSeatGuard' | 'unsafeDisableLimitLock'>;
}

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:4000; GraphQL is at `${url}/graphql` (HTTP and WebSocket). */
  url: string;
  /** Sweeps expired holds now (when this process leads the sweeping); resolves to the number released. */
  sweepHolds(): Promise<number>;
  /** Takes the waiting catalog changes into the search index now; resolves to the outbox rows consumed. */
  indexSearch(): Promise<number>;
  /**
   * Answers 503 to probes and new requests, closes WebSockets (1001), waits for
   * the requests in flight, then closes the HTTP server, the background loops,
   * the pools, and the embedded PostgreSQL.
   */
  stop(): Promise<void>;
  /** What stop() is doing and still waits for; main.ts logs it when shutdown overruns its deadline. */
  stillOpen(): { stage: string; requests: OpenRequest[]; webSockets: number };
}

const READINESS_TIMEOUT_MS = 2_000;
/** Where each process hears of sessions ended in any process, to close their sockets. */
const SESSIONS_ENDED_CHANNEL = 'sessions-ended';
/** 10 failed log-ins per account or per address in 15 minutes. */
const LOGIN_LIMIT: AttemptLimit = { limit: 10, windowMs: 15 * 60_000 };

export async function startServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const database = await openDatabase(config, logger, options.onQuery);
  const redis = config.redisUrl ? new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 }) : undefined;
  // ioredis reconnects by itself; say so in the log rather than on stderr.
  redis?.on('error', (error: Error) => logger.warn({ err: error }, 'Redis connection error; reconnecting'));
  let stopSweeper: (() => Promise<void>) | undefined;
  let stopIndexer: (() => Promise<void>) | undefined;
  let pubsub: PubSub | undefined;
  let stopSeatMaps: (() => Promise<void>) | undefined;
  const closeConnections = async () => {
    await stopSweeper?.();
    await stopSeatMaps?.();
    await stopIndexer?.();
    await pubsub?.close();
    redis?.disconnect();
    await database.close();
  };
  try {
    await redis?.connect();
    pubsub = redis ? await redisPubSub({ redis, prefix: config.redisKeyPrefix }) : memoryPubSub();
    if (config.seedDemo) await seedDemoIfEmpty(database.sql, { logger });

    const { db, sql } = database;
    const accounts = createAccounts({
      db,
      clock,
      tokenSecret: new TextEncoder().encode(await resolveTokenSecret(config)),
      sessionLifetimeSeconds: config.sessionLifetimeSeconds,
      loginLimiter: redis ? redisAttemptLimiter(redis, LOGIN_LIMIT, `${config.redisKeyPrefix}attempts:`) : memoryAttemptLimiter(LOGIN_LIMIT, clock),
      // Every process closes the sockets it has of these sessions; if the news is lost, the next operation on a socket still fails.
      onSessionsEnded: (sessionIds) =>
        void pubsub!.publish(SESSIONS_ENDED_CHANNEL, JSON.stringify(sessionIds)).catch((error: unknown) => {
          logger.warn({ err: error }, 'could not announce ended sessions; their sockets elsewhere close at their next operation');
        }),
    });
    const seatMaps = createLiveSeatMaps({
      pubsub,
      sql: database.background,
      logger,
      windowMs: config.seatMapWindowMs,
      reconcileIntervalMs: config.seatMapReconcileIntervalMs,
    });
    stopSeatMaps = () => seatMaps.close();
    const seatMapCache = createSeatMapCache({ maxAgeMs: config.seatMapCacheMs, clock });
    const seatMapLog = createSeatMapLog({ sql, keepVersions: config.seatMapLogVersions, committed: seatMaps.publish });
    const booking = createBooking({
      sql,
      clock,
      logger,
      payments: simulatedPaymentProvider(sql, clock),
      cancellationCutoffMs: config.cancellationCutoffMs,
      seatMapLog,
      ...options.unsafeBookingGuards,
    });
    const sweeper = startSweeper({ sql, clock, logger, idempotency: booking.idempotency, intervalMs: config.holdSweepIntervalMs, seatMapLog });
    stopSweeper = () => sweeper.stop();

    const searchBackend = searchBackendFor(config, sql);
    const cacheOptions = { ttlMs: config.searchCacheTtlMs, maxEntries: config.searchCacheEntries };
    const searchCache = config.searchCacheTtlMs === 0 ? undefined : redis ? redisSearchCache(redis, config.redisKeyPrefix, cacheOptions) : memorySearchCache(cacheOptions);
    const search = searchCache ? cachedSearchIndex(searchBackend, searchCache, logger) : searchBackend;
    const indexer = createIndexer({
      sql,
      index: searchBackend,
      clock,
      logger,
      onIndexed: async () =>
        searchCache?.bumpVersion().catch((error: unknown) => logger.warn({ err: error }, 'could not bump the search index version; cached answers live out their TTL')),
    });
    if (config.searchIndexIntervalMs > 0) stopIndexer = runIndexer({ indexer, logger, intervalMs: config.searchIndexIntervalMs }).stop;
    const contextFor = (viewer: Viewer | null, clientAddress: string): Context => ({
      db,
      clock,
      accounts,
      booking,
      seatMaps,
      seatMapCache,
      search,
      viewer,
      clientAddress,
      loaders: { ...createCatalogLoaders(db, clock), ...createAccountLoaders(db), ...createBookingLoaders(db, clock) },
    });

    const schema = makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers: resolvers as never });
    const formatError = maskInternalErrors(logger);
    const httpServer = createServer();
    const apollo = new ApolloServer<Context>({
      schema,
      introspection: true,
      includeStacktraceInErrorResponses: false,
      formatError,
      validationRules,
      stopOnTerminationSignals: false, // main.ts owns signals and the order of shutdown
      // No field sets cache hints, and the default cache-control plugin would still run a hook per resolved field.
      // Apollo's landing page loads Sandbox from a CDN; browsers get our own explorer.ts instead.
      plugins: [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginLandingPageDisabled()],
    });
    await apollo.start();

    const drain = createHttpDrain();
    httpServer.on(
      'request',
      createRequestListener<Context>({
        apollo,
        context: async ({ req }) => contextFor(await accounts.authenticate(req.headers.authorization), clientAddressOf(req, config.trustProxyHops)),
        isReady: () => answersWithin(database.sql`SELECT 1`, READINESS_TIMEOUT_MS),
        drain,
        schemaSdl: printSchema(schema),
        explorer: config.explorer ? createExplorer() : undefined,
        logger,
      }),
    );
    const webSockets = attachGraphQLWebSocket({
      httpServer,
      clientAddress: (request) => clientAddressOf(request, config.trustProxyHops),
      schema,
      authenticate: accounts.authenticate,
      context: contextFor,
      formatError,
      logger,
      maxBufferedBytes: config.wsMaxBufferedBytes,
      onSubscriptionExecution: options.onSubscriptionExecution,
    });
    await pubsub.subscribe(SESSIONS_ENDED_CHANNEL, (message) => webSockets.endSessions(JSON.parse(message) as string[]));
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, resolve);
    });
    const { port } = httpServer.address() as AddressInfo;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

    let stage = 'serving';
    return {
      url,
      sweepHolds: () => sweeper.tick(),
      indexSearch: () => indexer.drain(),
      async stop() {
        stage = 'closing WebSockets';
        const drained = drain.drain();
        await webSockets.close();
        stage = 'waiting for requests in flight';
        await drained;
        stage = 'closing the HTTP server';
        await new Promise((resolve) => httpServer.close(resolve));
        await apollo.stop();
        stage = 'closing background work and the database';
        await closeConnections();
        stage = 'stopped';
      },
      stillOpen: () => ({ stage, requests: drain.open(), webSockets: webSockets.openSockets }),
    };
  } catch (error) {
    await closeConnections();
    throw error;
  }
}

async function answersWithin(query: PromiseLike<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, ms, false)));
  try {
    return await Promise.race([Promise.resolve(query).then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
