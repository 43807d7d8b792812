/**
 * Paying for a hold and cancelling a booking. Money moves outside the
 * database, so a purchase is recorded (in `purchases`) before the card is
 * touched and moves through recovery points, each recorded before the next
 * step starts: STARTED (the processor is given a key derived from the
 * purchase, so asking again answers the same charge), AUTHORIZED (the charge),
 * BOOKED (the sale committed), CAPTURED. A retry of the same request after a
 * crash resumes from the last point: at most one authorization and one
 * capture, ever. An expected failure after authorizing (the hold ran out, the
 * event was cancelled) voids the authorization; what a crash leaves behind,
 * the reconciler (payment-reconciler.ts) finishes or voids.
 *
 * Cancelling refunds first and then returns the tickets; a retry after a
 * failure in between refunds nothing twice (refunds are idempotent) and
 * completes the cancellation.
 */
import { ownsRecord, requireViewer, type Viewer } from '../accounts/policy.js';
import type { Clock } from '../clock.js';
import type { Sql } from '../db/client.js';
import type { Logger } from '../logger.js';
import { write } from '../outbox/store.js';
import { recordSeatMapChanges, type SeatMapLog, type Tx } from '../seatmap/change-log.js';
import { isFailure, type Result, type UserFailure, userFailure } from '../user-error.js';
import type { BookingSignals } from './booking.js';
import { queueCapture } from './capture-job.js';
import { holdLiveAt } from './hold-expiry.js';
import { KEY_LIFETIME_MS, keyReused } from './idempotency.js';
import { type PaymentProvider, PaymentUnavailableError } from './payments/provider.js';
import {
  bookingToCancel,
  cancelBookingFreeingTickets,
  deletePurchase,
  holdToBuy,
  insertPurchase,
  lockPurchase,
  recordAuthorization,
  recordCapture,
  recordSale,
  sellTickets,
} from './store/purchases.js';
import { Rollback, transaction } from './transaction.js';
import type { BookingResult, HoldRow, PurchaseRow } from './types.js';

export interface PurchaseOptions {
  sql: Sql;
  clock: Clock;
  payments: PaymentProvider;
  logger: Logger;
  /** Bookings can be cancelled until this long before their event starts. */
  cancellationCutoffMs: number;
  /** Where sales and cancellations record their seat-map changes. */
  seatMapLog: SeatMapLog;
  /** Told of each sale once it has committed (server.ts counts them in its metrics). */
  signals?: Pick<BookingSignals, 'sold'>;
  /** Test-only: a sale does not share-lock its event, to show that the tests catch a sale committed on a cancelled event. */
  unsafeDisableEventLock?: boolean;
}

const holdEnded = (hold: Pick<HoldRow, 'status'>): UserFailure =>
  hold.status === 'CONFIRMED'
    ? userFailure('HOLD_ALREADY_CONFIRMED', 'This hold was already confirmed; see its booking.', ['input', 'holdId'])
    : userFailure('HOLD_EXPIRED', 'This hold has expired or was released, so nothing was charged. Reserve again.', ['input', 'holdId']);

const notOnSale = userFailure('EVENT_NOT_ON_SALE', 'This event is no longer selling tickets (cancelled, or already started), so nothing was charged.', [
  'input',
  'holdId',
]);

const processorDown = (error: PaymentUnavailableError): UserFailure =>
  userFailure('PAYMENT_PROCESSING_ERROR', `${error.message} Nothing was charged.`, ['input', 'payment']);

const abandoned = userFailure(
  'PAYMENT_PROCESSING_ERROR',
  'This purchase was interrupted and its card authorization released, so nothing was charged. Pay again with a new idempotency key.',
  ['input', 'idempotencyKey'],
);

/** The key the processor gets for a purchase's authorization: the same purchase always asks with the same key. */
export const authorizationKey = (purchaseId: number) => `purchase-${purchaseId}`;

/** The purchase an authorization key names (null for a key of another kind). */
export const purchaseOfAuthorizationKey = (key: string | null): number | null => {
  const match = /^purchase-(\d+)$/.exec(key ?? '');
  return match ? Number(match[1]) : null;
};

/**
 * Cancels a CONFIRMED booking whose payment was just refunded (`refund`), in
 * the caller's transaction: the booking CANCELLED, its tickets freed (on the
 * seat map too) and booking.cancelled in the outbox. Freed tickets are back
 * on sale unless the booking was cancelled because its event was
 * (`eventCancelled`). Answers the booking's event and buyer; undefined when
 * the booking was not CONFIRMED, and then nothing changed.
 */
