/**
 * Paying for a hold and cancelling a booking. Money moves outside the
 * database transaction, so the order is what keeps it right: authorize, then
 * commit the sale, then capture; any failure after authorizing voids the
 * authorization, so nobody pays without a booking. Cancelling refunds first
 * and then returns the tickets; a retry after a failure in between refunds
 * nothing twice (refunds are idempotent) and completes the cancellation.
 */
import { ownsRecord, requireViewer, type Viewer } from '../accounts/policy.js';
import type { Clock } from '../clock.js';
import type { Sql } from '../db/client.js';
import type { Logger } from '../logger.js';
import { userError } from '../user-error.js';
import { lockOwnHold } from './holds.js';
import { PaymentUnavailableError, type PaymentProvider } from './payments/provider.js';
import { recordSeatMapChanges, type SeatMapLog, type Tx } from './seat-map-log.js';
import { Abort, transaction } from './transaction.js';
import { isFailure, type BookingResult, type Failure, type HoldRow } from './types.js';

export interface PurchaseOptions {
  sql: Sql;
  clock: Clock;
  payments: PaymentProvider;
  logger: Logger;
  /** Bookings can be cancelled until this long before their event starts. */
  cancellationCutoffMs: number;
  /** Where sales and cancellations record their seat-map changes. */
  seatMapLog: SeatMapLog;
}

const holdEnded = (hold: Pick<HoldRow, 'status'>): Failure =>
  hold.status === 'CONFIRMED'
    ? { userErrors: [userError('HOLD_ALREADY_CONFIRMED', 'This hold was already confirmed; see its booking.', ['input', 'holdId'])] }
    : { userErrors: [userError('HOLD_EXPIRED', 'This hold has expired or was released, so nothing was charged. Reserve again.', ['input', 'holdId'])] };

const processorDown = (error: PaymentUnavailableError): Failure => ({
  userErrors: [userError('PAYMENT_PROCESSING_ERROR', `${error.message} Nothing was charged.`, ['input', 'payment'])],
});

