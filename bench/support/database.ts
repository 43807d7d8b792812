/**
 * A throwaway database for a benchmark: a fresh database on the server at
 * DATABASE_URL when set, otherwise on an embedded PostgreSQL started in a
 * temporary folder (as the tests' is). Everything is removed by the cleanups.
 */
import { randomBytes } from 'node:crypto';

import postgres from 'postgres';

import { withDatabase } from '../../test/support/global-setup.js';
import { startThrowawayPostgres } from '../../test/support/throwaway-postgres.js';
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
    const embedded = await startThrowawayPostgres(`bench-${name}`);
    cleanups.add(() => embedded.remove());
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
