/**
 * Makes the card processor's ledger and the bookings agree after what crashes
 * and failed calls leave behind (purchase.ts records where each purchase got to):
 * - an authorization that has not become a booking within the grace period is
 *   voided, and its purchase marked VOIDED first, so that no retry sells on it;
 * - a committed booking whose payment is not captured gets a capture job on
 *   the queue (capture-job.ts): captured there, with retries, and the booking
 *   and its purchase then say CAPTURED, as the ledger does.
 * One process of the cluster reconciles (jobs/leader-only.ts), once the
 * server's jobs start and then every interval, sooner again after a failed round.
 */
import type { Clock } from '../clock.js';
import { paymentReconcilerLock } from '../db/advisory-locks.js';
import type { Sql } from '../db/client.js';
import { leaderLoop } from '../jobs/leader-loop.js';
import type { Job } from '../jobs/lifecycle.js';
import type { JobSignals } from '../jobs/poll-loop.js';
import type { Logger } from '../logger.js';
import { queueCapture } from './capture-job.js';
import type { OpenAuthorization, PaymentProvider } from './payments/provider.js';
import { purchaseOfAuthorizationKey } from './purchase.js';
import { isPaymentBooked, stopPurchaseOfPayment, uncapturedBookings } from './store/purchases.js';

export interface PaymentReconcilerOptions {
  sql: Sql;
  clock: Clock;
  logger: Logger;
  payments: PaymentProvider;
  /** How old an authorization without a booking, or a booking without a capture, must be before it is put right. */
  graceMs: number;
  /** Time between rounds; 0: no rounds of its own (tick() still runs one). */
  intervalMs: number;
  /** Told of failed rounds (the metrics). */
  signals?: JobSignals;
}

export interface ReconcileReport {
  /** Authorizations voided because no booking came of them. */
  voided: number;
  /** Bookings whose capture was queued (capture-job.ts; a capture queued already is not queued twice). */
  capturesQueued: number;
}

export interface PaymentReconciler extends Job {
  /** Runs one round now if this process leads (or can take the lead); what it put right. */
  tick(): Promise<ReconcileReport>;
}

const JOB = 'payment reconciler';
/** After a failed round, the next comes after 1 s, 2 s, 4 s, ... up to the interval. */
const FIRST_RETRY_MS = 1_000;

/** The payment reconciler, to start with the server's jobs. */
export function createPaymentReconciler({ sql, clock, logger, payments, graceMs, intervalMs, signals }: PaymentReconcilerOptions): PaymentReconciler {
  /** Voids an authorization unless a booking stands on it; true when voided. */
  async function voidUnlessBooked({ paymentId, idempotencyKey }: OpenAuthorization): Promise<boolean> {
    // A purchase still on its way is stopped first: its sale checks for VOIDED under the same row lock (purchase.ts).
    const stopped = await stopPurchaseOfPayment(sql, paymentId, purchaseOfAuthorizationKey(idempotencyKey), clock());
    // No purchase on its way: a booking may have been committed on it (its capture is the next step's).
    if (!stopped && (await isPaymentBooked(sql, paymentId))) return false;
    await payments.void(paymentId);
    logger.warn({ paymentId, purchaseId: stopped?.id }, 'voided an authorization that no booking came of');
    return true;
  }

  async function reconcile(): Promise<ReconcileReport> {
    const report = { voided: 0, capturesQueued: 0 };
    const before = new Date(clock().getTime() - graceMs);
    for (const authorization of await payments.openAuthorizations(before)) {
      if (await voidUnlessBooked(authorization)) report.voided++;
    }
    const uncaptured = await uncapturedBookings(sql, before);
    for (const booking of uncaptured) {
      await queueCapture(sql, booking.id);
      report.capturesQueued++;
    }
    if (uncaptured.length > 0) logger.warn({ bookings: uncaptured.map((booking) => booking.id) }, 'queued the capture of bookings left uncaptured');
    return report;
  }

  return leaderLoop({
    sql,
    lock: paymentReconcilerLock,
    job: JOB,
    logger,
    round: reconcile,
    idle: { voided: 0, capturesQueued: 0 },
    intervalMs,
    backoff: { firstMs: FIRST_RETRY_MS, maxMs: intervalMs },
    startAtOnce: true,
    signals,
  });
}
