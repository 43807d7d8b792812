/**
 * The SQL of calling an event off and refunding its bookings: the statements
 * cancellation.ts (the cancellation's transaction) and refunds.ts (the job)
 * send, in the transactions they decide.
 */
import type { Queryable, Sql } from '../../db/client.js';
import type { Tx } from '../../seatmap/change-log.js';
import type { CancellationRow } from '../types.js';

/** The columns of a CancellationRow, named as its fields. */
const cancellationColumns = (sql: Queryable) =>
  sql`event_id AS "eventId", reason, requested_at AS "requestedAt", requested_by AS "requestedBy",
      total_bookings AS "totalBookings", refunded_bookings AS "refundedBookings", completed_at AS "completedAt"`;

/**
 * Marks the locked event CANCELLED and records why, when and by whom, with
 * its CONFIRMED bookings counted as the ones to refund (none: complete at
 * once). A statement of its own after the lock (lockEvent): its snapshot is
 * taken once the lock was granted, so it counts every sale that committed
 * while the lock waited for it; an UPDATE that waited for the lock itself
 * would count from a snapshot taken before.
 */
export async function recordCancellation(tx: Tx, cancellation: { eventId: number; reason: string; requestedBy: number; now: Date }): Promise<CancellationRow> {
  const { eventId, reason, requestedBy, now } = cancellation;
  const [recorded] = await tx<[CancellationRow]>`
    WITH cancelled AS (
      UPDATE events SET status = 'CANCELLED', updated_at = ${now} WHERE id = ${eventId}
    ), standing AS (
      SELECT count(*)::int AS bookings FROM bookings WHERE event_id = ${eventId} AND status = 'CONFIRMED'
    )
    INSERT INTO event_cancellations (event_id, reason, requested_at, requested_by, total_bookings, completed_at)
    SELECT ${eventId}, ${reason}, ${now}, ${requestedBy}, bookings, CASE WHEN bookings = 0 THEN ${now}::timestamptz END FROM standing
    RETURNING ${cancellationColumns(tx)}`;
  return recorded;
}

/**
 * The event's holds live at `now`, locked. Those another transaction has
 * locked are skipped, not waited for: a purchase locks its hold and then
 * waits for the event this transaction has locked (booking's lockPurchase),
 * so waiting would deadlock. That purchase then finds the event cancelled
 * and sells nothing; its hold runs out as any other does.
 */
export async function lockLiveHoldsOfEvent(tx: Tx, eventId: number, now: Date): Promise<number[]> {
  const rows = await tx<{ id: string }[]>`
    SELECT id FROM holds WHERE event_id = ${eventId} AND hold_live_at(status, expires_at, ${now}) FOR UPDATE SKIP LOCKED`;
  return rows.map((row) => Number(row.id));
}

/** The cancellations of those of `eventIds` that have one. */
export function cancellationsOf(sql: Sql, eventIds: readonly number[]): Promise<CancellationRow[]> {
  return sql<CancellationRow[]>`SELECT ${cancellationColumns(sql)} FROM event_cancellations WHERE event_id = ANY(${eventIds as number[]}::integer[])`;
}

// ---- The refund job ----

/** A booking the refund job is to refund. */
export interface BookingToRefund {
  id: number;
  paymentId: string;
}

/** Up to `limit` CONFIRMED bookings of the event, if its cancellation is under way, after the booking `after`, in id order. */
export async function bookingsToRefund(sql: Sql, eventId: number, after: number, limit: number): Promise<BookingToRefund[]> {
  const rows = await sql<(Omit<BookingToRefund, 'id'> & { id: string })[]>`
    SELECT b.id, b.payment_id AS "paymentId"
    FROM event_cancellations c JOIN bookings b ON b.event_id = c.event_id
    WHERE c.event_id = ${eventId} AND c.completed_at IS NULL AND b.status = 'CONFIRMED' AND b.id > ${after}
    ORDER BY b.id LIMIT ${limit}`;
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

/** Counts `count` more bookings of the event refunded. */
export async function countRefunded(tx: Tx, eventId: number, count: number): Promise<void> {
  await tx`UPDATE event_cancellations SET refunded_bookings = refunded_bookings + ${count} WHERE event_id = ${eventId}`;
}

/**
 * Completes the event's cancellation at `now` if the event has no CONFIRMED
 * booking left; answers how many are left (0 also when it was complete
 * already, or there is no cancellation).
 */
export async function completeCancellation(sql: Sql, eventId: number, now: Date): Promise<number> {
  const rows = await sql<{ left: number }[]>`
    WITH counted AS (
      SELECT c.event_id, c.completed_at,
             (SELECT count(*)::int FROM bookings b WHERE b.event_id = c.event_id AND b.status = 'CONFIRMED') AS left_to_refund
      FROM event_cancellations c WHERE c.event_id = ${eventId}
    ), completed AS (
      UPDATE event_cancellations c SET completed_at = ${now}
      FROM counted WHERE c.event_id = counted.event_id AND counted.completed_at IS NULL AND counted.left_to_refund = 0
    )
    SELECT left_to_refund AS left FROM counted`;
  return rows[0]?.left ?? 0;
}

/** The events whose cancellation is under way with no refund job queued (`refunds:event:<id>`, refunds.ts): made before refunds were jobs. */
export async function refundsWithoutJob(sql: Sql): Promise<number[]> {
  const rows = await sql<{ eventId: number }[]>`
    SELECT c.event_id AS "eventId" FROM event_cancellations c
    WHERE c.completed_at IS NULL AND NOT EXISTS (SELECT 1 FROM graphile_worker.jobs j WHERE j.key = 'refunds:event:' || c.event_id)
    ORDER BY c.event_id`;
  return rows.map((row) => row.eventId);
}
