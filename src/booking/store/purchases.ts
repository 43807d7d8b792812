/**
 * Purchases, bookings and their cancellation: the statements purchase.ts and
 * payment-reconciler.ts send, each at the recovery point it records (see
 * purchase.ts for the order and the reasons).
 */
import type { Queryable, Sql } from '../../db/client.js';
import { write } from '../../outbox/store.js';
import type { Tx } from '../../seatmap/change-log.js';
import type { HoldRow, PurchaseRow } from '../types.js';

/** Events whose holds may still be sold: not cancelled, completed or unpublished. */
const SELLING = ['ON_SALE', 'SOLD_OUT'];

/** A finished purchase made at or before `time`: once its key is forgotten, so is it. */
const finishedBefore = (sql: Queryable, time: Date) => sql`created_at <= ${time} AND step IN ('CAPTURED', 'VOIDED')`;

/** The columns of a PurchaseRow, named as its fields. */
const purchaseColumns = (sql: Queryable) =>
  sql`id::int, user_id AS "userId", idempotency_key AS "idempotencyKey", hold_id::int AS "holdId", amount, currency, step,
      payment_id AS "paymentId", card_last4 AS "cardLast4", booking_id::int AS "bookingId"`;

/** A hold as a purchase starts from it, with its event's currency, its total, whether the event is selling, and the user's purchase of the key. */
export type HoldToBuy = { existing: PurchaseRow | null } & Pick<HoldRow, 'userId' | 'status' | 'expiresAt'> & {
    currency: string;
    total: number;
    /** What each ticket costs, by ticket id: `total`'s parts. */
    ticketPrices: Record<string, number>;
    selling: boolean;
  };

/**
 * The hold with what a purchase of it needs: its total, each ticket at the
 * price the hold fixed or, lower, at its price now (a fan never pays more than
 * the price on sale: pricing/ lowers it while they hold),
 * whether its event still sells at `now`, and the user's purchase of
 * `idempotencyKey` unless that finished before `forgottenAt`.
 */
export async function holdToBuy(
  sql: Sql,
  holdId: number,
  userId: number,
  idempotencyKey: string,
  now: Date,
  forgottenAt: Date,
): Promise<HoldToBuy | undefined> {
  const [found] = await sql<[HoldToBuy?]>`
      SELECT h.user_id AS "userId", h.status, h.expires_at AS "expiresAt", e.currency, sum(least(ht.price, t.price))::int AS total,
             jsonb_object_agg(ht.ticket_id, least(ht.price, t.price)) AS "ticketPrices",
             e.status = ANY(${SELLING}::event_status[]) AND e.starts_at > ${now} AS selling,
             (SELECT row_to_json(p) FROM (SELECT ${purchaseColumns(sql)} FROM purchases
               WHERE user_id = ${userId} AND idempotency_key = ${idempotencyKey} AND NOT (${finishedBefore(sql, forgottenAt)})) p) AS existing
      FROM holds h JOIN events e ON e.id = h.event_id JOIN hold_tickets ht ON ht.hold_id = h.id JOIN tickets t ON t.id = ht.ticket_id
      WHERE h.id = ${holdId}
      GROUP BY h.id, e.id`;
  return found;
}

/**
 * Records a new purchase (STARTED) of the user's key, replacing one of the
 * key that finished before `forgottenAt`; undefined when a purchase of the key
 * exists (a request it raced with made it first).
 */
export async function insertPurchase(
  sql: Sql,
  purchase: {
    userId: number;
    idempotencyKey: string;
    holdId: number;
    amount: number;
    ticketPrices: Record<string, number>;
    currency: string;
    now: Date;
    forgottenAt: Date;
  },
): Promise<PurchaseRow | undefined> {
  const { userId, idempotencyKey, holdId, amount, ticketPrices, currency, now, forgottenAt } = purchase;
  const [created] = await sql<[PurchaseRow?]>`
      WITH forgotten AS (
        DELETE FROM purchases WHERE user_id = ${userId} AND idempotency_key = ${idempotencyKey} AND ${finishedBefore(sql, forgottenAt)}
      )
      INSERT INTO purchases (user_id, idempotency_key, hold_id, amount, ticket_prices, currency, created_at, updated_at)
      VALUES (${userId}, ${idempotencyKey}, ${holdId}, ${amount}, ${sql.json(ticketPrices)}, ${currency}, ${now}, ${now})
      ON CONFLICT (user_id, idempotency_key) DO NOTHING
      RETURNING ${purchaseColumns(sql)}`;
  return created;
}

export async function deletePurchase(sql: Sql, purchaseId: number): Promise<void> {
  await sql`DELETE FROM purchases WHERE id = ${purchaseId}`;
}

