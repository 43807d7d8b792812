/**
 * Statements built once per database rather than at every call: for the
 * small lookups every request makes, drizzle building the SQL text cost more
 * of an API process's time than PostgreSQL running it.
 */
import { type Column, sql } from 'drizzle-orm';

import type { Db } from './client.js';

/** `build(db)`, called once per database; each later call gets what it built. */
export function preparedPerDb<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let statement = built.get(db);
    if (!statement) built.set(db, (statement = build(db)));
    return statement;
  };
}

/** `column` is one of the values of the `ids` placeholder, an array sent as one parameter. */
export const isAnyOfIds = (column: Column) => sql`${column} = any(${sql.placeholder('ids')})`;
