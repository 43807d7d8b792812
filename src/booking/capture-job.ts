/**
 * Capture retries on the job queue. A sale that committed but whose capture
 * failed (purchase.ts) queues one at once, and the reconciler queues one for
 * every booking it finds still uncaptured after its grace period (a crash
 * between the sale and the capture): so a capture is retried with backoff,
 * seen in `adminJobs` while it is, and FAILED there for an admin after its
 * last attempt. One job per booking (its key). Capturing a captured payment
 * changes nothing at the processor, and the booking's record moves only from
 * AUTHORIZED, so a job that runs twice captures once.
 */
import type { Clock } from '../clock.js';
import type { Queryable, Sql } from '../db/client.js';
import { addJob } from '../jobs/store.js';
import type { PaymentProvider } from './payments/provider.js';
import { recordCapture, uncapturedPayment } from './store/purchases.js';

export const CAPTURE_TASK = 'capture-payment';
/** With graphile-worker's backoff (e^attempt seconds, at most 6 h apart), 25 attempts span about three days. */
const CAPTURE_ATTEMPTS = 25;

/** Queues the capture of the booking's payment (in `sql`'s transaction, if it is one); a capture already queued is not queued twice. */
export async function queueCapture(sql: Queryable, bookingId: number): Promise<void> {
  await addJob(sql, { task: CAPTURE_TASK, payload: { bookingId }, key: `capture:booking:${bookingId}`, maxAttempts: CAPTURE_ATTEMPTS });
}

/** The task: captures the booking's payment unless it is captured, cancelled or gone already. */
export function captureTask({ sql, payments, clock }: { sql: Sql; payments: PaymentProvider; clock: Clock }) {
  return async (payload: unknown): Promise<void> => {
    const bookingId = Number((payload as { bookingId?: unknown }).bookingId);
    const paymentId = await uncapturedPayment(sql, bookingId);
    if (paymentId === undefined) return;
    await payments.capture(paymentId);
    await recordCapture(sql, bookingId, clock());
  };
}
