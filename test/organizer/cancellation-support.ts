/**
 * What the cancellation tests (and bench/support/cancellation.ts) share: the
 * operations as a client sends them, the bookings of an event written
 * straight to the database as the purchase flow leaves them (selling
 * hundreds through the API would take longer than the tests), and what the
 * processor's ledger says of an event's bookings.
 */
import type postgres from 'postgres';

export const CANCEL_EVENT = `mutation ($input: CancelEventInput!) {
  cancelEvent(input: $input) { event { id status cancellation { reason requestedAt refundedBookings totalBookings completedAt } } userErrors { code message field } }
}`;

export const CANCELLATION = `query ($id: ID!) {
  node(id: $id) { ... on Event { status cancellation { reason requestedAt refundedBookings totalBookings completedAt } } }
}`;

/**
 * Sells `count` of the event's available tickets, one per booking, to the
 * users `userIds` in turn, as a captured purchase leaves them: a CONFIRMED
 * hold with its claim kept for good, the ticket SOLD, a CAPTURED charge in
 * the simulated processor's ledger under the purchase's key
 * (booking/purchase.ts's authorizationKey), the purchase CAPTURED and the
 * booking CONFIRMED and CAPTURED, `at`. One statement; the
 * ids come from the tables' own sequences. Answers how many were sold.
 */
export async function insertSoldBookings(sql: postgres.Sql, eventId: number, userIds: number[], count: number, at: Date): Promise<number> {
  const sold = await sql`
    WITH picked AS (
      SELECT t.id AS ticket_id, t.price, e.currency,
             (${userIds}::integer[])[1 + (t.n - 1) % ${userIds.length}] AS user_id,
             nextval(pg_get_serial_sequence('holds', 'id')) AS hold_id,
             nextval(pg_get_serial_sequence('bookings', 'id')) AS booking_id,
             nextval(pg_get_serial_sequence('purchases', 'id')) AS purchase_id,
             'ch_test_' || md5(random()::text) AS payment_id
      FROM (SELECT id, price, event_id, row_number() OVER (ORDER BY id) AS n FROM tickets
            WHERE event_id = ${eventId} AND status = 'AVAILABLE' ORDER BY id LIMIT ${count}) t
      JOIN events e ON e.id = t.event_id
    ), held AS (
      INSERT INTO holds (id, event_id, user_id, status, expires_at, created_at, ended_at) OVERRIDING SYSTEM VALUE
      SELECT hold_id, ${eventId}, user_id, 'CONFIRMED', ${at}::timestamptz + interval '10 minutes', ${at}, ${at} FROM picked
    ), claimed AS (
      INSERT INTO hold_tickets (hold_id, ticket_id, price, claimed_from, claimed_until) SELECT hold_id, ticket_id, price, ${at}, NULL FROM picked
    ), charged AS (
      INSERT INTO simulated_charges (id, idempotency_key, amount, currency, reference, status, card_last4, created_at, captured_at)
      SELECT payment_id, 'purchase-' || purchase_id, price, currency, 'hold:' || hold_id, 'CAPTURED', '4242', ${at}, ${at} FROM picked
    ), booked AS (
      INSERT INTO bookings (id, event_id, user_id, hold_id, status, total, currency, payment_id, payment_status, card_last4, created_at) OVERRIDING SYSTEM VALUE
      SELECT booking_id, ${eventId}, user_id, hold_id, 'CONFIRMED', price, currency, payment_id, 'CAPTURED', '4242', ${at} FROM picked
    ), purchased AS (
      INSERT INTO purchases (id, user_id, idempotency_key, hold_id, amount, currency, step, payment_id, card_last4, booking_id, created_at, updated_at)
      OVERRIDING SYSTEM VALUE
      SELECT purchase_id, user_id, 'bulk-' || purchase_id, hold_id, price, currency, 'CAPTURED', payment_id, '4242', booking_id, ${at}, ${at} FROM picked
    )
    UPDATE tickets t SET status = 'SOLD', hold_id = p.hold_id, booking_id = p.booking_id, held_until = NULL
    FROM picked p WHERE t.id = p.ticket_id`;
  return sold.count;
}

/** Each booking of the event with its status and payment status, and its charge's status and refund time in the ledger, in booking order. */
export function ledgerOf(
  sql: postgres.Sql,
  eventId: number,
): Promise<{ bookingId: string; status: string; paymentStatus: string; charge: string; refundedAt: Date | null; voidedAt: Date | null }[]> {
  return sql`
    SELECT b.id AS "bookingId", b.status, b.payment_status AS "paymentStatus", c.status AS charge, c.refunded_at AS "refundedAt", c.voided_at AS "voidedAt"
    FROM bookings b JOIN simulated_charges c ON c.id = b.payment_id WHERE b.event_id = ${eventId} ORDER BY b.id`;
}
