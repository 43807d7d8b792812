/**
 * Every PostgreSQL advisory lock the service takes, each made by a named
 * constructor here, so that no two uses share a key. PostgreSQL keeps two key
 * spaces apart:
 * - one bigint, `pg_advisory_lock(${lock})`: positive keys are ticket ids,
 *   negative constants name a task or a role in the cluster;
 * - two integers, `pg_advisory_lock(${key1}, ${key2})` (destructure the pair):
 *   (event id, user id), or (negative class, id) for the classes below, which
 *   no event id equals.
 * test/unit/advisory-locks.test.ts checks that they stay apart. The session
 * locks of leaders are taken and given back by the statements at the end.
 */
import type { Sql } from './client.js';

declare const bigintKey: unique symbol;
/** A lock of the one-bigint key space; made only here. */
export type SingleKeyLock = number & { readonly [bigintKey]: true };
/** A lock of the two-integer key space. */
export type KeyPairLock = readonly [key1: number, key2: number];

const single = (key: number) => key as SingleKeyLock;

/** Held (session) while migrations run, so each runs once when processes start together. */
export const migrationLock = single(-7_240_001);

/** Held (session) by the one process that sweeps expired holds. */
export const holdSweeperLock = single(-7_240_002);

/** Held (session) by the one process that reconciles payments with bookings. */
export const paymentReconcilerLock = single(-7_240_004);

/** Held (transaction) by a server seeding the demo catalog, and (session) by the seed CLI for its whole run. */
export const demoSeedLock = single(-7_240_005);

/** Held (session) by the one process that admits fans from the waiting rooms (src/waitingroom/admitter.ts). */
export const waitingRoomAdmitterLock = single(-7_240_007);

// -7_240_008 was the refunds' leader lock (refunds are queue jobs now): not reused, since an older process may still hold it.

/** Held (session) by the one process that reprices sections in DEMAND mode (src/pricing/repricer.ts). */
export const repricerLock = single(-7_240_009);

/**
 * A ticket's lock (transaction), which a reservation try-takes for each ticket
 * it claims. Its key is the ticket id itself, so that SQL takes these locks
 * over arrays of ids (booking/store/reserve.ts).
 */
export const ticketLock = (ticketId: number): SingleKeyLock => single(ticketId);

/** A user's lock on an event's sale (transaction): a reservation counts the user's tickets against the event's limit under it. */
export const saleLimitLock = (eventId: number, userId: number): KeyPairLock => [eventId, userId];

/** The first key of every event's search lock: for SQL that locks many events at once. */
export const SEARCH_EVENT_LOCKS = -7_240_003;

/** An event's search lock (transaction), held while its search document is written, so that two writers never write it out of order. */
export const searchEventLock = (eventId: number): KeyPairLock => [SEARCH_EVENT_LOCKS, eventId];

/** The first key of every outbox consumer's lock. */
const OUTBOX_CONSUMER_LOCKS = -7_240_006;

/**
 * The lock of the outbox consumer named `consumer` (src/outbox/): the second
 * key is the name's 32-bit FNV-1a hash, the same in every process and
 * release. (Two names that hash alike, about one pair in four billion, would
 * share a lock: they would take turns, never run wrong.)
 */
export const outboxConsumerLock = (consumer: string): KeyPairLock => [OUTBOX_CONSUMER_LOCKS, fnv1a32(consumer)];

/** FNV-1a over the UTF-8 bytes of `text`, as a signed 32-bit integer (PostgreSQL's integer). */
function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 0x01000193);
  return hash | 0;
}

/** Takes `lock` for the session of `session` (a reserved connection) if no other session holds it; whether it did. */
export async function trySessionLock(session: Sql, lock: SingleKeyLock): Promise<boolean> {
  const [{ acquired }] = await session<[{ acquired: boolean }]>`SELECT pg_try_advisory_lock(${lock}) AS acquired`;
  return acquired;
}

/** Gives back `lock`, held by the session of `session`. */
export async function sessionUnlock(session: Sql, lock: SingleKeyLock): Promise<void> {
  await session`SELECT pg_advisory_unlock(${lock})`;
}
