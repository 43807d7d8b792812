/**
 * Giving way to buyers. Reservations lock their few tickets in no particular
 * order, so a transaction that locks many tickets (a price change, a sweep of
 * expired holds) could hold some of a reservation's tickets while it waits
 * for others the reservation holds: a deadlock, whose victim PostgreSQL picks
 * after deadlock_timeout (1 s by default), most often the reservation, since
 * it waited first. Such a transaction waits for each lock at most
 * LOCK_WAIT_MS, well under that second: should it be in a cycle, it is the
 * one to fail (SQLSTATE 55P03), roll back and try again later.
 */
import type { Queryable } from './client.js';

/** How long a transaction that gives way waits for a lock another holds. */
export const LOCK_WAIT_MS = 200;

/**
 * From now on in the transaction, a statement waits at most `ms` for a lock
 * (then fails with SQLSTATE 55P03, lock_not_available); null: as long as it
 * takes again (the default).
 */
export async function limitLockWaits(tx: Queryable, ms: number | null): Promise<void> {
  await (ms === null ? tx`SET LOCAL lock_timeout TO DEFAULT` : tx`SELECT set_config('lock_timeout', ${`${ms}ms`}, true)`);
}

/** True for the error of a lock wait cut short by limitLockWaits. */
export function gaveWay(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '55P03';
}
