/**
 * Check-in's SQL: scans (ticket_check_ins), staff grants (event_staff), and
 * the reads behind a ticket's code and an event's check-in counts. Each
 * function sends one statement on the pool it is given; check-in.ts,
 * staff.ts and the facade decide what to ask and what the answer means.
 */
import type { Queryable, Sql } from '../db/client.js';

/** A scan to record: the ticket and the booking its code names, where, by whom, when. */
export interface Scan {
  ticketId: number;
  eventId: number;
  bookingId: number;
  gate: string;
  checkedInBy: number;
  at: Date;
}

/**
 * The sale a code names as the scan found it: the booking's status, whether
 * the ticket is still that booking's (not freed, not sold again), and when
 * this scan let it in (null: it did not, the booking does not stand or an
 * earlier scan did).
 */
export interface ScanOutcome {
  bookingStatus: 'CONFIRMED' | 'CANCELLED';
  current: boolean;
  checkedInAt: Date | null;
}

/** An earlier check-in of a ticket under a booking. */
export interface CheckInRow {
  checkedInAt: Date;
  gate: string;
}

/**
 * The scan, in one statement: the booking is share-locked (FOR SHARE), so a
 * cancellation (an UPDATE of that row) either committed before, and the scan
 * sees it CANCELLED (re-read after the lock when it was under way), or waits
 * for the scan to end; the check-in is inserted only while the booking stands
 * and still owns the ticket, and the primary key (ticket, booking) with ON
 * CONFLICT DO NOTHING lets exactly one of any number of racing scans in (the
 * others wait for the first to commit, then insert nothing). Undefined when
 * no such booking and ticket of the event exist.
 */
export async function checkInOnce(sql: Sql, scan: Scan): Promise<ScanOutcome | undefined> {
  const [outcome] = await sql<[ScanOutcome?]>`
    WITH sale AS (
      SELECT b.id AS booking_id, b.status, t.booking_id IS NOT DISTINCT FROM b.id AS current
      FROM bookings b JOIN tickets t ON t.id = ${scan.ticketId} AND t.event_id = b.event_id
      WHERE b.id = ${scan.bookingId} AND b.event_id = ${scan.eventId}
      FOR SHARE OF b
    ), entered AS (
      INSERT INTO ticket_check_ins (ticket_id, booking_id, event_id, gate, checked_in_by, checked_in_at)
      SELECT ${scan.ticketId}, booking_id, ${scan.eventId}, ${scan.gate}, ${scan.checkedInBy}, ${scan.at}
      FROM sale WHERE status = 'CONFIRMED' AND current
      ON CONFLICT (ticket_id, booking_id) DO NOTHING
      RETURNING checked_in_at
    )
    SELECT status AS "bookingStatus", current, (SELECT checked_in_at FROM entered) AS "checkedInAt" FROM sale`;
  return outcome;
}

/** The sale a code names, read without a lock (for the unguarded scan of UnsafeCheckInGuards only). */
export async function saleOf(sql: Sql, scan: Pick<Scan, 'ticketId' | 'eventId' | 'bookingId'>): Promise<Omit<ScanOutcome, 'checkedInAt'> | undefined> {
  const [sale] = await sql<[Omit<ScanOutcome, 'checkedInAt'>?]>`
    SELECT b.status AS "bookingStatus", t.booking_id IS NOT DISTINCT FROM b.id AS current
    FROM bookings b JOIN tickets t ON t.id = ${scan.ticketId} AND t.event_id = b.event_id
    WHERE b.id = ${scan.bookingId} AND b.event_id = ${scan.eventId}`;
  return sale;
}

/** Writes a check-in whatever was there (for the unguarded scan of UnsafeCheckInGuards only): the last writer wins. */
export async function overwriteCheckIn(sql: Sql, scan: Scan): Promise<Date> {
  const [row] = await sql<[{ checkedInAt: Date }]>`
    INSERT INTO ticket_check_ins (ticket_id, booking_id, event_id, gate, checked_in_by, checked_in_at)
    VALUES (${scan.ticketId}, ${scan.bookingId}, ${scan.eventId}, ${scan.gate}, ${scan.checkedInBy}, ${scan.at})
    ON CONFLICT (ticket_id, booking_id) DO UPDATE SET gate = EXCLUDED.gate, checked_in_by = EXCLUDED.checked_in_by, checked_in_at = EXCLUDED.checked_in_at
    RETURNING checked_in_at AS "checkedInAt"`;
  return row.checkedInAt;
}

