/**
 * The composition root: builds the database, accounts, GraphQL, HTTP and
 * WebSocket layers from the configuration. Everything the app is made of is
 * wired here.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { printSchema } from 'graphql';
import { Redis } from 'ioredis';

import { createAccounts } from './accounts/accounts.js';
import type { DemoPasswords } from './accounts/demo-accounts.js';
import { AccountsFacade } from './accounts/facade.js';
import { createAccountLoaders } from './accounts/loaders.js';
import { createLoginLimits } from './accounts/login-limits.js';
import type { Viewer } from './accounts/policy.js';
import { type BookingOptions, createBooking } from './booking/booking.js';
import { CAPTURE_TASK, captureTask } from './booking/capture-job.js';
import { BookingFacade } from './booking/facade.js';
import { createBookingLoaders } from './booking/loaders.js';
import { createPaymentReconciler, type ReconcileReport } from './booking/payment-reconciler.js';
import { simulatedPaymentProvider } from './booking/payments/simulated.js';
import { createSweeper } from './booking/sweeper.js';
import { cacheHeaders } from './cache-headers.js';
import { CatalogFacade } from './catalog/facade.js';
import { createCatalogLoaders } from './catalog/loaders.js';
import type { UnsafeCheckInGuards } from './checkin/check-in.js';
import { CheckInFacade } from './checkin/facade.js';
import { clientAddressOf } from './client-address.js';
import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import type { Context } from './context.js';
import { openDatabase, ping } from './db/database.js';
import { seedDemoIfEmpty } from './db/seed/demo.js';
import { createExplorer } from './explorer.js';
import { guardContext, maskInternalErrors } from './format-error.js';
import { loadTypeDefs } from './graphql-schema.js';
import { createRequestListener } from './http.js';
import { createHttpDrain, type OpenRequest } from './http-drain.js';
import { createJobs } from './jobs/lifecycle.js';
import { createJobQueue } from './jobs/queue.js';
import { jobCounts } from './jobs/store.js';
import { withDeadlines } from './limits/deadline.js';
import { createDoor } from './limits/door.js';
import { createInputCheck, inputCheckPlugin } from './limits/input.js';
import { createQueryCost, queryCostPlugin } from './limits/query-cost.js';
import { noIntrospection, withoutSuggestions } from './limits/schema-details.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics } from './metrics/metrics.js';
import { metricsPlugin } from './metrics/plugin.js';
import { metricsRoute } from './metrics/route.js';
import { NotificationsFacade } from './notifications/facade.js';
import { createMailer } from './notifications/mail/transport.js';
import { createNotifier } from './notifications/notifier.js';
import { sendNotificationTask } from './notifications/send.js';
import { SEND_TASK } from './notifications/store.js';
import type { UnsafeEventGuards } from './organizer/events.js';
import { OrganizerFacade } from './organizer/facade.js';
import { createCancellationRefunds, queueRefundsWithoutJob, REFUND_TASK } from './organizer/refunds.js';
import { pendingCounts } from './outbox/store.js';
import { partnerBudgets } from './partners/budget-plugin.js';
import { chargeKey, memoryCostBuckets, redisCostBuckets } from './partners/budgets.js';
import { createDocumentCheck } from './partners/document-check.js';
import { createDocumentPolicy } from './partners/documents.js';
import { PartnersFacade } from './partners/facade.js';
import { apiKeyOf, bearerOf, createPartnerGate, type PartnerCaller } from './partners/gate.js';
import { partnerScopes, scopeRefusal } from './partners/scopes.js';
import { persistedQueries } from './persisted-queries.js';
import { PricingFacade } from './pricing/facade.js';
import { createRepricer, type RepriceReport } from './pricing/repricer.js';
import { memoryPubSub } from './pubsub/memory.js';
import type { PubSub } from './pubsub/pubsub.js';
import { redisPubSub } from './pubsub/redis.js';
import { rateLimitedStatus } from './rate-limits/http-status.js';
import { createRateLimits } from './rate-limits/limits.js';
import { memoryLimitStore, redisLimitStore } from './rate-limits/store.js';
import { requestIdPlugin } from './request-id.js';
import type { RequestScope } from './request-scope.js';
import { resolvers } from './resolvers/index.js';
import { searchBackendFor } from './search/backend.js';
import { memorySearchCache, redisSearchCache } from './search/cache.js';
import { cachedSearchIndex } from './search/cached-index.js';
import { SearchFacade } from './search/facade.js';
import { createIndexer } from './search/indexer.js';
import { indexerLoop } from './search/indexer-loop.js';
import { createSeatMapLog } from './seatmap/change-log.js';
import { SeatMapsFacade } from './seatmap/facade.js';
import { createLiveSeatMaps } from './seatmap/live.js';
import { createSeatMapCache } from './seatmap/seat-map-cache.js';
import { resolveSecret } from './secrets.js';
import { subscriptionsOverWebSocketOnly } from './subscriptions-over-http.js';
import { loadTrustedDocuments } from './trusted-documents.js';
import { parseOptions, validationRules } from './validation.js';
import { type RoomRound } from './waitingroom/admitter.js';
import { WaitingRoomsFacade } from './waitingroom/facade.js';
import { createWaitingRoomServices } from './waitingroom/services.js';
import { createWebApp } from './web-app.js';
import { attachGraphQLWebSocket } from './ws/endpoint.js';
import { openSubscriptions } from './ws/shared-subscriptions.js';

export interface ServerOptions {
  /** Defaults to a logger at the configured level. */
  logger?: Logger;
  /** The source of "now" for every request. Defaults to the system clock. */
  clock?: Clock;
  /** Called with the text of every SQL statement; tests count statements with it. */
  onQuery?: (statement: string) => void;
  /** Called at each execution of a subscription event (of a @shared field once per event and selection, not per subscriber); tests count them. */
  onSubscriptionExecution?: () => void;
  /** Test-only switches that turn booking's concurrency guards off, to prove the tests catch what they prevent. */
  unsafeBookingGuards?: Pick<BookingOptions, 'unsafeDisableSeatGuard' | 'unsafeDisableLimitLock' | 'unsafeDisableEventLock'>;
  /** Test-only switches that turn an event change's guards off (organizer/events.ts), to prove the tests catch what they prevent. */
  unsafeEventGuards?: UnsafeEventGuards;
  /** Test-only switches that turn the check-in's race guard off (checkin/check-in.ts), to prove the tests catch what it prevents. */
  unsafeCheckInGuards?: UnsafeCheckInGuards;
  /**
   * The passwords of the demo accounts when SEED_DEMO seeds them: by default the README's on the embedded
   * default (no DATABASE_URL) and generated ones (logged once) otherwise. Tests that follow the README choose 'published'.
   */
  demoPasswords?: DemoPasswords;
}

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:4000; GraphQL is at `${url}/graphql` (HTTP and WebSocket). */
  url: string;
  /** Sweeps expired holds now (when this process leads the sweeping); resolves to the number released. */
  sweepHolds(): Promise<number>;
  /** Reconciles payments with bookings now (when this process leads that); resolves to what it put right. */
  reconcilePayments(): Promise<ReconcileReport>;
  /** Reviews the DEMAND sections due now (when this process leads that); resolves to what it did. */
  repricePrices(): Promise<RepriceReport>;
  /** Takes the waiting catalog changes into the search index now; resolves to the outbox rows consumed. */
  indexSearch(): Promise<number>;
  /** Queues the e-mails the outbox's facts call for now; resolves to the facts taken in. */
  notify(): Promise<number>;
  /** Runs the queued jobs due now in this process until none is left (with JOB_CONCURRENCY=0, the only way they run here). */
  runJobs(): Promise<void>;
  /** Marks this process's queue workers alive and unlocks the jobs of dead ones now; resolves to the dead workers' ids. */
  heartbeatJobs(): Promise<string[]>;
  /** Runs the waiting rooms' admitter now (when this process leads that); resolves to what it did in each open room. */
  admitWaitingRooms(): Promise<RoomRound[]>;
  /** Pushes every changed queue pass to this process's queuePassChanged subscribers now. */
  pushQueuePasses(): Promise<void>;
  /**
   * Answers 503 to probes and new requests, closes WebSockets (1001), waits for
   * the requests in flight, then closes the HTTP server, stops the background
   * jobs, and closes the pools and the embedded PostgreSQL.
   */
  stop(): Promise<void>;
  /** What stop() is doing and still waits for; main.ts logs it when shutdown overruns its deadline. */
  stillOpen(): { stage: string; requests: OpenRequest[]; webSockets: number };
}

