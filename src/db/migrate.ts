import { fileURLToPath } from 'node:url';

import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { Logger, runMigrations as runQueueMigrations } from 'graphile-worker';
import postgres from 'postgres';

import { ConfigError } from '../config.js';
import { migrationLock } from './advisory-locks.js';

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

/**
 * Applies pending migrations from drizzle/, then the job queue's own
 * (graphile-worker's schema, src/jobs/queue.ts). Processes starting together
 * take turns on a session advisory lock, so each migration runs exactly once.
 * One connection, so the lock and the migrations share a session.
 * Refuses a database that is not UTF-8 (see below).
 */
export async function runMigrations(databaseUrl: string): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await refuseUnlessUtf8(sql);
    await sql`SELECT pg_advisory_lock(${migrationLock})`;
    await migrate(drizzle({ client: sql }), { migrationsFolder });
    await runQueueMigrations({ connectionString: databaseUrl, logger: silent });
  } finally {
    await sql.end(); // ending the session releases the lock
  }
}

/** graphile-worker's migrations log nothing worth a line. */
const silent = new Logger(() => () => {});

/**
 * Names, titles and searches hold any letter of any language; a database in
 * another encoding (SQL_ASCII is what initdb picks when LANG is unset) fails
 * at the first such letter, so it is refused at start instead, with the fix.
 */
async function refuseUnlessUtf8(sql: postgres.Sql): Promise<void> {
  const [{ database, encoding }] = await sql<[{ database: string; encoding: string }]>`
    SELECT current_database() AS database, pg_encoding_to_char(encoding) AS encoding FROM pg_database WHERE datname = current_database()`;
  if (encoding === 'UTF8') return;
  throw new ConfigError(
    `The database "${database}" uses the ${encoding} encoding; this API needs UTF8. ` +
      `Create a UTF-8 database (createdb --encoding=UTF8 --template=template0 ${database}) and point DATABASE_URL at it. ` +
      'On the embedded default, the data folder was made by an older version: move DATA_DIR aside (or delete it, losing its data) to have it made again as UTF-8.',
  );
}
