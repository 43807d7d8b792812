import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { ConfigError, loadConfig } from '../src/config.js';
import { resolveSecret } from '../src/secrets.js';

describe('configuration', () => {
  it('has defaults that run the embedded database', () => {
    expect(loadConfig({})).toMatchObject({ host: '127.0.0.1', port: 4000, databaseUrl: undefined, dataDir: path.resolve('.data'), seedDemo: true });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u:p@db:5432/app',
      REDIS_URL: 'redis://cache:6379',
      LOG_LEVEL: 'debug',
      DATA_DIR: '/var/lib/app',
      EMBEDDED_POSTGRES_PORT: '6000',
      SEED_DEMO: 'false',
      DATABASE_POOL_SIZE: '30',
      SHUTDOWN_TIMEOUT_MS: '500',
      TOKEN_SECRET: 'x'.repeat(40),
      SESSION_LIFETIME_SECONDS: '3600',
      SESSION_CACHE_MS: '0',
      REDIS_KEY_PREFIX: 'app1:',
      CANCELLATION_CUTOFF_HOURS: '1.5',
      TRUST_PROXY_HOPS: '2',
      HOLD_SWEEP_INTERVAL_MS: '0',
      SEAT_MAP_WINDOW_MS: '50',
      SEAT_MAP_RECONCILE_INTERVAL_MS: '2000',
      SEAT_MAP_LOG_VERSIONS: '10',
      SEAT_MAP_CACHE_MS: '0',
      WS_MAX_BUFFERED_BYTES: '1024',
      MAX_SUBSCRIPTIONS_PER_SOCKET: '7',
      MAX_SOCKETS_PER_ADDRESS: '8',
      DATABASE_STATEMENT_TIMEOUT_MS: '0',
      REQUEST_TIMEOUT_MS: '2500',
      MAX_CONCURRENT_REQUESTS: '16',
      MAX_QUERY_COST: '900',
      TYPESENSE_URL: 'http://search:8108',
      TYPESENSE_API_KEY: 'k',
      TYPESENSE_COLLECTION: 'events_v2',
      SEARCH_INDEX_INTERVAL_MS: '250',
      SEARCH_CACHE_TTL_SECONDS: '0',
      SEARCH_CACHE_ENTRIES: '500',
      PERSISTED_QUERIES_TTL_SECONDS: '3600',
      PERSISTED_QUERIES_CACHE_BYTES: '65536',
      TRUSTED_DOCUMENTS: 'all',
      IDEMPOTENCY_ABANDONED_AFTER_MS: '5000',
      PAYMENT_RECONCILE_GRACE_MS: '0',
      PAYMENT_RECONCILE_INTERVAL_MS: '30000',
      CANCELLATION_REFUNDS_PER_SECOND: '2.5',
      PRICING_REVIEW_INTERVAL_MS: '10000',
      PRICING_MAX_CEILING_MULTIPLE: '3',
      PARTNER_USAGE_FLUSH_MS: '2000',
      TICKET_SECRET: 'y'.repeat(40),
      SMTP_URL: 'smtps://mailer:pw@mail.example.com:465',
      MAIL_FROM: 'Box Office <box@example.com>',
      PUBLIC_URL: 'https://tickets.example.com/',
      NOTIFY_INTERVAL_MS: '0',
      EMAIL_PAUSE_AT_REQUESTS: '5',
      JOB_CONCURRENCY: '0',
      WAITING_ROOM_ADMIT_INTERVAL_MS: '0',
      WAITING_ROOM_UPDATE_INTERVAL_MS: '500',
      WAITING_ROOM_TARGET_P99_MS: '150',
      GRAPHQL_EXPLORER: 'false',
      WEB_APP: 'false',
      GRAPHQL_INTROSPECTION: 'false',
      GRAPHQL_SUGGESTIONS: 'false',
      METRICS_ENABLED: 'false',
      METRICS_TOKEN: 'a-token-of-enough-length',
      RATE_LIMIT_SIGN_UPS_PER_ADDRESS: '1',
      RATE_LIMIT_RESERVES_PER_USER: '2',
      RATE_LIMIT_RESERVES_PER_ADDRESS: '3',
      RATE_LIMIT_RELEASES_PER_USER: '4',
      RATE_LIMIT_RELEASES_PER_ADDRESS: '5',
      RATE_LIMIT_RELEASES_PER_USER_PER_EVENT: '6',
      RATE_LIMIT_JOINS_PER_ADDRESS: '10',
      RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS: '7',
      RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS: '0',
      RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT: '9',
    });
    expect(config).toEqual({
      host: '0.0.0.0',
      port: 8080,
      databaseUrl: 'postgres://u:p@db:5432/app',
      databasePoolSize: 30,
      redisUrl: 'redis://cache:6379',
      logLevel: 'debug',
      dataDir: '/var/lib/app',
      embeddedPostgresPort: 6000,
      seedDemo: false,
      shutdownTimeoutMs: 500,
      tokenSecret: 'x'.repeat(40),
      sessionLifetimeSeconds: 3600,
      sessionCacheMs: 0,
      ticketSecret: 'y'.repeat(40),
      smtpUrl: 'smtps://mailer:pw@mail.example.com:465',
      mailFrom: 'Box Office <box@example.com>',
      publicUrl: 'https://tickets.example.com',
      notifyIntervalMs: 0,
      emailPauseAtRequests: 5,
      jobConcurrency: 0,
      redisKeyPrefix: 'app1:',
      trustProxyHops: 2,
      cancellationCutoffMs: 5_400_000,
      holdSweepIntervalMs: 0,
      seatMapWindowMs: 50,
      seatMapReconcileIntervalMs: 2000,
      waitingRoomAdmitIntervalMs: 0,
      waitingRoomUpdateIntervalMs: 500,
      waitingRoomTargetP99Ms: 150,
      seatMapLogVersions: 10,
      seatMapCacheMs: 0,
      wsMaxBufferedBytes: 1024,
      maxSubscriptionsPerSocket: 7,
      maxSocketsPerAddress: 8,
      databaseStatementTimeoutMs: 0,
      requestTimeoutMs: 2500,
      maxConcurrentRequests: 16,
      maxQueryCost: 900,
      typesense: { url: 'http://search:8108', apiKey: 'k', collection: 'events_v2' },
      searchIndexIntervalMs: 250,
      searchCacheTtlMs: 0,
      searchCacheEntries: 500,
      persistedQueriesTtlSeconds: 3600,
      persistedQueriesCacheBytes: 65536,
      trustedDocuments: 'all',
      idempotencyAbandonedAfterMs: 5000,
      paymentReconcileGraceMs: 0,
      paymentReconcileIntervalMs: 30000,
      cancellationRefundsPerSecond: 2.5,
      pricingReviewIntervalMs: 10_000,
      pricingMaxCeilingMultiple: 3,
      partnerUsageFlushMs: 2_000,
      explorer: false,
      webApp: false,
      introspection: false,
      suggestions: false,
      metricsEnabled: false,
      metricsToken: 'a-token-of-enough-length',
      rateLimits: {
        signUpsPerAddress: 1,
        reservesPerUser: 2,
        reservesPerAddress: 3,
        releasesPerUser: 4,
        releasesPerAddress: 5,
        releasesPerUserPerEvent: 6,
        joinsPerAddress: 10,
        loginFailuresPerAccountAndAddress: 7,
        loginFailuresPerAddress: 0,
        loginFailuresPerAccount: 9,
      },
    });
  });

  it('seeds the demo (an ADMIN among its accounts) by default only on the embedded default', () => {
    expect(loadConfig({}).seedDemo).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/app' }).seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/app', NODE_ENV: 'production' }).seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/app', SEED_DEMO: 'true' }).seedDemo).toBe(true);
    expect(loadConfig({ SEED_DEMO: 'false' }).seedDemo).toBe(false);
  });

  it('serves the explorer by default, except with NODE_ENV=production', () => {
    expect(loadConfig({}).explorer).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development' }).explorer).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).explorer).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', GRAPHQL_EXPLORER: 'true' }).explorer).toBe(true);
    expect(loadConfig({ GRAPHQL_EXPLORER: '0' }).explorer).toBe(false);
    expect(() => loadConfig({ GRAPHQL_EXPLORER: 'off' })).toThrow(/GRAPHQL_EXPLORER="off": expected true or false/);
  });

  it('serves metrics by default except with NODE_ENV=production, and checks their token', () => {
    expect(loadConfig({})).toMatchObject({ metricsEnabled: true, metricsToken: undefined });
    expect(loadConfig({ NODE_ENV: 'production' }).metricsEnabled).toBe(false);
    const token = 'a-token-of-enough-length';
    expect(loadConfig({ NODE_ENV: 'production', METRICS_ENABLED: 'true', METRICS_TOKEN: token })).toMatchObject({ metricsEnabled: true, metricsToken: token });
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN \(value hidden\): expected at least 16 characters/);
  });

  it('answers introspection unless told not to, and suggests names in errors except with NODE_ENV=production', () => {
    expect(loadConfig({})).toMatchObject({ introspection: true, suggestions: true });
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ introspection: true, suggestions: false });
    expect(loadConfig({ NODE_ENV: 'production', GRAPHQL_SUGGESTIONS: 'true', GRAPHQL_INTROSPECTION: 'false' })).toMatchObject({
      introspection: false,
      suggestions: true,
    });
    expect(() => loadConfig({ GRAPHQL_INTROSPECTION: 'no' })).toThrow(/GRAPHQL_INTROSPECTION="no": expected true or false/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({ databaseUrl: undefined, port: 4000 });
  });

  it('names every bad variable and what it expects', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://db/app', SEED_DEMO: 'yes', DATABASE_POOL_SIZE: '0' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT="eighty": expected a port number/);
    expect(attempt).toThrow(/DATABASE_URL \(value hidden\): expected a URL such as postgres:\/\//);
    expect(attempt).toThrow(/SEED_DEMO="yes": expected true or false/);
    expect(attempt).toThrow(/DATABASE_POOL_SIZE="0": expected a number above 0/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT="70000": expected a port number \(0-65535\)/);
    expect(() => loadConfig({ SEAT_MAP_WINDOW_MS: '0', SEAT_MAP_RECONCILE_INTERVAL_MS: '3000000000' })).toThrow(
      /SEAT_MAP_WINDOW_MS="0": expected a number above 0\n  SEAT_MAP_RECONCILE_INTERVAL_MS="3000000000": expected at most 2147483647 ms/,
    );
    expect(() => loadConfig({ CANCELLATION_CUTOFF_HOURS: '-1', HOLD_SWEEP_INTERVAL_MS: 'often' })).toThrow(
      /CANCELLATION_CUTOFF_HOURS="-1": expected 0 or more hours\n  HOLD_SWEEP_INTERVAL_MS="often": expected milliseconds/,
    );
    expect(() => loadConfig({ CANCELLATION_REFUNDS_PER_SECOND: '0' })).toThrow(/CANCELLATION_REFUNDS_PER_SECOND="0": expected a rate above 0/);
    expect(loadConfig({})).toMatchObject({ cancellationRefundsPerSecond: 25 });
    expect(() => loadConfig({ PRICING_REVIEW_INTERVAL_MS: '-1', PRICING_MAX_CEILING_MULTIPLE: '0.5' })).toThrow(
      /PRICING_REVIEW_INTERVAL_MS="-1": expected 0 or more\n  PRICING_MAX_CEILING_MULTIPLE="0.5": expected a whole number/,
    );
    expect(loadConfig({})).toMatchObject({ pricingReviewIntervalMs: 5_000, pricingMaxCeilingMultiple: 4 });
    expect(() => loadConfig({ PERSISTED_QUERIES_TTL_SECONDS: '0', PERSISTED_QUERIES_CACHE_BYTES: '1000' })).toThrow(
      /PERSISTED_QUERIES_TTL_SECONDS="0": expected a number above 0\n  PERSISTED_QUERIES_CACHE_BYTES="1000": expected at least 32768 bytes/,
    );
    expect(loadConfig({})).toMatchObject({ persistedQueriesTtlSeconds: 86_400, persistedQueriesCacheBytes: 8_388_608 });
    expect(() => loadConfig({ TRUSTED_DOCUMENTS: 'some' })).toThrow(/TRUSTED_DOCUMENTS="some": expected off, partners or all/);
    expect(loadConfig({})).toMatchObject({ trustedDocuments: 'partners' });
    expect(() => loadConfig({ MAX_CONCURRENT_REQUESTS: '-1' })).toThrow(/MAX_CONCURRENT_REQUESTS="-1": expected 0 or more/);
    expect(() => loadConfig({ MAX_CONCURRENT_REQUESTS: 'many' })).toThrow(/MAX_CONCURRENT_REQUESTS="many": expected a whole number/);
    expect(loadConfig({})).toMatchObject({ maxConcurrentRequests: 64 });
    expect(loadConfig({ MAX_CONCURRENT_REQUESTS: '0' })).toMatchObject({ maxConcurrentRequests: 0 });
  });

  it('searches on PostgreSQL by default, and needs an API key with Typesense', () => {
    expect(loadConfig({})).toMatchObject({ typesense: undefined, searchIndexIntervalMs: 1000, searchCacheTtlMs: 60_000, searchCacheEntries: 10_000 });
    expect(() => loadConfig({ TYPESENSE_URL: 'http://search:8108' })).toThrow(/TYPESENSE_API_KEY \(unset\): required when TYPESENSE_URL is set/);
    const attempt = () => loadConfig({ TYPESENSE_URL: 'ftp://search', TYPESENSE_API_KEY: 'secret-key', SEARCH_INDEX_INTERVAL_MS: '-1' });
    expect(attempt).toThrow(/TYPESENSE_URL="ftp:\/\/search": expected a URL such as http:\/\/typesense.internal:8108/);
    expect(attempt).toThrow(/SEARCH_INDEX_INTERVAL_MS="-1": expected 0 or more/);
    expect(() => loadConfig({ TYPESENSE_URL: 'http://search', TYPESENSE_API_KEY: 'secret-key', TYPESENSE_COLLECTION: 'a b' })).toThrow(
      /TYPESENSE_COLLECTION="a b": expected letters, digits, - and _/,
    );
  });

  it('needs shared token and ticket secrets with an external database, and never echoes secrets', async () => {
    const external = loadConfig({ DATABASE_URL: 'postgres://u:p@db/app' });
    await expect(resolveSecret(external, 'TOKEN_SECRET')).rejects.toThrow(/TOKEN_SECRET \(unset\): required when DATABASE_URL is set/);
    await expect(resolveSecret(external, 'TICKET_SECRET')).rejects.toThrow(/TICKET_SECRET \(unset\): required when DATABASE_URL is set/);
    for (const name of ['TOKEN_SECRET', 'TICKET_SECRET']) {
      const attempt = () => loadConfig({ [name]: 'hunter2-too-short' });
      expect(attempt).toThrow(new RegExp(`${name} \\(value hidden\\): expected at least 32 characters`));
      expect(attempt).not.toThrow(/hunter2/);
    }
    const smtp = () => loadConfig({ SMTP_URL: 'smtp://mailer:hunter2@mail.example.com:587', PUBLIC_URL: 'ftp://x' });
    expect(smtp).toThrow(/PUBLIC_URL="ftp:\/\/x": expected a URL such as https:\/\/tickets.example.com/);
    expect(smtp).not.toThrow(/hunter2/);
    expect(() => loadConfig({ SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL \(value hidden\): expected a URL such as smtp:\/\//);
  });
});
