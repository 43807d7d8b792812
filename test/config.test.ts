import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveTokenSecret } from '../src/accounts/token-secret.js';
import { ConfigError, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('has defaults that run the embedded database', () => {
    expect(loadConfig({})).toMatchObject({ host: '127.0.0.1', port: 4000, databaseUrl: undefined, dataDir: path.resolve('.data'), seedDemo: true });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080', HOST: '0.0.0.0', DATABASE_URL: 'postgres://u:p@db:5432/app', REDIS_URL: 'redis://cache:6379', LOG_LEVEL: 'debug',
      DATA_DIR: '/var/lib/app', EMBEDDED_POSTGRES_PORT: '6000', SEED_DEMO: 'false', DATABASE_POOL_SIZE: '30', SHUTDOWN_TIMEOUT_MS: '500',
      TOKEN_SECRET: 'x'.repeat(40), SESSION_LIFETIME_SECONDS: '3600', REDIS_KEY_PREFIX: 'app1:', CANCELLATION_CUTOFF_HOURS: '1.5',
      HOLD_SWEEP_INTERVAL_MS: '0',
    });
    expect(config).toEqual({
      host: '0.0.0.0', port: 8080, databaseUrl: 'postgres://u:p@db:5432/app', databasePoolSize: 30, redisUrl: 'redis://cache:6379', logLevel: 'debug',
      dataDir: '/var/lib/app', embeddedPostgresPort: 6000, seedDemo: false, shutdownTimeoutMs: 500,
      tokenSecret: 'x'.repeat(40), sessionLifetimeSeconds: 3600, redisKeyPrefix: 'app1:', cancellationCutoffMs: 5_400_000, holdSweepIntervalMs: 0,
    });
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
    expect(() => loadConfig({ CANCELLATION_CUTOFF_HOURS: '-1', HOLD_SWEEP_INTERVAL_MS: 'often' })).toThrow(
      /CANCELLATION_CUTOFF_HOURS="-1": expected 0 or more hours\n  HOLD_SWEEP_INTERVAL_MS="often": expected milliseconds/,
    );
  });

  it('needs a shared token secret with an external database, and never echoes secrets', async () => {
    await expect(resolveTokenSecret(loadConfig({ DATABASE_URL: 'postgres://u:p@db/app' }))).rejects.toThrow(
      /TOKEN_SECRET \(unset\): required when DATABASE_URL is set/,
    );
    const attempt = () => loadConfig({ TOKEN_SECRET: 'hunter2-too-short' });
    expect(attempt).toThrow(/TOKEN_SECRET \(value hidden\): expected at least 32 characters/);
    expect(attempt).not.toThrow(/hunter2/);
  });
});
