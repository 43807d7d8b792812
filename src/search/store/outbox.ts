/**
 * The search outbox and the per-event locks of whoever writes documents (the
 * indexer, a rebuild), and the catalog's list of public events a rebuild
 * walks. indexer.ts and rebuild.ts say when and in which transaction.
 */
import type { TransactionSql } from 'postgres';
import { SEARCH_EVENT_LOCKS } from '../../db/advisory-locks.js';
import type { Sql } from '../../db/client.js';

/** Up to `limit` outbox rows due at `now`, oldest first; locked, skipping rows another indexer holds (unless `lock` is false: test-only). */
export async function takeOutboxRows(tx: TransactionSql, now: Date, limit: number, lock: boolean): Promise<{ id: string; eventId: number }[]> {
  return tx<{ id: string; eventId: number }[]>`
          SELECT id, event_id AS "eventId" FROM search_outbox WHERE retry_at IS NULL OR retry_at <= ${now} ORDER BY id LIMIT ${limit}
          ${lock ? tx`FOR UPDATE SKIP LOCKED` : tx``}`;
}

export async function deleteOutboxRows(tx: TransactionSql, ids: string[]): Promise<void> {
  await tx`DELETE FROM search_outbox WHERE id = ANY(${ids}::bigint[])`;
}

/**
 * Sets the event's outbox rows due at `now` aside (those no other indexer
 * holds): one more attempt each, due again after a minute doubled per attempt
 * (`firstMs`, up to `maxMs`), with `reason`. The rows set aside, with their attempts.
 */
export function setOutboxRowsAside(
  sql: Sql,
  eventId: number,
  now: Date,
  reason: string,
  backoff: { firstMs: number; maxMs: number },
): Promise<{ id: string; attempts: number }[]> {
  return sql<{ id: string; attempts: number }[]>`
      UPDATE search_outbox o
      SET attempts = o.attempts + 1,
          retry_at = ${now}::timestamptz + least(${backoff.maxMs}::float8, ${backoff.firstMs}::float8 * 2 ^ least(o.attempts, 20)) * interval '1 millisecond',
          last_error = ${reason}
      WHERE o.id IN (SELECT id FROM search_outbox WHERE event_id = ${eventId} AND (retry_at IS NULL OR retry_at <= ${now}) FOR UPDATE SKIP LOCKED)
      RETURNING o.id, o.attempts`;
}

/** The events no other writer of documents holds now, locked until the transaction ends. */
export async function tryLockEvents(tx: TransactionSql, eventIds: number[]): Promise<number[]> {
  const locked = await tx<{ id: number }[]>`
      SELECT id FROM unnest(${eventIds}::integer[]) AS id WHERE pg_try_advisory_xact_lock(${SEARCH_EVENT_LOCKS}::integer, id)`;
  return locked.map((row) => row.id);
}

/** Waits for and takes each event's lock, in id order so that two rebuilds cannot deadlock. */
export async function lockEvents(tx: TransactionSql, eventIds: number[]): Promise<void> {
  await tx`SELECT pg_advisory_xact_lock(${SEARCH_EVENT_LOCKS}::integer, id) FROM unnest(${eventIds}::integer[]) AS id ORDER BY id`;
}

export async function clearOutbox(sql: Sql): Promise<void> {
  await sql`DELETE FROM search_outbox`;
}

/** Events that are not drafts. */
export async function countListedEvents(sql: Sql): Promise<number> {
  const [{ total }] = await sql<[{ total: number }]>`SELECT count(*)::int AS total FROM events WHERE status <> 'DRAFT'`;
  return total;
}

/** Up to `limit` ids of events that are not drafts, after `afterId`, in id order. */
export async function listedEventIdsAfter(sql: Sql, afterId: number, limit: number): Promise<number[]> {
  const rows = await sql<{ id: number }[]>`
      SELECT id FROM events WHERE status <> 'DRAFT' AND id > ${afterId} ORDER BY id LIMIT ${limit}`;
  return rows.map((row) => row.id);
}

/** Those of `ids` that name no event, or a draft. */
export async function unlistedEventIds(tx: Sql | TransactionSql, ids: number[]): Promise<number[]> {
  const rows = await tx<{ id: number }[]>`
      SELECT t.id FROM unnest(${ids}::integer[]) AS t(id)
      WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = t.id AND e.status <> 'DRAFT')`;
  return rows.map((row) => row.id);
}
