/**
 * A throwaway database for a benchmark: a fresh database on the server at
 * DATABASE_URL when set, otherwise on an embedded PostgreSQL started in a
 * temporary folder. Everything is removed by the cleanups.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { startEmbeddedPostgres } from '../../src/db/embedded.js';
import { createLogger } from '../../src/logger.js';
import { freePort } from '../../test/support/free-port.js';
import { withDatabase } from '../../test/support/global-setup.js';
import type { Cleanups } from './cleanups.js';

export interface BenchDatabase {
  url: string;
  /** What the figures ran on, for the report. */
  postgres: { kind: string; version: string; host?: string };
}

export async function openBenchDatabase(name: string, cleanups: Cleanups): Promise<BenchDatabase> {
  let adminUrl: string;
  let kind: string;
  let host: string | undefined;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
    kind = 'external';
    host = `${new URL(adminUrl).hostname}:${new URL(adminUrl).port || '5432'}`;
  } else {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), `bench-${name}-`));
    cleanups.add(() => rm(dataDir, { recursive: true, force: true }));
    await chmod(dataDir, 0o755); // PostgreSQL may run as another user (see src/db/embedded.ts)
    const embedded = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'postgres'),
      port: await freePort(),
      database: 'postgres',
      persistent: false, // also fsync=off, synchronous_commit=off
      logger: createLogger('warn'),
    });
    cleanups.add(() => embedded.stop());
    adminUrl = embedded.url;
    kind = 'embedded (fsync=off)';
  }
  const database = `bench_${name.replace(/\W/g, '_')}_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  cleanups.add(() => admin.end());
  await admin.unsafe(`CREATE DATABASE ${database}`);
  cleanups.add(async () => void (await admin.unsafe(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)));
  const [{ server_version: version }] = await admin<[{ server_version: string }]>`SHOW server_version`;
  return { url: withDatabase(adminUrl, database), postgres: { kind, version, ...(host ? { host } : {}) } };
}