/** STARTED -> AUTHORIZED, with the charge. */
export async function recordAuthorization(sql: Sql, purchaseId: number, paymentId: string, last4: string, now: Date): Promise<void> {
  await sql`
      UPDATE purchases SET step = 'AUTHORIZED', payment_id = ${paymentId}, card_last4 = ${last4}, updated_at = ${now}
      WHERE id = ${purchaseId} AND step = 'STARTED'`;
}

/**
 * The purchase's step and hold, both locked, and whether the hold's event
 * still sells at `now`, share-locked: a cancellation of the event commits
 * before the sale (and is seen) or after it (and refunds it). Without
 * `lockEvent` (test-only: unsafeDisableEventLock) the event is read unlocked.
 */
export async function lockPurchase(
  tx: Tx,
  purchaseId: number,
  now: Date,
  lockEvent = true,
): Promise<{ step: PurchaseRow['step']; hold: HoldRow; selling: boolean }> {
  const [locked] = await tx<[{ step: PurchaseRow['step']; hold: HoldRow; selling: boolean }]>`
        SELECT p.step, e.status = ANY(${SELLING}::event_status[]) AND e.starts_at > ${now} AS selling,
               json_build_object('id', h.id, 'eventId', h.event_id, 'userId', h.user_id, 'status', h.status, 'expiresAt', h.expires_at) AS hold
        FROM purchases p JOIN holds h ON h.id = p.hold_id JOIN events e ON e.id = h.event_id
        WHERE p.id = ${purchaseId}
        FOR UPDATE OF p, h ${lockEvent ? tx`FOR SHARE OF e` : tx``}`;
  return { ...locked, hold: { ...locked.hold, expiresAt: new Date(locked.hold.expiresAt) } };
}

/**
 * Writes a booking of the hold and marks those of its tickets that are still
 * HELD by it SOLD to it, each at the price its purchase charged (the hold's,
 * or lower: the ticket's own price may have changed since, as
 * pricing/reprice.ts reprices every unsold ticket). Returns each ticket sold,
 * with the number of tickets the hold has (`held`): fewer sold than held, and
 * the sale must roll back.
 */
export function sellTickets(
  tx: Tx,
  hold: Pick<HoldRow, 'id' | 'eventId' | 'userId'>,
  purchase: PurchaseRow,
  now: Date,
): Promise<{ bookingId: string; ticketId: string; price: number; held: number }[]> {
  return tx<{ bookingId: string; ticketId: string; price: number; held: number }[]>`
      WITH booking AS (
        INSERT INTO bookings (event_id, user_id, hold_id, total, currency, payment_id, payment_status, card_last4, created_at)
        VALUES (${hold.eventId}, ${hold.userId}, ${hold.id}, ${purchase.amount}, ${purchase.currency}, ${purchase.paymentId}, 'AUTHORIZED', ${purchase.cardLast4}, ${now})
        RETURNING id
      )
      UPDATE tickets t SET status = 'SOLD', booking_id = (SELECT id FROM booking), held_until = NULL,
        price = coalesce((p.ticket_prices ->> t.id::text)::int, ht.price)
      FROM hold_tickets ht, purchases p
      WHERE p.id = ${purchase.id} AND ht.hold_id = ${hold.id} AND t.id = ht.ticket_id AND t.hold_id = ${hold.id} AND t.status = 'HELD'
      RETURNING t.booking_id AS "bookingId", t.id AS "ticketId", t.price, (SELECT count(*)::int FROM hold_tickets WHERE hold_id = ${hold.id}) AS held`;
}

/** After the sale: the hold's claims kept for good, the hold CONFIRMED, the purchase BOOKED, and booking.confirmed in the outbox, in one statement. */
export async function recordSale(
  tx: Tx,
  hold: Pick<HoldRow, 'id' | 'eventId' | 'userId'>,
  purchase: PurchaseRow,
  sale: { bookingId: number; ticketIds: number[] },
  now: Date,
): Promise<void> {
  const { bookingId, ticketIds } = sale;
  await tx`
      WITH kept AS (
        UPDATE hold_tickets SET claimed_until = NULL WHERE hold_id = ${hold.id}
      ), confirmed AS (
        UPDATE holds SET status = 'CONFIRMED', ended_at = ${now} WHERE id = ${hold.id}
      ), booked AS (
        UPDATE purchases SET step = 'BOOKED', booking_id = ${bookingId}, updated_at = ${now} WHERE id = ${purchase.id}
      )
      ${write(tx, { topic: 'booking.confirmed', payload: { bookingId, holdId: hold.id, eventId: hold.eventId, userId: hold.userId, total: purchase.amount, currency: purchase.currency, ticketIds } }, now)}`;
}

/** Records a captured payment on its booking and purchase. */
export async function recordCapture(sql: Sql, bookingId: number, now: Date): Promise<void> {
  await sql`
    WITH booking AS (
      UPDATE bookings SET payment_status = 'CAPTURED' WHERE id = ${bookingId} AND payment_status = 'AUTHORIZED'
    )
    UPDATE purchases SET step = 'CAPTURED', updated_at = ${now} WHERE booking_id = ${bookingId} AND step = 'BOOKED'`;
}

