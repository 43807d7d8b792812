/**
 * One PostgreSQL for the whole run: the server at DATABASE_URL when set,
 * otherwise a throwaway embedded cluster. Either way the run works in
 * databases of its own: a migrated template, and one clone per test file
 * (test/support/database.ts), all dropped at the end. The web app the servers
 * serve is built first when its sources changed since its last build.
 */
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';

import { runMigrations } from '../../src/db/migrate.js';
import { startThrowawayPostgres } from './throwaway-postgres.js';
import { buildWebAppIfStale } from './web-build.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the maintenance database of the test server; test files create their databases through it. */
    adminUrl: string;
    /** A migrated, empty database to clone. */
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  buildWebAppIfStale();
  const runId = `${Date.now().toString(36)}_${process.pid}`;
  const templateDatabase = `test_${runId}_template`;
  let adminUrl: string;
  let stopServer = async () => {};

  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    const embedded = await startThrowawayPostgres('ticketing-test');
    adminUrl = embedded.url;
    stopServer = () => embedded.remove();
  }

  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${templateDatabase}`);
  await runMigrations(withDatabase(adminUrl, templateDatabase));
  project.provide('adminUrl', adminUrl);
  project.provide('templateDatabase', templateDatabase);

  return async () => {
    const leftovers = await admin<{ datname: string }[]>`
      SELECT datname FROM pg_database WHERE datname LIKE ${`test_${runId}_%`}`;
    for (const { datname } of leftovers) await admin.unsafe(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.end();
    await stopServer();
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