export function createPurchases({ sql, clock, payments, logger, cancellationCutoffMs, seatMapLog }: PurchaseOptions) {
  /** Releases an authorization; a failure is logged for reconciliation rather than hiding the first error. */
  async function voidQuietly(paymentId: string): Promise<void> {
    await payments.void(paymentId).catch((error: unknown) => logger.error({ err: error, paymentId }, 'could not void an authorization: reconcile it'));
  }

  /** Marks the hold's tickets SOLD to a new booking, if they are all still the hold's. */
  async function sell(tx: Tx, hold: HoldRow, sale: Sale, now: Date): Promise<{ bookingId: number }> {
    const sold = await tx<{ bookingId: string; ticketId: string; price: number }[]>`
      WITH booking AS (
        INSERT INTO bookings (event_id, user_id, hold_id, total, currency, payment_id, payment_status, card_last4, created_at)
        VALUES (${hold.eventId}, ${hold.userId}, ${hold.id}, ${sale.total}, ${sale.currency}, ${sale.paymentId}, 'AUTHORIZED', ${sale.last4}, ${now})
        RETURNING id
      )
      UPDATE tickets t SET status = 'SOLD', booking_id = (SELECT id FROM booking), held_until = NULL
      FROM hold_tickets ht
      WHERE ht.hold_id = ${hold.id} AND t.id = ht.ticket_id AND t.hold_id = ${hold.id} AND t.status = 'HELD'
      RETURNING t.booking_id AS "bookingId", t.id AS "ticketId", t.price`;
    if (sold.length < sale.ticketCount) throw new Abort(holdEnded({ status: 'EXPIRED' }));
    const bookingId = Number(sold[0]!.bookingId);
    const ticketIds = sold.map((row) => Number(row.ticketId));
    await tx`
      WITH kept AS (
        UPDATE hold_tickets SET claimed_until = NULL WHERE hold_id = ${hold.id}
      ), confirmed AS (
        UPDATE holds SET status = 'CONFIRMED', ended_at = ${now} WHERE id = ${hold.id}
      )
      INSERT INTO outbox (topic, payload, created_at)
      VALUES ('booking.confirmed', ${sql.json({ bookingId, holdId: hold.id, eventId: hold.eventId, userId: hold.userId, total: sale.total, currency: sale.currency, ticketIds })}, ${now})`;
    recordSeatMapChanges(tx, sold.map((row) => ({ eventId: hold.eventId, ticketId: Number(row.ticketId), status: 'SOLD', price: row.price })));
    return { bookingId };
  }

  return {
    /** Pays for a live hold of the caller's with the card `token`; see the module comment for the order of steps. */
    async confirmBooking(viewer: Viewer | null, holdId: number, token: string): Promise<BookingResult> {
      const caller = requireViewer(viewer);
      const [hold] = await sql<[(Pick<HoldRow, 'userId' | 'status' | 'expiresAt'> & { currency: string; total: number; ticketCount: number })?]>`
        SELECT h.user_id AS "userId", h.status, h.expires_at AS "expiresAt",
               e.currency, sum(ht.price)::int AS total, count(ht.ticket_id)::int AS "ticketCount"
        FROM holds h JOIN events e ON e.id = h.event_id JOIN hold_tickets ht ON ht.hold_id = h.id
        WHERE h.id = ${holdId}
        GROUP BY h.id, e.currency`;
      if (!hold || !ownsRecord(caller, hold)) return { userErrors: [userError('HOLD_NOT_FOUND', 'No hold of yours has this ID.', ['input', 'holdId'])] };
      if (hold.status !== 'ACTIVE' || hold.expiresAt <= clock()) return holdEnded(hold);

      let authorization;
      try {
        authorization = await payments.authorize({ amount: hold.total, currency: hold.currency, token, reference: `hold:${holdId}` });
      } catch (error) {
        if (error instanceof PaymentUnavailableError) return processorDown(error);
        throw error;
      }
      if (authorization.outcome === 'DECLINED') {
        return { userErrors: [userError('PAYMENT_DECLINED', `${authorization.message} Your seats are still held: try another card.`, ['input', 'payment', 'token'])] };
      }

      const { paymentId, last4 } = authorization;
      let result: BookingResult;
      try {
        result = await transaction(seatMapLog, async (tx) => {
          const locked = await lockOwnHold(tx, caller, holdId);
          const now = clock();
          if (locked.status !== 'ACTIVE' || locked.expiresAt <= now) throw new Abort(holdEnded(locked));
          return sell(tx, locked, { paymentId, last4, total: hold.total, currency: hold.currency, ticketCount: hold.ticketCount }, now);
        });
      } catch (error) {
        await voidQuietly(paymentId);
        throw error;
      }
      if (isFailure(result)) {
        await voidQuietly(paymentId);
        return result;
      }
      try {
        await payments.capture(paymentId);
        await sql`UPDATE bookings SET payment_status = 'CAPTURED' WHERE id = ${result.bookingId} AND payment_status = 'AUTHORIZED'`;
      } catch (error) {
        // The sale stands on its authorization; capturing it later is reconciliation's job.
        logger.error({ err: error, paymentId, bookingId: result.bookingId }, 'capture failed after the booking was committed');
      }
      return result;
    },

    /** Refunds a booking of the caller's in full and puts its tickets back on sale, until the cut-off before the event. */
    async cancelBooking(viewer: Viewer | null, bookingId: number): Promise<BookingResult> {
      const caller = requireViewer(viewer);
      const [booking] = await sql<[{ userId: number; status: string; paymentId: string; startsAt: Date }?]>`
        SELECT b.user_id AS "userId", b.status, b.payment_id AS "paymentId", e.starts_at AS "startsAt"
        FROM bookings b JOIN events e ON e.id = b.event_id WHERE b.id = ${bookingId}`;
      if (!booking || !ownsRecord(caller, booking)) {
        return { userErrors: [userError('BOOKING_NOT_FOUND', 'No booking of yours has this ID.', ['input', 'bookingId'])] };
      }
      const alreadyCancelled: Failure = { userErrors: [userError('ALREADY_CANCELLED', 'This booking is already cancelled.', ['input', 'bookingId'])] };
      if (booking.status === 'CANCELLED') return alreadyCancelled;
      const cutoff = new Date(booking.startsAt.getTime() - cancellationCutoffMs);
      if (clock() >= cutoff) {
        return { userErrors: [userError('CANCELLATION_CLOSED', `Cancellations closed at ${cutoff.toISOString()}.`, ['input', 'bookingId'])] };
      }

      let refund: 'REFUNDED' | 'VOIDED';
      try {
        refund = await payments.refund(booking.paymentId);
      } catch (error) {
        if (error instanceof PaymentUnavailableError) return processorDown(error);
        throw error;
      }
      return transaction(seatMapLog, async (tx) => {
        const now = clock();
        const freed = await tx<{ eventId: number; holdId: string; ticketId: string | null; price: number }[]>`
          WITH cancelled AS (
            UPDATE bookings SET status = 'CANCELLED', cancelled_at = ${now}, payment_status = ${refund}
            WHERE id = ${bookingId} AND status = 'CONFIRMED'
            RETURNING id, event_id, hold_id, user_id
          ), withdrawn AS (
            UPDATE hold_tickets SET claimed_until = claimed_from WHERE hold_id IN (SELECT hold_id FROM cancelled)
          ), freed AS (
            -- held_until: where the withdrawn claim now ends, as a released hold leaves it (see endHolds)
            UPDATE tickets t SET status = 'AVAILABLE', hold_id = NULL, booking_id = NULL, held_until = ht.claimed_from
            FROM hold_tickets ht, cancelled
            WHERE ht.hold_id = cancelled.hold_id AND t.id = ht.ticket_id AND t.booking_id = cancelled.id
            RETURNING t.id, t.price
          ), announced AS (
            INSERT INTO outbox (topic, payload, created_at)
            SELECT 'booking.cancelled',
                   jsonb_build_object('bookingId', id, 'eventId', event_id, 'userId', user_id, 'refund', ${refund}::text, 'ticketIds', (SELECT jsonb_agg(id) FROM freed)),
                   ${now}
            FROM cancelled
          )
          SELECT cancelled.event_id AS "eventId", cancelled.hold_id AS "holdId", freed.id AS "ticketId", freed.price
          FROM cancelled LEFT JOIN freed ON true`;
        if (freed.length === 0) throw new Abort(alreadyCancelled);
        const changes = freed.filter((row) => row.ticketId !== null);
        recordSeatMapChanges(tx, changes.map((row) => ({ eventId: row.eventId, ticketId: Number(row.ticketId), status: 'AVAILABLE', price: row.price })));
        return { bookingId };
      });
    },
  };
}

interface Sale {
  paymentId: string;
  last4: string;
  total: number;
  currency: string;
  ticketCount: number;
}
