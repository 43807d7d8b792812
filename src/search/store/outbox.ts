/**
 * The per-event locks of whoever writes documents (the indexer, a rebuild),
 * and the catalog's list of public events a rebuild walks. indexer.ts and
 * rebuild.ts say when and in which transaction; the outbox's own statements
 * are in src/outbox/store.ts.
 */
import type { TransactionSql } from 'postgres';

import { SEARCH_EVENT_LOCKS } from '../../db/advisory-locks.js';
import type { Sql } from '../../db/client.js';

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
