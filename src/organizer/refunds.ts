/**
 * Refunds the bookings of cancelled events in the background, each exactly
 * once, across crashes and restarts. One process of the cluster refunds (a
 * session lock, jobs/leader-only.ts), and only while a cancellation is under
 * way (leading holds a connection of the pool): once the server's jobs
 * start, every interval, and at once when an event is cancelled (`tick`). A round goes
 * through the CONFIRMED bookings of every cancellation under way, a batch at
 * a time and each batch only while this process still leads. Each booking is:
 * 1. refunded in full by the card processor (a captured payment refunded, one
 *    only authorized voided). Asking again about a payment already refunded
 *    or voided changes nothing and answers the same (payments/provider.ts),
 *    so a crash before step 2 leaves the booking CONFIRMED for the next
 *    round, which asks again and refunds nothing twice;
 * 2. cancelled, in one transaction with the others refunded meanwhile: the
 *    booking CANCELLED with what the processor did, its tickets freed but not
 *    on sale (the event sells nothing more), booking.cancelled in the outbox,
 *    the seat map's changes, and one more refunded booking on the
 *    cancellation. The booking's status guards its change, so whichever
 *    process or round gets there first counts it, once.
 * When an event has no CONFIRMED booking left, its cancellation is complete.
 *
 * Refunds start no faster than `perSecond` apart, the rate the card processor
 * allows, a few at once so that one slow answer does not hold up the others.
 * A processor that fails for a moment (PaymentUnavailableError), or the
 * database, ends the round, and the bookings left wait for the job's backoff;
 * a booking that fails on its own is logged and tried again next round, and
 * the others go on.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import { type PaymentProvider, PaymentUnavailableError } from '../booking/payments/provider.js';
import { cancelRefundedBooking } from '../booking/purchase.js';
import type { Clock } from '../clock.js';
import { cancellationRefundsLock } from '../db/advisory-locks.js';
import { isDatabaseUnavailable } from '../db/availability.js';
import type { Sql } from '../db/client.js';
import { leaderOnly } from '../jobs/leader-only.js';
import type { Job } from '../jobs/lifecycle.js';
import { type JobSignals, pollLoop } from '../jobs/poll-loop.js';
import type { Logger } from '../logger.js';
import type { SeatMapLog } from '../seatmap/change-log.js';
import { bookingsToRefund, type BookingToRefund, cancellationsUnderWay, completeCancellations, countRefunded } from './store/cancellations.js';

export interface CancellationRefundsOptions {
  sql: Sql;
  clock: Clock;
  logger: Logger;
  payments: PaymentProvider;
  /** Where each cancelled booking records its freed tickets. */
  seatMapLog: SeatMapLog;
  /** Time between rounds; 0: no rounds of its own (tick() still runs one). */
  intervalMs: number;
  /** Refunds started per second at most: the rate the card processor allows. */
  perSecond: number;
  /** Told of failed rounds (the metrics). */
  signals?: JobSignals;
}

/** What a round did. */
export interface RefundReport {
  /** Bookings refunded and cancelled. */
  refunded: number;
  /** Cancellations completed: their events have no booking left to refund. */
  completed: number;
}

export interface CancellationRefunds extends Job {
  /**
   * Runs a round now if this process leads (or can take the lead); during a
   * round, joins it, and the round goes over the bookings once more before
   * it ends, so that those of an event cancelled just now are not left for
   * the next interval.
   */
  tick(): Promise<RefundReport>;
}

/** A booking the processor has refunded (or voided), to cancel. */
interface Refunded {
  booking: BookingToRefund;
  refund: 'REFUNDED' | 'VOIDED';
}

const JOB = 'cancellation refunds';
/** Bookings read at a time. */
const BATCH_SIZE = 100;
/** Refunds under way at once: enough for the provider's rate at its latency (25 a second × about 0.3 s for a card refund). */
const IN_FLIGHT = 8;
/** After a failed round, the next comes after 1 s, 2 s, 4 s, ... up to a minute. */
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;
/** A refund due less than this far ahead starts at once: timers are no finer, and waiting longer would lower the rate. */
const TIMER_RESOLUTION_MS = 1;