/** A booking with what cancelling it needs: whose, its status and payment, when its event starts and whether it was cancelled. */
export async function bookingToCancel(
  sql: Sql,
  bookingId: number,
): Promise<{ userId: number; status: string; paymentId: string; startsAt: Date; eventCancelled: boolean } | undefined> {
  const [booking] = await sql<[{ userId: number; status: string; paymentId: string; startsAt: Date; eventCancelled: boolean }?]>`
        SELECT b.user_id AS "userId", b.status, b.payment_id AS "paymentId", e.starts_at AS "startsAt", e.status = 'CANCELLED' AS "eventCancelled"
        FROM bookings b JOIN events e ON e.id = b.event_id WHERE b.id = ${bookingId}`;
  return booking;
}

/**
 * Cancels a CONFIRMED booking (its payment now `refund`) and puts its tickets
 * back on sale: the hold's claims withdrawn, each ticket AVAILABLE at its
 * section's price of now, with held_until where the withdrawn claim now ends
 * (as a released hold leaves it, see holds.ts's endHolds). Returns a row per ticket freed (ticketId null
 * when none was), with the booking's event and buyer; none when the booking
 * was not CONFIRMED.
 */
export function cancelBookingFreeingTickets(
  tx: Tx,
  bookingId: number,
  refund: 'REFUNDED' | 'VOIDED',
  now: Date,
): Promise<{ eventId: number; userId: number; holdId: string; ticketId: string | null; price: number }[]> {
  return tx<{ eventId: number; userId: number; holdId: string; ticketId: string | null; price: number }[]>`
          WITH cancelled AS (
            UPDATE bookings SET status = 'CANCELLED', cancelled_at = ${now}, payment_status = ${refund}
            WHERE id = ${bookingId} AND status = 'CONFIRMED'
            RETURNING id, event_id, hold_id, user_id
          ), withdrawn AS (
            UPDATE hold_tickets SET claimed_until = claimed_from WHERE hold_id IN (SELECT hold_id FROM cancelled)
          ), freed AS (
            -- held_until: where the withdrawn claim now ends, as a released hold leaves it (see endHolds)
            UPDATE tickets t SET status = 'AVAILABLE', hold_id = NULL, booking_id = NULL, held_until = ht.claimed_from, price = es.price
            FROM hold_tickets ht, cancelled, event_sections es
            WHERE ht.hold_id = cancelled.hold_id AND t.id = ht.ticket_id AND t.booking_id = cancelled.id
              AND es.event_id = t.event_id AND es.section_id = t.section_id
            RETURNING t.id, t.price
          )
          SELECT cancelled.event_id AS "eventId", cancelled.user_id AS "userId", cancelled.hold_id AS "holdId", freed.id AS "ticketId", freed.price
          FROM cancelled LEFT JOIN freed ON true`;
}

// ---- The payment reconciler ----

/**
 * Marks VOIDED the purchase still on its way (STARTED or AUTHORIZED) of the
 * payment `paymentId` or of `purchaseId`; its id, or undefined when there was none.
 */
export async function stopPurchaseOfPayment(sql: Sql, paymentId: string, purchaseId: number | null, now: Date): Promise<{ id: string } | undefined> {
  const [stopped] = await sql<[{ id: string }?]>`
      UPDATE purchases SET step = 'VOIDED', updated_at = ${now}
      WHERE step IN ('STARTED', 'AUTHORIZED') AND (payment_id = ${paymentId} OR id = ${purchaseId})
      RETURNING id`;
  return stopped;
}

/** Whether a booking stands on the payment. */
export async function isPaymentBooked(sql: Sql, paymentId: string): Promise<boolean> {
  const [booked] = await sql`SELECT 1 FROM bookings WHERE payment_id = ${paymentId}`;
  return booked !== undefined;
}

/** The payment of a CONFIRMED booking whose payment is only authorized; undefined for any other booking. */
export async function uncapturedPayment(sql: Sql, bookingId: number): Promise<string | undefined> {
  const [booking] = await sql<[{ paymentId: string }?]>`
      SELECT payment_id AS "paymentId" FROM bookings WHERE id = ${bookingId} AND status = 'CONFIRMED' AND payment_status = 'AUTHORIZED'`;
  return booking?.paymentId;
}

/** CONFIRMED bookings made before `before` whose payment is only authorized, oldest first. */
export function uncapturedBookings(sql: Sql, before: Date): Promise<{ id: number; paymentId: string }[]> {
  return sql<{ id: number; paymentId: string }[]>`
      SELECT id::int, payment_id AS "paymentId" FROM bookings
      WHERE status = 'CONFIRMED' AND payment_status = 'AUTHORIZED' AND created_at < ${before} ORDER BY id`;
}
