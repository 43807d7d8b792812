/**
 * The queue's SQL on PostgreSQL: waiting_room_queues (an event's counters, the
 * row each step locks) and queue_passes. postgres-queue.ts decides which
 * statements make a step and in which transaction.
 */
import type { TransactionSql } from 'postgres';

import type { Queryable } from '../../db/client.js';
import type { QueuePassRecord } from '../queue-store.js';

export interface QueueRow {
  servingNumber: number;
  lastNumber: number;
  numbered: boolean;
}

/** A row of queue_passes as postgres.js reads it: the bigint hold id as text. */
type PassRow = Omit<QueuePassRecord, 'holdId'> & { holdId: string | null };

const passColumns = (sql: Queryable) =>
  sql`id, event_id AS "eventId", user_id AS "userId", status, number, joined_at AS "joinedAt", admitted_until AS "admittedUntil", hold_id AS "holdId"`;

const passOf = (row: PassRow): QueuePassRecord => ({ ...row, holdId: row.holdId === null ? null : Number(row.holdId) });

export async function passOfUser(sql: Queryable, eventId: number, userId: number): Promise<QueuePassRecord | undefined> {
  const [row] = await sql<[PassRow?]>`SELECT ${passColumns(sql)} FROM queue_passes WHERE event_id = ${eventId} AND user_id = ${userId}`;
  return row && passOf(row);
}

/** `passId` must be a bigint's decimal text. */
export async function passById(sql: Queryable, passId: string): Promise<QueuePassRecord | undefined> {
  const [row] = await sql<[PassRow?]>`SELECT ${passColumns(sql)} FROM queue_passes WHERE id = ${passId}`;
  return row && passOf(row);
}

/** Makes the event's queue row unless it is there. */
export async function createQueue(sql: Queryable, eventId: number): Promise<void> {
  await sql`INSERT INTO waiting_room_queues (event_id) VALUES (${eventId}) ON CONFLICT DO NOTHING`;
}

/** Whether the queue is numbered, the row share-locked (joiners of the pre-queue together, against numbering); undefined when there is no row. */
export async function shareLockQueue(tx: TransactionSql, eventId: number): Promise<boolean | undefined> {
  const [row] = await tx<[{ numbered: boolean }?]>`SELECT numbered FROM waiting_room_queues WHERE event_id = ${eventId} FOR SHARE`;
  return row?.numbered;
}

/**
 * The queue's counters, the row locked for the rest of the transaction.
 * FOR NO KEY UPDATE: passes inserted meanwhile check their foreign key with a
 * key-share lock, which this one lets through.
 */
export async function lockQueue(tx: TransactionSql, eventId: number): Promise<QueueRow | undefined> {
  const [row] = await tx<[QueueRow?]>`
    SELECT serving_number AS "servingNumber", last_number AS "lastNumber", numbered
    FROM waiting_room_queues WHERE event_id = ${eventId} FOR NO KEY UPDATE`;
  return row;
}

/** Sets the queue's counters. */
export async function updateQueue(tx: TransactionSql, eventId: number, queue: QueueRow): Promise<void> {
  await tx`
    UPDATE waiting_room_queues SET serving_number = ${queue.servingNumber}, last_number = ${queue.lastNumber}, numbered = ${queue.numbered}
    WHERE event_id = ${eventId}`;
}

/** A new WAITING pass; undefined when the user has one already. */
/** When the pass numbered `number` joined, if there is one. */
export async function joinedAtOfNumber(tx: TransactionSql, eventId: number, number: number): Promise<Date | undefined> {
  const [row] = await tx<[{ joinedAt: Date }?]>`SELECT joined_at AS "joinedAt" FROM queue_passes WHERE event_id = ${eventId} AND number = ${number}`;
  return row?.joinedAt;
}

export async function insertPass(
  tx: TransactionSql,
  eventId: number,
  userId: number,
  joinedAt: Date,
  number: number | null,
): Promise<QueuePassRecord | undefined> {
  const [row] = await tx<[PassRow?]>`
    INSERT INTO queue_passes (event_id, user_id, number, joined_at) VALUES (${eventId}, ${userId}, ${number}, ${joinedAt})
    ON CONFLICT (event_id, user_id) DO NOTHING RETURNING ${passColumns(tx)}`;
  return row && passOf(row);
}

/** The WAITING passes without a number. */
export function unnumberedPasses(tx: TransactionSql, eventId: number): Promise<{ id: string; joinedAt: Date }[]> {
  return tx<{ id: string; joinedAt: Date }[]>`
    SELECT id, joined_at AS "joinedAt" FROM queue_passes WHERE event_id = ${eventId} AND number IS NULL AND status = 'WAITING'`;
}

/**
 * Numbers the passes `passIds` from `first` on, in that order, whatever their
 * status now: one that left since it was read keeps its number, as a left one.
 */