export async function cancelRefundedBooking(
  tx: Tx,
  cancellation: { bookingId: number; refund: 'REFUNDED' | 'VOIDED'; now: Date; eventCancelled?: boolean },
): Promise<{ eventId: number; userId: number } | undefined> {
  const { bookingId, refund, now, eventCancelled = false } = cancellation;
  const freed = await cancelBookingFreeingTickets(tx, bookingId, refund, now);
  if (freed.length === 0) return undefined;
  const changes = freed.filter((row) => row.ticketId !== null);
  const { eventId, userId } = freed[0]!;
  const ticketIds = changes.map((row) => Number(row.ticketId));
  await write(tx, { topic: 'booking.cancelled', payload: { bookingId, eventId, userId, refund, ticketIds, eventCancelled } }, now);
  recordSeatMapChanges(
    tx,
    changes.map((row) => ({ eventId: row.eventId, ticketId: Number(row.ticketId), status: 'AVAILABLE', price: row.price })),
  );
  return { eventId, userId };
}

export function createPurchases({ sql, clock, payments, logger, cancellationCutoffMs, seatMapLog, signals, unsafeDisableEventLock = false }: PurchaseOptions) {
  /** Releases an authorization; a failure is logged, and the reconciler voids it later. */
  async function voidQuietly(paymentId: string): Promise<void> {
    await payments.void(paymentId).catch((error: unknown) => logger.error({ err: error, paymentId }, 'could not void an authorization; the reconciler will'));
  }

  /** A purchase that ended without a sale is forgotten, so that the same key may try again (only successes are kept). */
  async function forget(purchase: PurchaseRow, failure: UserFailure): Promise<UserFailure> {
    await deletePurchase(sql, purchase.id);
    return failure;
  }

  /** The purchase of this key, resumed where it stopped, or a new one for a live hold of the caller's. */
  async function startOrResume(caller: Viewer, holdId: number, idempotencyKey: string): Promise<Result<PurchaseRow>> {
    const now = clock();
    const forgottenAt = new Date(now.getTime() - KEY_LIFETIME_MS);
    const found = await holdToBuy(sql, holdId, caller.userId, idempotencyKey, now, forgottenAt);
    if (!found || !ownsRecord(caller, found)) return userFailure('HOLD_NOT_FOUND', 'No hold of yours has this ID.', ['input', 'holdId']);
    const { existing } = found;
    if (existing) {
      if (existing.holdId !== holdId) return keyReused;
      return existing.step === 'VOIDED' ? abandoned : existing;
    }
    if (!holdLiveAt(found, now)) return holdEnded(found);
    if (!found.selling) return notOnSale;
    // Recorded before the processor is called: from here on, a crash leaves a purchase to resume or reconcile.
    // A finished purchase whose key is forgotten (see idempotency.ts) makes way, so this one gets an id, and a processor key, of its own.
    const created = await insertPurchase(sql, {
      userId: caller.userId,
      idempotencyKey,
      holdId,
      amount: found.total,
      ticketPrices: found.ticketPrices,
      currency: found.currency,
      now,
      forgottenAt,
    });
    return created ?? startOrResume(caller, holdId, idempotencyKey); // a request it raced with (after a crash) made it first
  }

  /** STARTED: authorizes the card under the purchase's own key, and records the charge. */
  async function authorize(purchase: PurchaseRow, token: string): Promise<Result<PurchaseRow>> {
    let authorization;
    try {
      authorization = await payments.authorize({
        amount: purchase.amount,
        currency: purchase.currency,
        token,
        reference: `hold:${purchase.holdId}`,
        idempotencyKey: authorizationKey(purchase.id),
      });
    } catch (error) {
      // Kept as STARTED: should the processor have charged after all, a retry asks with the same key and gets that charge.
      if (error instanceof PaymentUnavailableError) return processorDown(error);
      throw error;
    }
    if (authorization.outcome === 'DECLINED') {
      return forget(
        purchase,
        userFailure('PAYMENT_DECLINED', `${authorization.message} Your seats are still held: try another card.`, ['input', 'payment', 'token']),
      );
    }
    await recordAuthorization(sql, purchase.id, authorization.paymentId, authorization.last4, clock());
    return { ...purchase, step: 'AUTHORIZED', paymentId: authorization.paymentId, cardLast4: authorization.last4 };
  }

  /**
   * AUTHORIZED: sells the hold's tickets, in one transaction with the purchase's
   * step, if the hold is still the caller's and live and its event still selling.
   */
  async function book(purchase: PurchaseRow): Promise<Result<PurchaseRow>> {
    let seats = 0;
    const sold = await transaction(seatMapLog, async (tx) => {
      const now = clock();
      // The purchase is locked so that the reconciler cannot void its authorization while it is sold; the event is
      // share-locked so that a cancellation of the event commits before this sale (and is seen) or after it (and refunds it).
      const { step, hold, selling } = await lockPurchase(tx, purchase.id, now, !unsafeDisableEventLock);
      if (step === 'VOIDED') throw new Rollback(abandoned);
      if (!holdLiveAt(hold, now)) throw new Rollback(holdEnded(hold));
      if (!selling) throw new Rollback(notOnSale);
      const sale = await sell(tx, hold, purchase, now);
      seats = sale.seats;
      return { ...purchase, step: 'BOOKED' as const, bookingId: sale.bookingId };
    });
    if (!isFailure(sold)) {
      signals?.sold(seats);
      return sold;
    }
    // A purchase the reconciler abandoned stays so (its authorization is void already); any other failure lets the authorization go.
    if (sold === abandoned) return sold;
    await voidQuietly(purchase.paymentId!);
    return forget(purchase, sold);
  }

  /**
   * BOOKED: takes the money. A failure leaves the sale standing on its authorization, and its capture to a job
   * of the queue (capture-job.ts), retried with backoff; should even that not be queued, the reconciler queues it.
   */
  async function capture(purchase: PurchaseRow): Promise<void> {
    try {
      await payments.capture(purchase.paymentId!);
      await recordCapture(sql, purchase.bookingId!, clock());
    } catch (error) {
      const queued = await queueCapture(sql, purchase.bookingId!).then(
        () => true,
        () => false,
      );
      logger.error(
        { err: error, paymentId: purchase.paymentId, bookingId: purchase.bookingId },
        queued
          ? 'capture failed after the booking was committed; a job retries it'
          : 'capture failed after the booking was committed; the reconciler will retry',
      );
    }
  }

  /** Marks the hold's tickets SOLD to a new booking, if they are all still the hold's, and moves the purchase to BOOKED. */
  async function sell(
    tx: Tx,
    hold: Pick<HoldRow, 'id' | 'eventId' | 'userId'>,
    purchase: PurchaseRow,
    now: Date,
  ): Promise<{ bookingId: number; seats: number }> {
    const sold = await sellTickets(tx, hold, purchase, now);
    if (sold.length === 0 || sold.length < sold[0]!.held) throw new Rollback(holdEnded({ status: 'EXPIRED' }));
    const bookingId = Number(sold[0]!.bookingId);
    const ticketIds = sold.map((row) => Number(row.ticketId));
    await recordSale(tx, hold, purchase, { bookingId, ticketIds }, now);
    recordSeatMapChanges(
      tx,
      sold.map((row) => ({ eventId: hold.eventId, ticketId: Number(row.ticketId), status: 'SOLD', price: row.price })),
    );
    return { bookingId, seats: ticketIds.length };
  }

  return {
    /**
     * Pays for a live hold of the caller's with the card `token`, as the purchase
     * of `idempotencyKey`: a new one, or the one a crash interrupted, resumed.
     */
    async confirmBooking(viewer: Viewer | null, holdId: number, token: string, idempotencyKey: string): Promise<BookingResult> {
      const caller = requireViewer(viewer);
      let purchase = await startOrResume(caller, holdId, idempotencyKey);
      if (!isFailure(purchase) && purchase.step === 'STARTED') purchase = await authorize(purchase, token);
      if (!isFailure(purchase) && purchase.step === 'AUTHORIZED') purchase = await book(purchase);
      if (isFailure(purchase)) return purchase;
      if (purchase.step === 'BOOKED') await capture(purchase);
      return { bookingId: purchase.bookingId! };
    },

    /** Refunds a booking of the caller's in full and puts its tickets back on sale, until the cut-off before the event. */
    async cancelBooking(viewer: Viewer | null, bookingId: number): Promise<BookingResult> {
      const caller = requireViewer(viewer);
      const booking = await bookingToCancel(sql, bookingId);
      if (!booking || !ownsRecord(caller, booking)) return userFailure('BOOKING_NOT_FOUND', 'No booking of yours has this ID.', ['input', 'bookingId']);
      const alreadyCancelled = userFailure('ALREADY_CANCELLED', 'This booking is already cancelled.', ['input', 'bookingId']);
      if (booking.status === 'CANCELLED') return alreadyCancelled;
      // The event's cancellation refunds it (organizer/refunds.ts), and counts it as it does.
      if (booking.eventCancelled) {
        return userFailure('ALREADY_CANCELLED', 'This event was cancelled: every booking of it is being refunded in full.', ['input', 'bookingId']);
      }
      const cutoff = new Date(booking.startsAt.getTime() - cancellationCutoffMs);
      if (clock() >= cutoff) {
        return userFailure('CANCELLATION_CLOSED', `Cancellations closed at ${cutoff.toISOString()}.`, ['input', 'bookingId']);
      }

      let refund: 'REFUNDED' | 'VOIDED';
      try {
        refund = await payments.refund(booking.paymentId);
      } catch (error) {
        if (error instanceof PaymentUnavailableError) return processorDown(error);
        throw error;
      }
      return transaction(seatMapLog, async (tx) => {
        if (!(await cancelRefundedBooking(tx, { bookingId, refund, now: clock() }))) throw new Rollback(alreadyCancelled);
        return { bookingId };
      });
    },
  };
}