/** The check-in of a ticket under a booking, if any. */
export async function checkInOf(sql: Queryable, ticketId: number, bookingId: number): Promise<CheckInRow | undefined> {
  const [row] = await sql<[CheckInRow?]>`
    SELECT checked_in_at AS "checkedInAt", gate FROM ticket_check_ins WHERE ticket_id = ${ticketId} AND booking_id = ${bookingId}`;
  return row;
}

/** Whether the user staffs the event. */
export async function isStaffOf(sql: Queryable, eventId: number, userId: number): Promise<boolean> {
  const [row] = await sql`SELECT 1 FROM event_staff WHERE event_id = ${eventId} AND user_id = ${userId}`;
  return row !== undefined;
}

/** Of `eventIds`, those the user staffs. */
export async function staffedEvents(sql: Queryable, userId: number, eventIds: readonly number[]): Promise<number[]> {
  const rows = await sql<{ eventId: number }[]>`
    SELECT event_id AS "eventId" FROM event_staff WHERE user_id = ${userId} AND event_id = ANY(${eventIds as number[]}::integer[])`;
  return rows.map((row) => row.eventId);
}

/** Whether the user staffs any event. */
export async function staffsAnyEvent(sql: Queryable, userId: number): Promise<boolean> {
  const [row] = await sql`SELECT 1 FROM event_staff WHERE user_id = ${userId} LIMIT 1`;
  return row !== undefined;
}

/** Adds the user to the event's staff; nothing when already there. */
export async function addStaff(sql: Queryable, grant: { eventId: number; userId: number; addedBy: number; at: Date }): Promise<void> {
  await sql`
    INSERT INTO event_staff (event_id, user_id, added_by, created_at) VALUES (${grant.eventId}, ${grant.userId}, ${grant.addedBy}, ${grant.at})
    ON CONFLICT (event_id, user_id) DO NOTHING`;
}

/** Removes the user from the event's staff; nothing when not there. */
export async function removeStaff(sql: Queryable, eventId: number, userId: number): Promise<void> {
  await sql`DELETE FROM event_staff WHERE event_id = ${eventId} AND user_id = ${userId}`;
}

/** Takes a deleted account off the staff of every event. */
export async function forgetStaff(sql: Queryable, userId: number): Promise<void> {
  await sql`DELETE FROM event_staff WHERE user_id = ${userId}`;
}

/** The staff of each event, as (event, user) pairs in name order (then by id). */
export function staffOfEvents(sql: Queryable, eventIds: readonly number[]): Promise<{ eventId: number; userId: number }[]> {
  return sql<{ eventId: number; userId: number }[]>`
    SELECT s.event_id AS "eventId", s.user_id AS "userId" FROM event_staff s JOIN users u ON u.id = s.user_id
    WHERE s.event_id = ANY(${eventIds as number[]}::integer[]) ORDER BY u.name, u.id`;
}

/** The booking each ticket is sold in now (null: not sold); bigint ids as numbers. */
export async function bookingIdsOfTickets(sql: Queryable, ticketIds: readonly number[]): Promise<{ ticketId: number; bookingId: number | null }[]> {
  const rows = await sql<{ ticketId: string; bookingId: string | null }[]>`
    SELECT id AS "ticketId", booking_id AS "bookingId" FROM tickets WHERE id = ANY(${ticketIds as number[]}::bigint[])`;
  return rows.map((row) => ({ ticketId: Number(row.ticketId), bookingId: row.bookingId === null ? null : Number(row.bookingId) }));
}

/** Tickets sold in CONFIRMED bookings, per event (events with none are left out). */
export function soldCounts(sql: Queryable, eventIds: readonly number[]): Promise<{ eventId: number; sold: number }[]> {
  return sql<{ eventId: number; sold: number }[]>`
    SELECT t.event_id AS "eventId", count(*)::int AS sold
    FROM tickets t JOIN bookings b ON b.id = t.booking_id
    WHERE t.event_id = ANY(${eventIds as number[]}::integer[]) AND t.status = 'SOLD' AND b.status = 'CONFIRMED'
    GROUP BY t.event_id`;
}

/** Check-ins of CONFIRMED bookings per event and gate, the busiest gate first (then by name). */
export function gateCounts(sql: Queryable, eventIds: readonly number[]): Promise<{ eventId: number; gate: string; checkedIn: number }[]> {
  return sql<{ eventId: number; gate: string; checkedIn: number }[]>`
    SELECT c.event_id AS "eventId", c.gate, count(*)::int AS "checkedIn"
    FROM ticket_check_ins c JOIN bookings b ON b.id = c.booking_id
    WHERE c.event_id = ANY(${eventIds as number[]}::integer[]) AND b.status = 'CONFIRMED'
    GROUP BY c.event_id, c.gate ORDER BY c.event_id, count(*) DESC, c.gate`;
}
