import path from 'node:path';

import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { type DatabaseHealth, watchDatabase } from './availability.js';
import { connect, countReserved, type Db, type Sql } from './client.js';
import { startEmbeddedPostgres } from './embedded.js';
import { runMigrations } from './migrate.js';

export interface Database {
  sql: Sql;
  db: Db;
  /**
   * A small pool of its own for background reads that must not queue behind
   * requests when the request pool is busy: the live seat-map feeds; and for
   * seeding the demo at start, which the request pool's statement timeout
   * would cut.
   */
  background: Sql;
  /** Where it is (DATABASE_URL, or the embedded PostgreSQL's), for what connects on its own (the job queue). */
  url: string;
  /** Whether the database can be reached now: requests are refused at once (503) while it cannot. */
  health: DatabaseHealth;
  /** The two pools' use now, for the metrics: each one's size and its connections reserved (see countReserved). */
  pools(): PoolUse[];
  /** Closes the pool, then stops the embedded PostgreSQL if this process started one. */
  close(): Promise<void>;
}

/** A pool's use, as far as it can be measured. */
export interface PoolUse {
  pool: 'requests' | 'background';
  /** The most connections it opens. */
  size: number;
  /** Connections reserved now. */
  reserved: number;
}

const BACKGROUND_POOL_SIZE = 2;

/** The readiness probe's statement, sent when awaited: it answers once the pool can run a statement. */
export function ping(sql: Sql): PromiseLike<unknown> {
  return sql`SELECT 1`;
}

/**
 * Connects to DATABASE_URL, or to an embedded PostgreSQL kept under DATA_DIR
 * when it is unset, and brings the schema up to date.
 */
export async function openDatabase(
  config: Config,
  logger: Logger,
  onQuery?: (statement: string) => void,
  /** For the API's request pool: `statementTimeoutMs` cuts its statements (the background pool, migrations and the CLIs have no limit). */
  requests: { statementTimeoutMs?: number } = {},
): Promise<Database> {
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: path.join(config.dataDir, 'postgres'),
        port: config.embeddedPostgresPort,
        database: 'ticketing',
        persistent: true,
        logger,
      });
  try {
    const url = config.databaseUrl ?? embedded!.url;
    await runMigrations(url);
    const { sql, db } = connect(url, { poolSize: config.databasePoolSize, onQuery, statementTimeoutMs: requests.statementTimeoutMs });
    const background = connect(url, { poolSize: BACKGROUND_POOL_SIZE, onQuery }).sql;
    const reserved = { requests: countReserved(sql), background: countReserved(background) };
    const health = watchDatabase({ url, logger });
    return {
      url,
      sql,
      db,
      background,
      health,
      pools: () => [
        { pool: 'requests', size: sql.options.max, reserved: reserved.requests() },
        { pool: 'background', size: background.options.max, reserved: reserved.background() },
      ],
      async close() {
        await Promise.all([sql.end({ timeout: 5 }), background.end({ timeout: 5 }), health.close()]);
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