/** The refund job, to start with the server's jobs. */
export function createCancellationRefunds(options: CancellationRefundsOptions): CancellationRefunds {
  const { sql, clock, logger, payments, seatMapLog, intervalMs, perSecond, signals } = options;
  const gapMs = 1000 / perSecond;
  /** When the next refund may start (performance.now()). */
  let nextStart = 0;
  let stopped = false;
  /** Asked for a round while one ran: go over the bookings again. */
  let again = false;
  /** The last booking taken in this pass over the bookings. */
  let after = 0;

  /** Waits for the next refund's turn: turns are `gapMs` apart, and one missed (no refund was due) is not made up later in a burst. */
  async function turn(): Promise<void> {
    const now = performance.now();
    const start = Math.max(now, nextStart);
    nextStart = start + gapMs;
    if (start - now >= TIMER_RESOLUTION_MS) await sleep(start - now);
  }

  /**
   * Cancels bookings the processor has refunded, in one transaction, and
   * counts them on their cancellations; answers how many were cancelled (one
   * cancelled meanwhile, by its buyer or another process's round, is not).
   */
  async function cancelRefunded(refunded: Refunded[]): Promise<number> {
    return seatMapLog.transaction(async (tx) => {
      const now = clock();
      // Sent together: postgres.js pipelines them on the transaction's connection.
      const cancelled = await Promise.all(
        refunded.map(({ booking, refund }) => cancelRefundedBooking(tx, { bookingId: booking.id, refund, now, eventCancelled: true })),
      );
      const byEvent = new Map<number, number>();
      for (const booking of cancelled) if (booking) byEvent.set(booking.eventId, (byEvent.get(booking.eventId) ?? 0) + 1);
      await Promise.all([...byEvent].map(([eventId, count]) => countRefunded(tx, eventId, count)));
      return cancelled.filter((booking) => booking !== undefined).length;
    });
  }

  /**
   * Refunds `batch` at the processor, IN_FLIGHT at a time, and cancels the
   * bookings refunded, those done meanwhile together in one transaction while
   * the refunds go on (a group commit: at a low rate one at a time, as each is
   * refunded). Stops starting refunds after one failed for want of the
   * processor or the database, and throws that once the refunds made are
   * cancelled.
   */
  async function refundAll(batch: BookingToRefund[]): Promise<number> {
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
          cancelled += await cancelRefunded(done);
        } catch (error) {
          outage ??= error; // their bookings stay CONFIRMED: the next round refunds them again (a no-op) and cancels them
        }
      }));
    const worker = async () => {
      while (next < batch.length && outage === undefined && !stopped) {
        const booking = batch[next++]!;
        await turn();
        try {
          refunded.push({ booking, refund: await payments.refund(booking.paymentId) });
          void cancelSoon();
        } catch (error) {
          if (error instanceof PaymentUnavailableError || isDatabaseUnavailable(error)) outage ??= error;
          else logger.error({ err: error, bookingId: booking.id }, 'could not refund a booking of a cancelled event; it is tried again next round');
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    await cancelSoon();
    if (outage !== undefined) throw outage;
    return cancelled;
  }

  /** The next batch of this pass, refunded; at the end of the pass, the cancellations it completed. */
  async function nextBatch(): Promise<RefundReport & { more: boolean }> {
    const batch = await bookingsToRefund(sql, after, BATCH_SIZE);
    after = batch.at(-1)?.id ?? after;
    const refunded = await refundAll(batch);
    const more = batch.length === BATCH_SIZE;
    const completed = more ? [] : await completeCancellations(sql, clock());
    if (completed.length > 0) logger.info({ eventIds: completed }, 'refunded every booking of cancelled events');
    return { refunded, completed: completed.length, more };
  }

  const leader = leaderOnly(cancellationRefundsLock, nextBatch, { sql, job: JOB, logger });

  /** Passes over the bookings to refund, batch by batch while this process leads, until a pass was not asked for again. */
  async function round(): Promise<RefundReport> {
    const report = { refunded: 0, completed: 0 };
    do {
      again = false;
      // Leading takes a connection of the request pool for as long as it lasts: only while there is something to refund.
      if (!(await cancellationsUnderWay(sql))) {
        await leader.stepDown();
        return report;
      }
      after = 0;
      for (let more = true; more && !stopped;) {
        const batch = await leader.tick();
        if (!batch) return report; // another process leads
        report.refunded += batch.refunded;
        report.completed += batch.completed;
        more = batch.more;
      }
    } while (again && !stopped);
    return report;
  }

  const rounds = pollLoop({
    job: JOB,
    logger,
    round,
    intervalMs,
    backoff: { firstMs: FIRST_RETRY_MS, maxMs: MAX_RETRY_MS },
    startAtOnce: true,
    failure: { level: 'warn', message: 'refunds of cancelled events paused; the bookings left are taken up after a backoff' },
    signals,
  });
  return {
    start: rounds.start,
    tick() {
      again = true;
      return rounds.tick();
    },
    /** Ends the rounds, waiting for the refunds under way, then gives the lead up. */
    async stop() {
      stopped = true;
      await rounds.stop();
      await leader.release();
    },
  };
}
