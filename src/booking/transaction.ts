import type postgres from 'postgres';
import type { Sql } from '../db/client.js';
import type { Failure } from './types.js';

/** Thrown inside a transaction to roll it back and answer with an expected failure. */
export class Abort {
  constructor(readonly failure: Failure & { retry?: boolean }) {}
}

/** Runs `body` in a transaction; an Abort rolls it back and becomes the answer. */
export async function transaction<T>(sql: Sql, body: (tx: postgres.TransactionSql) => Promise<T>): Promise<T | (Failure & { retry?: boolean })> {
  try {
    return (await sql.begin(body)) as T;
  } catch (error) {
    if (error instanceof Abort) return error.failure;
    throw error;
  }
}
