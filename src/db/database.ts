import path from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { connect, type Db, type Sql } from './client.js';
import { startEmbeddedPostgres } from './embedded.js';
import { runMigrations } from './migrate.js';

export interface Database {
  sql: Sql;
  db: Db;
  /** Closes the pool, then stops the embedded PostgreSQL if this process started one. */
  close(): Promise<void>;
}

/**
 * Connects to DATABASE_URL, or to an embedded PostgreSQL kept under DATA_DIR
 * when it is unset, and brings the schema up to date.
 */
export async function openDatabase(config: Config, logger: Logger, onQuery?: (statement: string) => void): Promise<Database> {
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
    const { sql, db } = connect(url, { poolSize: config.databasePoolSize, onQuery });
    return {
      sql,
      db,
      async close() {
        await sql.end({ timeout: 5 });
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
