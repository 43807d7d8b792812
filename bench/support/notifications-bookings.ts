/**
 * The sales bench:notifications sends e-mails for: confirmed bookings of one
 * event, written by SQL as a captured purchase leaves them, each with its
 * `booking.confirmed` outbox message in the same transaction, as
 * booking/purchase.ts writes it; the moment each transaction committed is
 * what a booking's e-mail delay is measured from.
 *
 * test/organizer/cancellation-support.ts's insertSoldBookings sells one
 * ticket a booking; here a booking has one or two (every other one two), as
 * the e-mail's cost grows with its tickets (a QR image each). The statement
 * is that one's, with the tickets grouped by booking.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

import type postgres from 'postgres';

import { write } from '../../src/outbox/store.js';
import { createBuyers, createOnSaleEvent } from '../../test/support/booking.js';

/** Tickets of the `n`th booking (from 0): one, then two, in turn. */
export const ticketsOfBooking = (n: number) => 1 + (n % 2);

/** Rows of the event's reserved section (A, B, ...); its seats per row are as many as the sales need. */
const ROWS = 20;

export interface BenchSale {
  eventId: number;
  /** The buyers, in turn. */
  userIds: number[];
}

/** An on-sale event with seats for `bookings` bookings (ticketsOfBooking each), and `buyers` fans. */
export async function createBenchSale(sql: postgres.Sql, bookings: number, buyers: number): Promise<BenchSale> {
  let tickets = 0;
  for (let n = 0; n < bookings; n++) tickets += ticketsOfBooking(n);
  const [organizer] = await createBuyers(sql, 1, 'ORGANIZER');
  const fans = await createBuyers(sql, buyers);
  const event = await createOnSaleEvent(sql, organizer!.userId, { rows: ROWS, seatsPerRow: Math.ceil(tickets / ROWS), gaCapacity: 1 });
  return { eventId: event.eventId, userIds: fans.map((fan) => fan.userId) };
}

/** A booking as its outbox message tells of it. */
interface SoldBooking {
  bookingId: number;
  holdId: number;
  userId: number;
  total: number;
  currency: string;
  ticketIds: number[];
}

/**
 * Sells `count` bookings of the sale's available seats in one transaction,
 * the `first`th booking of the run first (which decides its tickets and its
 * buyer), and writes their `booking.confirmed` messages in it. Resolves to
 * the bookings' ids and the moment the transaction committed (Date.now()).
 */
