/**
 * Refunds the bookings of a cancelled event, each exactly once, across
 * crashes and restarts: a job on the queue (task `refund-cancelled-event`,
 * one per event), added by cancelEvent's transaction. Its jobs share the
 * queue `refunds`, which runs one of them at a time in the whole cluster, so
 * the rate below is the cluster's, as the card processor counts it. The job
 * goes through the event's CONFIRMED bookings a batch at a time. Each is:
 * 1. refunded in full by the card processor (a captured payment refunded, one
 *    only authorized voided). Asking again about a payment already refunded
 *    or voided changes nothing and answers the same (payments/provider.ts),
 *    so a crash before step 2 leaves the booking CONFIRMED for the job's next
 *    run, which asks again and refunds nothing twice;
 * 2. cancelled, in one transaction with the others refunded meanwhile: the
 *    booking CANCELLED with what the processor did, its tickets freed but not
 *    on sale (the event sells nothing more), booking.cancelled in the outbox,
 *    the seat map's changes, and one more refunded booking on the
 *    cancellation. The booking's status guards its change, so whichever run
 *    gets there first counts it, once.
 * When the event has no CONFIRMED booking left, its cancellation is complete.
 *
 * Refunds start no faster than `perSecond` apart, a few at once so that one
 * slow answer does not hold up the others. A processor that fails for a
 * moment (PaymentUnavailableError), the database, or the process shutting
 * down (stop(), or the job's abort signal) stops the refunds: those made are cancelled,
 * and the job throws, so the queue runs it again after its backoff. A booking
 * that fails on its own is logged and the others go on; at the end the job
 * throws naming how many are left, so it is retried, and is FAILED for admins
 * (`adminJobs`) if it never succeeds.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import type { JobHelpers } from 'graphile-worker';

import { type PaymentProvider, PaymentUnavailableError } from '../booking/payments/provider.js';
import { cancelRefundedBooking } from '../booking/purchase.js';
import type { Clock } from '../clock.js';
import { isDatabaseUnavailable } from '../db/availability.js';
import type { Queryable, Sql } from '../db/client.js';
import type { Job } from '../jobs/lifecycle.js';
import { addJob } from '../jobs/store.js';
import type { Logger } from '../logger.js';
import type { SeatMapLog } from '../seatmap/change-log.js';
import { bookingsToRefund, type BookingToRefund, completeCancellation, countRefunded, refundsWithoutJob } from './store/cancellations.js';

export const REFUND_TASK = 'refund-cancelled-event';
/** With graphile-worker's backoff (e^attempt seconds, at most 6 h apart), 25 attempts span about three days. */
const REFUND_ATTEMPTS = 25;
/** The queue every refund job runs in: one at a time in the cluster. */
const REFUND_QUEUE = 'refunds';

/** The job refunding the event's bookings, in `tx`'s transaction (cancelEvent's). */
export async function queueRefunds(tx: Queryable, eventId: number): Promise<void> {
  await addJob(tx, { task: REFUND_TASK, payload: { eventId }, key: `refunds:event:${eventId}`, maxAttempts: REFUND_ATTEMPTS, queue: REFUND_QUEUE });
}

/**
 * Queues the refunds of cancellations under way that have no job: those made
 * before refunds were jobs. Run at start-up; answers their events.
 */
export async function queueRefundsWithoutJob(sql: Sql): Promise<number[]> {
  const eventIds = await refundsWithoutJob(sql);
  for (const eventId of eventIds) await queueRefunds(sql, eventId);
  return eventIds;
}

export interface CancellationRefundsOptions {
  sql: Sql;
  clock: Clock;
  logger: Logger;
  payments: PaymentProvider;
  /** Where each cancelled booking records its freed tickets. */
  seatMapLog: SeatMapLog;
  /** Refunds started per second at most: the rate the card processor allows. */
  perSecond: number;
}

/** What a run of the job did. */
export interface RefundReport {
  /** Bookings refunded and cancelled. */
  refunded: number;
}

/** Its `stop()`, run before the queue's, ends the refunds under way at once (as the job's abort signal would, 5 s into the queue's shutdown), so that shutting down does not wait for them. */
export interface CancellationRefunds extends Job {
  /**
   * Refunds the CONFIRMED bookings of the cancelled event and completes its
   * cancellation; throws, once the refunds made are cancelled, after an
   * outage or `signal`'s abort, and at the end when bookings are left.
   */
  refundEvent(eventId: number, signal?: AbortSignal): Promise<RefundReport>;
  /** The queue's task: refundEvent for the job's event. */
  task(payload: unknown, helpers: Pick<JobHelpers, 'abortSignal'>): Promise<void>;
}

/** A booking the processor has refunded (or voided), to cancel. */
interface Refunded {
  booking: BookingToRefund;
  refund: 'REFUNDED' | 'VOIDED';
}

