import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema.js';

export type Db = PostgresJsDatabase<typeof schema>;
export type Sql = postgres.Sql;

export interface ConnectOptions {
  /** Connections in the pool. */
  poolSize?: number;
  /** Called with the text of every statement sent; tests count statements with it. */
  onQuery?: (statement: string) => void;
}

/** A postgres.js pool and a drizzle instance over it. Close with `sql.end()`. */
export function connect(url: string, options: ConnectOptions = {}): { sql: Sql; db: Db } {
  const onQuery = options.onQuery;
  const sql = postgres(url, {
    max: options.poolSize ?? 10,
    connect_timeout: 10,
    idle_timeout: 60,
    onnotice: () => {},
    debug: onQuery ? (_connection, statement) => onQuery(statement) : undefined,
  });
  return { sql, db: drizzle({ client: sql, schema, casing: 'snake_case' }) };
}
