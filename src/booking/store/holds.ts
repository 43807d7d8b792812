/**
 * Holds and bookings: reading them, and ending holds. The lookups by id that
 * every reservation and purchase answers with are drizzle's prepared
 * statements, as they are sent today (see ARCHITECTURE.md, "Where SQL
 * lives"); they take the drizzle `Db`.
 */
import type { Db, Queryable } from '../../db/client.js';
import { isAnyOfIds, preparedPerDb } from '../../db/prepared.js';
import { bookings, holds } from '../../db/schema.js';
import type { Tx } from '../../seatmap/change-log.js';
import type { BookingRow, HoldRow } from '../types.js';

// Every reservation and purchase answers with these.
const holdsByIdQuery = preparedPerDb((db) => db.select().from(holds).where(isAnyOfIds(holds.id)).prepare('holds_by_id'));
const bookingsByIdQuery = preparedPerDb((db) => db.select().from(bookings).where(isAnyOfIds(bookings.id)).prepare('bookings_by_id'));
const bookingsByHoldIdQuery = preparedPerDb((db) => db.select().from(bookings).where(isAnyOfIds(bookings.holdId)).prepare('bookings_by_hold_id'));

export function holdsById(db: Db, ids: readonly number[]): Promise<HoldRow[]> {
  return holdsByIdQuery(db).execute({ ids });
}

export function bookingsById(db: Db, ids: readonly number[]): Promise<BookingRow[]> {
  return bookingsByIdQuery(db).execute({ ids });
}

export function bookingsByHoldId(db: Db, holdIds: readonly number[]): Promise<BookingRow[]> {
  return bookingsByHoldIdQuery(db).execute({ ids: holdIds });
}

/** The columns of a HoldRow, named as its fields (the bigint id as text: see holdOf). */
const holdColumns = (sql: Queryable) =>
  sql`id, event_id AS "eventId", user_id AS "userId", status, expires_at AS "expiresAt", created_at AS "createdAt", ended_at AS "endedAt"`;

/** The columns of a BookingRow, named as its fields (bigint ids as text: see bookingOf). */
const bookingColumns = (sql: Queryable) =>
  sql`id, event_id AS "eventId", user_id AS "userId", hold_id AS "holdId", status, total, currency,
      payment_id AS "paymentId", payment_status AS "paymentStatus", card_last4 AS "cardLast4", created_at AS "createdAt", cancelled_at AS "cancelledAt"`;

/** postgres.js reads bigints as text; the rows have numbers, as drizzle's do. */
const holdOf = (row: HoldRow): HoldRow => ({ ...row, id: Number(row.id) });
const bookingOf = (row: BookingRow): BookingRow => ({ ...row, id: Number(row.id), holdId: Number(row.holdId) });

/** Up to `limit` of a user's bookings before the booking `beforeId` (from the newest, when null), newest first. */
export async function bookingsOfUser(sql: Queryable, userId: number, beforeId: number | null, limit: number): Promise<BookingRow[]> {
  const rows = await sql<BookingRow[]>`
    SELECT ${bookingColumns(sql)} FROM bookings
    WHERE user_id = ${userId} ${beforeId === null ? sql`` : sql`AND id < ${beforeId}`}
    ORDER BY id DESC LIMIT ${limit}`;
  return rows.map(bookingOf);
}

/**
 * Up to `limit` bookings of each event before the booking `beforeId` (from
 * the newest, when null), newest first, in one statement: a LATERAL join
 * reads each event's as a query of its own would, with its LIMIT (an index
 * range of bookings_event_idx). Rows come event by event, in the order of
 * `eventIds`.
 */
export async function bookingsOfEvents(sql: Queryable, eventIds: readonly number[], beforeId: number | null, limit: number): Promise<BookingRow[]> {
  const rows = await sql<BookingRow[]>`
    SELECT page.* FROM unnest(${eventIds as number[]}::integer[]) WITH ORDINALITY AS e(id, position) CROSS JOIN LATERAL (
      SELECT ${bookingColumns(sql)} FROM bookings
      WHERE event_id = e.id ${beforeId === null ? sql`` : sql`AND id < ${beforeId}`}
      ORDER BY id DESC LIMIT ${limit}
    ) page
    ORDER BY e.position, page.id DESC`;
  return rows.map(bookingOf);
}