export async function commitBookings(sql: postgres.Sql, sale: BenchSale, first: number, count: number): Promise<{ bookingIds: number[]; committedAt: number }> {
  const numbers = Array.from({ length: count }, (_, i) => first + i);
  const at = new Date();
  const sold = await sql.begin(async (tx) => {
    const bookings = await tx<SoldBooking[]>`
      WITH wanted AS (
        SELECT w.tickets, sum(w.tickets) OVER (ORDER BY w.ord) - w.tickets AS before,
               (${sale.userIds}::integer[])[1 + w.n % ${sale.userIds.length}] AS user_id,
               nextval(pg_get_serial_sequence('holds', 'id')) AS hold_id,
               nextval(pg_get_serial_sequence('bookings', 'id')) AS booking_id,
               nextval(pg_get_serial_sequence('purchases', 'id')) AS purchase_id,
               'ch_test_' || md5(random()::text) AS payment_id
        FROM unnest(${numbers}::integer[], ${numbers.map(ticketsOfBooking)}::integer[]) WITH ORDINALITY AS w(n, tickets, ord)
      ), free AS (
        SELECT t.id, t.price, row_number() OVER (ORDER BY t.id) AS r FROM tickets t
        WHERE t.event_id = ${sale.eventId} AND t.status = 'AVAILABLE' ORDER BY t.id LIMIT (SELECT sum(tickets) FROM wanted)
      ), picked AS (
        SELECT w.*, f.id AS ticket_id, f.price FROM wanted w JOIN free f ON f.r > w.before AND f.r <= w.before + w.tickets
      ), booking AS (
        SELECT p.booking_id, p.hold_id, p.purchase_id, p.payment_id, p.user_id, sum(p.price)::integer AS total, e.currency,
               array_agg(p.ticket_id ORDER BY p.ticket_id) AS ticket_ids
        FROM picked p JOIN events e ON e.id = ${sale.eventId}
        GROUP BY p.booking_id, p.hold_id, p.purchase_id, p.payment_id, p.user_id, e.currency
      ), held AS (
        INSERT INTO holds (id, event_id, user_id, status, expires_at, created_at, ended_at) OVERRIDING SYSTEM VALUE
        SELECT hold_id, ${sale.eventId}, user_id, 'CONFIRMED', ${at}::timestamptz + interval '10 minutes', ${at}, ${at} FROM booking
      ), claimed AS (
        INSERT INTO hold_tickets (hold_id, ticket_id, price, claimed_from, claimed_until) SELECT hold_id, ticket_id, price, ${at}, NULL FROM picked
      ), charged AS (
        INSERT INTO simulated_charges (id, idempotency_key, amount, currency, reference, status, card_last4, created_at, captured_at)
        SELECT payment_id, 'purchase-' || purchase_id, total, currency, 'hold:' || hold_id, 'CAPTURED', '4242', ${at}, ${at} FROM booking
      ), booked AS (
        INSERT INTO bookings (id, event_id, user_id, hold_id, status, total, currency, payment_id, payment_status, card_last4, created_at) OVERRIDING SYSTEM VALUE
        SELECT booking_id, ${sale.eventId}, user_id, hold_id, 'CONFIRMED', total, currency, payment_id, 'CAPTURED', '4242', ${at} FROM booking
      ), purchased AS (
        INSERT INTO purchases (id, user_id, idempotency_key, hold_id, amount, currency, step, payment_id, card_last4, booking_id, created_at, updated_at)
        OVERRIDING SYSTEM VALUE
        SELECT purchase_id, user_id, 'bulk-' || purchase_id, hold_id, total, currency, 'CAPTURED', payment_id, '4242', booking_id, ${at}, ${at} FROM booking
      ), sold AS (
        UPDATE tickets t SET status = 'SOLD', hold_id = p.hold_id, booking_id = p.booking_id, held_until = NULL FROM picked p WHERE t.id = p.ticket_id
      )
      SELECT booking_id::integer AS "bookingId", hold_id::integer AS "holdId", user_id AS "userId", total, currency, ticket_ids::integer[] AS "ticketIds"
      FROM booking ORDER BY booking_id`;
    if (bookings.length !== count) throw new Error(`sold ${bookings.length} of ${count} bookings: the event has too few seats left`);
    // Sent together: postgres.js pipelines a transaction's statements.
    await Promise.all(bookings.map((booking) => write(tx, { topic: 'booking.confirmed', payload: { ...booking, eventId: sale.eventId } }, at)));
    return bookings;
  });
  return { bookingIds: sold.map((booking) => booking.bookingId), committedAt: Date.now() };
}

/** When each booking committed (Date.now()), by booking id. */
export type CommitTimes = Map<number, number>;

/**
 * Sells `count` bookings, `first` the first of the run, `perCommit` a
 * transaction, at `perSecond` bookings a second (0: one transaction after
 * another, as fast as they go), and answers when each committed.
 */
export async function sell(
  sql: postgres.Sql,
  sale: BenchSale,
  options: { first: number; count: number; perCommit: number; perSecond: number },
): Promise<CommitTimes> {
  const { first, count, perCommit, perSecond } = options;
  const committed: CommitTimes = new Map();
  const started = performance.now();
  for (let done = 0; done < count; done += perCommit) {
    // Paced from the start, not from the last commit, so that slow commits do not slow the rate.
    if (perSecond > 0) await sleep(Math.max(0, started + (done / perSecond) * 1000 - performance.now()));
    const { bookingIds, committedAt } = await commitBookings(sql, sale, first + done, Math.min(perCommit, count - done));
    for (const id of bookingIds) committed.set(id, committedAt);
  }
  return committed;
}
