import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';

import * as schema from './schema.js';

export type Db = PostgresJsDatabase<typeof schema>;
export type Sql = postgres.Sql;
/** The pool or a transaction: anything that runs a statement. */
export type Queryable = postgres.Sql | postgres.TransactionSql;

export interface ConnectOptions {
  /** Connections in the pool. */
  poolSize?: number;
  /** Called with the text of every statement sent; tests count statements with it. */
  onQuery?: (statement: string) => void;
  /** PostgreSQL cancels a statement of this pool that runs longer (SQLSTATE 57014). Unset or 0: no limit. */
  statementTimeoutMs?: number;
}

/** A postgres.js pool and a drizzle instance over it. Close with `sql.end()`. */
export function connect(url: string, options: ConnectOptions = {}): { sql: Sql; db: Db } {
  const onQuery = options.onQuery;
  const sql = postgres(url, {
    max: options.poolSize ?? 10,
    // A database that is down is found in seconds (src/db/availability.ts); a connection waiting
    // longer than this, or a retry waiting up to postgres.js's 20 s backoff, only holds requests up.
    connect_timeout: 5,
    backoff: reconnectDelaySeconds,
    idle_timeout: 60,
    onnotice: () => {},
    connection: {
      // JIT compiles a statement whose estimated cost is high, which here means a misestimate: the outbox's prune, planned
      // at a cost of millions, spent 20 to 280 ms compiling to run in 0.03 ms, every second of an on-sale (BENCHMARKS.md).
      jit: 'off',
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    },
    debug: onQuery ? (_connection, statement) => onQuery(statement) : undefined,
  });
  const db = drizzle({ client: sql, schema, casing: 'snake_case' });
  speakNativeTypes(sql);
  return { sql, db };
}

/**
 * Counts the pool's connections reserved now (`sql.reserve()`, until
 * released), by wrapping `reserve`. A leader job holds one for as long as it
 * leads (jobs/leader-only.ts), and a seat-map transaction for its length
 * (seatmap/change-log.ts): connections no other statement can use.
 * postgres.js keeps its own counts of open and busy connections to itself.
 */
export function countReserved(sql: Sql): () => number {
  const reserve = sql.reserve;
  let reserved = 0;
  sql.reserve = async () => {
    const held = await reserve();
    reserved++;
    const release = held.release;
    let released = false;
    held.release = () => {
      // Counted once: releasing twice gives nothing back twice.
      if (!released) reserved--;
      released = true;
      release();
    };
    return held;
  };
  return () => reserved;
}

/** postgres.js's delay before a connection that failed tries again (3^n / 100 s, half to all of it), capped at 1 s rather than 20. */
function reconnectDelaySeconds(failures: number): number {
  return (0.5 + Math.random() / 2) * Math.min(3 ** failures / 100, 1);
}

const TIMESTAMPTZ = 1184;
const JSON_TYPES = [114, 3802];

/**
 * drizzle sets the client it is given to pass timestamps and JSON through as
 * text, since it converts them itself. Raw SQL on the same pool should take
 * and give postgres.js's usual Dates and objects; these converters do both
 * and still pass drizzle's text through untouched.
 */
function speakNativeTypes(sql: Sql): void {
  const { parsers, serializers } = sql.options;
  parsers[TIMESTAMPTZ] = (text: string) => new Date(text);
  serializers[TIMESTAMPTZ] = (value: unknown) => (value instanceof Date ? value.toISOString() : value);
  for (const type of JSON_TYPES) serializers[type] = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
}