/** Of `holdIds`, those no longer live at `now`: confirmed, released, or run out (hold_live_at, migration 0009). */
export async function endedHoldIds(sql: Queryable, holdIds: readonly number[], now: Date): Promise<number[]> {
  const rows = await sql<{ id: string }[]>`
    SELECT id FROM holds WHERE id = ANY(${holdIds as number[]}::bigint[]) AND NOT hold_live_at(status, expires_at, ${now})`;
  return rows.map((row) => Number(row.id));
}

/** A user's holds live at `now` (hold_live_at, migration 0009), newest first. */
export async function liveHoldsOfUser(sql: Queryable, userId: number, now: Date): Promise<HoldRow[]> {
  const rows = await sql<HoldRow[]>`
    SELECT ${holdColumns(sql)} FROM holds WHERE user_id = ${userId} AND hold_live_at(status, expires_at, ${now}) ORDER BY id DESC`;
  return rows.map(holdOf);
}

/** The hold, locked for the rest of the transaction; undefined when there is none. */
export async function lockHold(tx: Tx, holdId: number): Promise<HoldRow | undefined> {
  const [hold] = await tx<[HoldRow?]>`
    SELECT id, event_id AS "eventId", user_id AS "userId", status, expires_at AS "expiresAt", created_at AS "createdAt", ended_at AS "endedAt"
    FROM holds WHERE id = ${holdId} FOR UPDATE`;
  return hold && holdOf(hold);
}

/** Up to `limit` ACTIVE holds that have run out by `now` (hold_lapsed_at), soonest first, locked; those another transaction has locked are skipped. */
export async function lockExpiredHolds(tx: Tx, now: Date, limit: number): Promise<number[]> {
  const expired = await tx<{ id: string }[]>`
      SELECT id FROM holds WHERE hold_lapsed_at(status, expires_at, ${now})
      ORDER BY expires_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
  return expired.map((row) => Number(row.id));
}

/**
 * Ends the ACTIVE holds among `holdIds` with `status` and frees their tickets
 * (those still theirs), as holds.ts's endHolds describes: a released hold's
 * claims are withdrawn and its tickets keep in held_until where the claim
 * started; an expired one's keep their held_until. Returns, per hold ended,
 * the tickets it freed (none: ticketId null).
 */
export function endHoldsReturningFreed(
  tx: Tx,
  holdIds: readonly number[],
  status: 'RELEASED' | 'EXPIRED',
  now: Date,
): Promise<{ holdId: string; ticketId: string | null; eventId: number; price: number }[]> {
  return tx<{ holdId: string; ticketId: string | null; eventId: number; price: number }[]>`
    WITH ended AS (
      UPDATE holds SET status = ${status}, ended_at = ${now}
      WHERE id = ANY(${holdIds as number[]}::bigint[]) AND status = 'ACTIVE'
      RETURNING id
    ), withdrawn AS (
      UPDATE hold_tickets SET claimed_until = claimed_from
      WHERE ${status === 'RELEASED'} AND hold_id IN (SELECT id FROM ended)
    ), freed AS (
      UPDATE tickets t SET status = 'AVAILABLE', hold_id = NULL, held_until = ${status === 'EXPIRED' ? tx`t.held_until` : tx`ht.claimed_from`}
      FROM hold_tickets ht JOIN ended ON ended.id = ht.hold_id
      WHERE t.id = ht.ticket_id AND t.hold_id = ht.hold_id AND t.status = 'HELD'
      RETURNING ht.hold_id, t.id, t.event_id, t.price
    )
    SELECT ended.id AS "holdId", freed.id AS "ticketId", freed.event_id AS "eventId", freed.price
    FROM ended LEFT JOIN freed ON freed.hold_id = ended.id`;
}