/** Bookings read at a time. */
const BATCH_SIZE = 100;
/** Refunds under way at once: enough for the provider's rate at its latency (25 a second × about 0.3 s for a card refund). */
const IN_FLIGHT = 8;
/** A refund due less than this far ahead starts at once: timers are no finer, and waiting longer would lower the rate. */
const TIMER_RESOLUTION_MS = 1;

/** The refunds, for the queue's task list (`task`) and for tests (`refundEvent`). */
export function createCancellationRefunds(options: CancellationRefundsOptions): CancellationRefunds {
  const { sql, clock, logger, payments, seatMapLog, perSecond } = options;
  const gapMs = 1000 / perSecond;
  /** When the next refund may start (performance.now()); kept from one job to the next, so that a new job does not burst. */
  let nextStart = 0;
  /** The process is shutting down: start no more refunds. */
  const stopping = new AbortController();

  /** Waits for the next refund's turn: turns are `gapMs` apart, and one missed (no refund was due) is not made up later in a burst. */
  async function turn(): Promise<void> {
    const now = performance.now();
    const start = Math.max(now, nextStart);
    nextStart = start + gapMs;
    if (start - now >= TIMER_RESOLUTION_MS) await sleep(start - now);
  }

  /**
   * Cancels bookings the processor has refunded, in one transaction, and
   * counts them on the cancellation; answers how many were cancelled (one
   * cancelled meanwhile, by another run of the job, is not).
   */
  async function cancelRefunded(eventId: number, refunded: Refunded[]): Promise<number> {
    return seatMapLog.transaction(async (tx) => {
      const now = clock();
      // Sent together: postgres.js pipelines them on the transaction's connection.
      const cancelled = await Promise.all(
        refunded.map(({ booking, refund }) => cancelRefundedBooking(tx, { bookingId: booking.id, refund, now, eventCancelled: true })),
      );
      const count = cancelled.filter((booking) => booking !== undefined).length;
      if (count > 0) await countRefunded(tx, eventId, count);
      return count;
    });
  }

  /**
   * Refunds `batch` at the processor, IN_FLIGHT at a time, and cancels the
   * bookings refunded, those done meanwhile together in one transaction while
   * the refunds go on (a group commit: at a low rate one at a time, as each is
   * refunded). Stops starting refunds after one failed for want of the
   * processor or the database, or once `signal` aborts, and throws once the
   * refunds made are cancelled.
   */
  async function refundAll(eventId: number, batch: BookingToRefund[], signal: AbortSignal | undefined): Promise<number> {
    let next = 0;
    let cancelled = 0;
    let outage: unknown;
    const refunded: Refunded[] = [];
    let cancelling: Promise<void> = Promise.resolve();
    /** Cancels what is refunded and not cancelled yet, after the cancellations under way. */
    const cancelSoon = () =>
      (cancelling = cancelling.then(async () => {
        const done = refunded.splice(0);
        if (done.length === 0) return;
        try {
          cancelled += await cancelRefunded(eventId, done);
        } catch (error) {
          outage ??= error; // their bookings stay CONFIRMED: the job's next run refunds them again (a no-op) and cancels them
        }
      }));
    const worker = async () => {
      while (next < batch.length && outage === undefined && !signal?.aborted && !stopping.signal.aborted) {
        const booking = batch[next++]!;
        await turn();
        try {
          refunded.push({ booking, refund: await payments.refund(booking.paymentId) });
          void cancelSoon();
        } catch (error) {
          if (error instanceof PaymentUnavailableError || isDatabaseUnavailable(error)) outage ??= error;
          else logger.error({ err: error, bookingId: booking.id, eventId }, 'could not refund a booking of a cancelled event; its job tries it again');
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    await cancelSoon();
    if (outage !== undefined) throw outage;
    if (signal?.aborted || stopping.signal.aborted) throw new Error(`The refunds of event ${eventId} stopped with the process; the job runs again.`);
    return cancelled;
  }

  async function refundEvent(eventId: number, signal?: AbortSignal): Promise<RefundReport> {
    let refunded = 0;
    // Batch after batch in id order: a booking that failed on its own is not asked about twice in a run.
    for (let after = 0, more = true; more;) {
      const batch = await bookingsToRefund(sql, eventId, after, BATCH_SIZE);
      after = batch.at(-1)?.id ?? after;
      refunded += await refundAll(eventId, batch, signal);
      more = batch.length === BATCH_SIZE;
    }
    const left = await completeCancellation(sql, eventId, clock());
    if (left > 0) throw new Error(`${left} booking(s) of cancelled event ${eventId} could not be refunded; the job tries them again.`);
    logger.info({ eventId, refunded }, 'refunded every booking of a cancelled event');
    return { refunded };
  }

  return {
    start() {},
    async stop() {
      stopping.abort();
    },
    refundEvent,
    async task(payload, helpers) {
      await refundEvent(Number((payload as { eventId?: unknown }).eventId), helpers.abortSignal);
    },
  };
}