const READINESS_TIMEOUT_MS = 2_000;
/** Operation names labelled as themselves in the metrics: enough for every client's, few enough that made-up ones cannot swell the series. */
const MAX_OPERATION_NAMES = 200;
/** Where each process hears of sessions ended in any process, to close their sockets. */
const SESSIONS_ENDED_CHANNEL = 'sessions-ended';
/** Where each process hears of users whose role changed in any process, to read their sessions again. */
const ROLES_CHANGED_CHANNEL = 'roles-changed';
/** Where each process hears of partner API keys revoked in any process, to refuse them at once. */
const API_KEYS_REVOKED_CHANNEL = 'api-keys-revoked';

export async function startServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const database = await openDatabase(config, logger, options.onQuery, { statementTimeoutMs: config.databaseStatementTimeoutMs });
  const redis = config.redisUrl ? new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 }) : undefined;
  // ioredis reconnects by itself; say so in the log rather than on stderr.
  redis?.on('error', (error: Error) => logger.warn({ err: error }, 'Redis connection error; reconnecting'));
  // Background jobs are added as the server is composed, start once it listens, and stop (the last added first) before
  // what they use closes: also when start-up fails half-way.
  const jobs = createJobs();
  const metrics = config.metricsEnabled ? createMetrics({ maxOperationNames: MAX_OPERATION_NAMES }) : undefined;
  let pubsub: PubSub | undefined;
  let stopSeatMaps: (() => Promise<void>) | undefined;
  const closeConnections = async () => {
    await jobs.stop();
    await stopSeatMaps?.();
    await pubsub?.close();
    redis?.disconnect();
    await database.close();
  };
  try {
    await redis?.connect();
    pubsub = redis ? await redisPubSub({ redis, prefix: config.redisKeyPrefix }) : memoryPubSub();
    if (config.seedDemo) {
      if (config.databaseUrl)
        logger.warn('SEED_DEMO is on with an external database: an empty database gets the demo catalog and its accounts, an ADMIN among them');
      // On the background pool: the request pool's statement timeout would cut seeding (or the wait for another process's).
      await seedDemoIfEmpty(database.background, { logger, passwords: options.demoPasswords ?? (config.databaseUrl ? 'generated' : 'published') });
    }

    const { db, sql } = database;
    const limitStore = redis ? redisLimitStore(redis, config.redisKeyPrefix, logger) : memoryLimitStore();
    const rateLimits = createRateLimits(limitStore, config.rateLimits);
    const tokenSecret = new TextEncoder().encode(await resolveSecret(config, 'TOKEN_SECRET'));
    const ticketSecret = await resolveSecret(config, 'TICKET_SECRET');
    const accounts = createAccounts({
      sql,
      db,
      clock,
      tokenSecret,
      sessionLifetimeSeconds: config.sessionLifetimeSeconds,
      loginLimits: createLoginLimits(limitStore, config.rateLimits),
      sessionCacheMs: config.sessionCacheMs,
      // Every process closes the sockets it has of these sessions and forgets them; if the news is lost, they are refused
      // within SESSION_CACHE_MS (a socket at its next operation after that).
      onSessionsEnded: (sessionIds) =>
        void pubsub!.publish(SESSIONS_ENDED_CHANNEL, JSON.stringify(sessionIds)).catch((error: unknown) => {
          logger.warn({ err: error }, 'could not announce ended sessions; other processes refuse them within SESSION_CACHE_MS');
        }),
      onRolesChanged: (userIds) =>
        void pubsub!.publish(ROLES_CHANGED_CHANNEL, JSON.stringify(userIds)).catch((error: unknown) => {
          logger.warn({ err: error }, 'could not announce changed roles; other processes apply them within SESSION_CACHE_MS');
        }),
    });
    const seatMaps = createLiveSeatMaps({
      pubsub,
      sql: database.background,
      logger,
      windowMs: config.seatMapWindowMs,
      reconcileIntervalMs: config.seatMapReconcileIntervalMs,
      signals: metrics?.seatMaps,
    });
    stopSeatMaps = () => seatMaps.close();
    jobs.add(seatMaps.reconciliation);
    const seatMapCache = createSeatMapCache({ maxAgeMs: config.seatMapCacheMs, clock });
    const seatMapLog = createSeatMapLog({ sql, keepVersions: config.seatMapLogVersions, committed: seatMaps.publish });
    const payments = simulatedPaymentProvider(sql, clock);
    const booking = createBooking({
      sql,
      clock,
      logger,
      payments,
      cancellationCutoffMs: config.cancellationCutoffMs,
      seatMapLog,
      seatMapInMemory: seatMapCache.inMemory,
      idempotency: { abandonedAfterMs: config.idempotencyAbandonedAfterMs },
      signals: metrics?.booking,
      ...options.unsafeBookingGuards,
    });
    const reconciler = jobs.add(
      createPaymentReconciler({
        sql,
        clock,
        logger,
        payments,
        graceMs: config.paymentReconcileGraceMs,
        intervalMs: config.paymentReconcileIntervalMs,
        signals: metrics?.jobs,
      }),
    );
    const sweeper = jobs.add(
      createSweeper({ sql, clock, logger, idempotency: booking.idempotency, intervalMs: config.holdSweepIntervalMs, seatMapLog, signals: metrics?.jobs }),
    );
    const refunds = createCancellationRefunds({ sql, clock, logger, payments, seatMapLog, perSecond: config.cancellationRefundsPerSecond });
    const partnerGate = createPartnerGate({ sql, clock, logger, limits: limitStore, usageFlushMs: config.partnerUsageFlushMs, signals: metrics?.jobs });
    jobs.add(partnerGate.job);
    const waitingRooms = createWaitingRoomServices({
      sql,
      redis,
      redisKeyPrefix: config.redisKeyPrefix,
      pubsub,
      clock,
      logger,
      secret: tokenSecret,
      admitIntervalMs: config.waitingRoomAdmitIntervalMs,
      updateIntervalMs: config.waitingRoomUpdateIntervalMs,
      targetP99Ms: config.waitingRoomTargetP99Ms,
      signals: metrics?.jobs,
    });
    jobs.add(waitingRooms.admitter);
    const repricer = jobs.add(
      createRepricer({
        sql,
        clock,
        logger,
        seatMapLog,
        admitting: waitingRooms.rooms.admitting,
        intervalMs: config.pricingReviewIntervalMs,
        unsafeSplitPriceChange: options.unsafeEventGuards?.unsafeSplitPriceChange,
        signals: metrics?.jobs,
      }),
    );
    jobs.add(waitingRooms.feeds.job);
    jobs.add(waitingRooms.latencySharing);

    const searchBackend = searchBackendFor(config, sql);
    const cacheOptions = { ttlMs: config.searchCacheTtlMs, maxEntries: config.searchCacheEntries };
    const searchCache =
      config.searchCacheTtlMs === 0 ? undefined : redis ? redisSearchCache(redis, config.redisKeyPrefix, cacheOptions) : memorySearchCache(cacheOptions);
    const search = searchCache ? cachedSearchIndex(searchBackend, searchCache, logger) : searchBackend;
    const indexer = createIndexer({
      sql,
      index: searchBackend,
      clock,
      logger,
      onIndexed: async () =>
        searchCache
          ?.bumpVersion()
          .catch((error: unknown) => logger.warn({ err: error }, 'could not bump the search index version; cached answers live out their TTL')),
    });
    const indexing = jobs.add(indexerLoop({ indexer, logger, intervalMs: config.searchIndexIntervalMs, signals: metrics?.jobs }));

    const mailer = createMailer({ smtpUrl: config.smtpUrl, outboxDir: path.join(config.dataDir, 'mail'), logger });
    jobs.add({ start() {}, stop: async () => mailer.close() }); // after the queue has stopped sending
    const site = { publicUrl: config.publicUrl, from: config.mailFrom };
    const drain = createHttpDrain();
    const door = createDoor(config.maxConcurrentRequests || Infinity);
    // In a rush the buyers come first: e-mails wait, neither queued nor sent (refunds and captures do not wait).
    const rush = () => config.emailPauseAtRequests > 0 && drain.inFlight >= config.emailPauseAtRequests;
    const notifier = jobs.add(createNotifier({ sql, clock, logger, intervalMs: config.notifyIntervalMs, paused: rush, signals: metrics?.jobs }));
    const queue = jobs.add(
      createJobQueue({
        databaseUrl: database.url,
        sql,
        clock,
        logger,
        concurrency: config.jobConcurrency,
        pauseDeferrable: rush,
        tasks: {
          [SEND_TASK]: sendNotificationTask({ sql, mailer, site, ticketSecret, clock, logger }),
          [CAPTURE_TASK]: captureTask({ sql, payments, clock }),
          [REFUND_TASK]: refunds.task,
        },
        signals: metrics?.jobs,
      }),
    );
    jobs.add(refunds); // stopped before the queue, so that the queue's shutdown does not wait for the refunds under way
    // Cancellations made before their refunds were jobs get theirs.
    const orphans = await queueRefundsWithoutJob(sql);
    if (orphans.length > 0) logger.info({ eventIds: orphans }, 'queued the refunds of cancellations under way');
    // What each domain needs for every request; its facade adds the request's viewer, address, clock and loaders.
    const services = {
      accounts: { accounts, deletion: accounts.deletion(seatMapLog), rateLimits },
      booking: { booking, sql, rateLimits, gate: waitingRooms.rooms.gate },
      catalog: { sql },
      checkin: { sql, db, ticketSecret, unsafeCheckInGuards: options.unsafeCheckInGuards },
      notifications: { sql },
      organizer: {
        sql,
        logger,
        seatMapLog,
        endSeatMaps: seatMaps.end,
        unsafeEventGuards: options.unsafeEventGuards,
      },
      partners: {
        sql,
        checkDocument: (text: string) => checkDocument(text),
        // This process forgets the keys at once (its next request must not wait for the broker's echo), then every
        // process does; should the news be lost, a process's cached reading of a key lasts 30 s at most.
        revoked: (keyIds: readonly number[]) => {
          partnerGate.revoked(keyIds);
          void pubsub!.publish(API_KEYS_REVOKED_CHANNEL, JSON.stringify(keyIds)).catch((error: unknown) => {
            logger.warn({ err: error }, 'could not announce revoked API keys; other processes refuse them within 30 s');
          });
        },
      },
      pricing: { sql, seatMapLog, maxCeilingMultiple: config.pricingMaxCeilingMultiple, admitting: waitingRooms.rooms.admitting },
      seatMaps: { db, live: seatMaps, cache: seatMapCache },
      waitingRooms: { rooms: waitingRooms.rooms, feeds: waitingRooms.feeds, rateLimits },
    };
    const contextFor = (viewer: Viewer | null, clientAddress: string, signal?: AbortSignal, partner: PartnerCaller | null = null): Context => {
      const scope: RequestScope = {
        viewer,
        clientAddress,
        clock,
        loaders: { ...createCatalogLoaders(db, sql, clock), ...createAccountLoaders(sql), ...createBookingLoaders(db, clock) },
      };
      const seatMapsOfRequest = new SeatMapsFacade(services.seatMaps, scope);
      return {
        accounts: new AccountsFacade(services.accounts, scope),
        booking: new BookingFacade(services.booking, scope),
        catalog: new CatalogFacade(services.catalog, scope, seatMapsOfRequest),
        checkin: new CheckInFacade(services.checkin, scope),
        notifications: new NotificationsFacade(services.notifications, scope),
        organizer: new OrganizerFacade(services.organizer, scope),
        partners: new PartnersFacade(services.partners, scope),
        partner,
        pricing: new PricingFacade(services.pricing, scope),
        search: new SearchFacade(search, scope),
        seatMaps: seatMapsOfRequest,
        waitingRooms: new WaitingRoomsFacade(services.waitingRooms, scope),
        signal,
      };
    };

    const schema = makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers: withDeadlines(resolvers) as never });
    // GRAPHQL_INTROSPECTION off: one rule refuses it over HTTP and WebSocket alike (Apollo's own would only cover HTTP).
    const ownRules = config.introspection ? [] : [noIntrospection];
    const queryCost = createQueryCost(schema, config.maxQueryCost);
    const checkDocument = createDocumentCheck(schema, ownRules, queryCost);
    const costBuckets = redis ? redisCostBuckets(redis, config.redisKeyPrefix, clock) : memoryCostBuckets(clock);
    const masked = maskInternalErrors(logger, database.health);
    const formatError = config.suggestions ? masked : withoutSuggestions(masked);
    const httpServer = createServer();
    const trusted = loadTrustedDocuments();
    const documentPolicy = createDocumentPolicy({ mode: config.trustedDocuments, trusted, sql });
    const persisted = persistedQueries({
      redis,
      redisKeyPrefix: config.redisKeyPrefix,
      ttlSeconds: config.persistedQueriesTtlSeconds,
      maxBytes: config.persistedQueriesCacheBytes,
      trusted,
      logger,
    });
    const apollo = new ApolloServer<Context>({
      schema,
      introspection: true,
      hideSchemaDetailsFromClientErrors: !config.suggestions,
      includeStacktraceInErrorResponses: false,
      formatError,
      validationRules: [...validationRules, ...ownRules],
      parseOptions,
      stopOnTerminationSignals: false, // main.ts owns signals and the order of shutdown
      persistedQueries: persisted,
      // Cache headers from the schema's @cacheControl hints, for anonymous GETs only (cache-headers.ts).
      // Apollo's landing page loads Sandbox from a CDN; browsers get our own explorer.ts instead.
      // In this order: a subscription is refused as such, bad input before pricing it (which coerces the variables).
      plugins: [
        cacheHeaders(),
        ApolloServerPluginLandingPageDisabled(),
        rateLimitedStatus(),
        partnerScopes(),
        requestIdPlugin(),
        ...(metrics ? [metricsPlugin(metrics)] : []),
        subscriptionsOverWebSocketOnly(),
        inputCheckPlugin(createInputCheck(schema)),
        queryCostPlugin(queryCost),
        partnerBudgets(costBuckets, queryCost),
      ],
    });
    await apollo.start();

    const webApp = config.webApp ? createWebApp() : undefined;
    if (config.webApp && !webApp) logger.warn('the fan web app is not built (web/dist): `/` shows the API only; run `npm run build:web` and start again');
    httpServer.on(
      'request',
      createRequestListener<Context>({
        apollo,
        // Refused at once (503) while the database is unreachable; its failures are masked as resolvers' are.
        // A partner's key (x-api-key, or authorization: ApiKey) may come beside a fan's bearer token.
        context: guardContext(logger, database.health, async ({ req, signal }) => {
          const partner = await partnerGate.callerOf(apiKeyOf(req.headers));
          if (partner) await partnerGate.admit(partner);
          return contextFor(await accounts.authenticate(bearerOf(req.headers)), clientAddressOf(req, config.trustProxyHops), signal, partner);
        }),
        requestTimeoutMs: config.requestTimeoutMs,
        door,
        isReady: async () => database.health.available() && answersWithin(ping(database.sql), READINESS_TIMEOUT_MS),
        drain,
        schemaSdl: config.introspection ? printSchema(schema) : undefined,
        explorer: config.explorer ? createExplorer() : undefined,
        webApp,
        metrics: metrics && metricsRoute(metrics, config.metricsToken, logger),
        // A bad key is not this check's to refuse: the request's context answers it with 401.
        documentPolicy: async (headers, request) => documentPolicy(await partnerGate.callerOf(apiKeyOf(headers)).catch(() => null), request),
        logger,
      }),
    );
    const webSockets = attachGraphQLWebSocket<Context, PartnerCaller>({
      httpServer,
      clientAddress: (request) => clientAddressOf(request, config.trustProxyHops),
      schema,
      authenticate: accounts.authenticate,
      context: contextFor,
      formatError,
      available: database.health.available,
      logger,
      maxBufferedBytes: config.wsMaxBufferedBytes,
      queryCost,
      validationRules: ownRules,
      requestTimeoutMs: config.requestTimeoutMs,
      maxSubscriptionsPerSocket: config.maxSubscriptionsPerSocket,
      maxSocketsPerAddress: config.maxSocketsPerAddress,
      onSubscriptionExecution: options.onSubscriptionExecution,
      apiKeys: {
        keyOf: apiKeyOf,
        callerOf: partnerGate.callerOf,
        admit: partnerGate.admit,
        refusal: scopeRefusal,
        charge: (caller, points) => chargeKey(costBuckets, caller, points),
      },
      documents: { policy: documentPolicy, byHash: (hash) => persisted.cache.get(hash) },
      onError: metrics && ((code) => metrics.error(code)),
    });
    metrics?.follow({
      webSockets: () => webSockets.openSockets,
      httpRequests: () => door,
      subscriptions: () => openSubscriptions(schema),
      waitingRoomFans: () => waitingRooms.feeds.fans(),
      databasePools: () => database.pools(),
      outboxPending: () => pendingCounts(sql),
      queueJobs: () => jobCounts(sql),
    });
    await pubsub.subscribe(SESSIONS_ENDED_CHANNEL, (message) => {
      const sessionIds = JSON.parse(message) as string[];
      accounts.sessionCache.forgetSessions(sessionIds);
      webSockets.endSessions(sessionIds);
    });
    await pubsub.subscribe(ROLES_CHANGED_CHANNEL, (message) => accounts.sessionCache.forgetUsers(JSON.parse(message) as number[]));
    // News published while the broker was away is lost: every session is read again.
    pubsub.onReconnect(accounts.sessionCache.forgetAll);
    await pubsub.subscribe(API_KEYS_REVOKED_CHANNEL, (message) => {
      const keyIds = JSON.parse(message) as number[];
      partnerGate.revoked(keyIds);
      webSockets.endApiKeys(keyIds);
    });
    await waitingRooms.followAdmitter();
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, resolve);
    });
    const { port } = httpServer.address() as AddressInfo;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    jobs.start();

    let stage = 'serving';
    return {
      url,
      sweepHolds: () => sweeper.tick(),
      reconcilePayments: () => reconciler.tick(),
      repricePrices: () => repricer.tick(),
      indexSearch: () => indexing.tick(),
      notify: () => notifier.tick(),
      runJobs: () => queue.runDue(),
      heartbeatJobs: () => queue.heartbeat(),
      admitWaitingRooms: () => waitingRooms.admitter.tick(),
      pushQueuePasses: () => waitingRooms.feeds.job.tick(),
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
    return await Promise.race([
      Promise.resolve(query).then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