export async function numberPasses(tx: TransactionSql, passIds: readonly string[], first: number): Promise<void> {
  await tx`
    UPDATE queue_passes p SET number = ${first} - 1 + o.position
    FROM unnest(${passIds as string[]}::bigint[]) WITH ORDINALITY AS o(id, position) WHERE p.id = o.id`;
}

/** Admits the first `count` WAITING passes above `servingNumber`, by number; returns them in number order. */
export async function admitNext(tx: TransactionSql, eventId: number, servingNumber: number, count: number, now: Date, until: Date): Promise<QueuePassRecord[]> {
  const rows = await tx<PassRow[]>`
    UPDATE queue_passes SET status = 'ADMITTED', admitted_at = ${now}, admitted_until = ${until}
    WHERE id IN (
      SELECT id FROM queue_passes WHERE event_id = ${eventId} AND number > ${servingNumber} AND status = 'WAITING' ORDER BY number LIMIT ${count}
    ) AND status = 'WAITING'
    RETURNING ${passColumns(tx)}`;
  return rows.map(passOf).sort((a, b) => a.number! - b.number!);
}

/** Ends the user's WAITING or ADMITTED pass as LEFT; undefined when there was none in those states. */
export async function leavePass(sql: Queryable, eventId: number, userId: number): Promise<QueuePassRecord | undefined> {
  const [row] = await sql<[PassRow?]>`
    UPDATE queue_passes SET status = 'LEFT' WHERE event_id = ${eventId} AND user_id = ${userId} AND status IN ('WAITING', 'ADMITTED')
    RETURNING ${passColumns(sql)}`;
  return row && passOf(row);
}

/** ADMITTED passes without a hold whose admission ran out by `now` become EXPIRED; returns how many. */
export async function expireUnusedPasses(sql: Queryable, eventId: number, now: Date): Promise<number> {
  const rows = await sql`
    UPDATE queue_passes SET status = 'EXPIRED'
    WHERE event_id = ${eventId} AND status = 'ADMITTED' AND hold_id IS NULL AND admitted_until <= ${now} RETURNING 1`;
  return rows.count;
}

/** Records the hold on an ADMITTED pass; false when the pass is not ADMITTED. */
export async function attachHoldToPass(sql: Queryable, passId: string, holdId: number): Promise<boolean> {
  const rows = await sql`UPDATE queue_passes SET hold_id = ${holdId} WHERE id = ${passId} AND status = 'ADMITTED' RETURNING 1`;
  return rows.count === 1;
}

/** An ADMITTED pass becomes EXPIRED. */
export async function finishPass(sql: Queryable, passId: string): Promise<void> {
  await sql`UPDATE queue_passes SET status = 'EXPIRED' WHERE id = ${passId} AND status = 'ADMITTED'`;
}

export async function admittedPassesWithHolds(sql: Queryable, eventId: number): Promise<{ passId: string; holdId: number }[]> {
  const rows = await sql<{ passId: string; holdId: string }[]>`
    SELECT id AS "passId", hold_id AS "holdId" FROM queue_passes WHERE event_id = ${eventId} AND status = 'ADMITTED' AND hold_id IS NOT NULL`;
  return rows.map((row) => ({ passId: row.passId, holdId: Number(row.holdId) }));
}

export interface QueueCounts extends QueueRow {
  /** WAITING passes without a number. */
  unnumbered: number;
  admittedCount: number;
  /** Numbers above servingNumber of passes that are LEFT, ascending. */
  leftAhead: number[];
  /** Admissions in the minute up to `now`. */
  admittedLastMinute: number;
}

/** The queue's counters and counts, read in one snapshot; undefined when the event has no queue. */
export async function queueCounts(sql: Queryable, eventId: number, now: Date): Promise<QueueCounts | undefined> {
  const [row] = await sql<[QueueCounts?]>`
    SELECT q.serving_number AS "servingNumber", q.last_number AS "lastNumber", q.numbered,
      (SELECT count(*)::int FROM queue_passes WHERE event_id = q.event_id AND number IS NULL AND status = 'WAITING') AS unnumbered,
      (SELECT count(*)::int FROM queue_passes WHERE event_id = q.event_id AND status = 'ADMITTED') AS "admittedCount",
      ARRAY(SELECT number FROM queue_passes WHERE event_id = q.event_id AND status = 'LEFT' AND number > q.serving_number ORDER BY number) AS "leftAhead",
      (SELECT count(*)::int FROM queue_passes
        WHERE event_id = q.event_id AND admitted_at > ${now}::timestamptz - interval '1 minute' AND admitted_at <= ${now}) AS "admittedLastMinute"
    FROM waiting_room_queues q WHERE q.event_id = ${eventId}`;
  return row;
}
