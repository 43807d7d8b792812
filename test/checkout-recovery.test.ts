/**
 * A purchase that fails part way, at each recovery point, and is tried again
 * with the same idempotency key; and the reconciler, for what is never tried
 * again. The card processor is the simulated one, wrapped to fail (or to
 * "crash") right after one of its calls has done its work, so each point is
 * reached on purpose. The processor's ledger (simulated_charges) shows what
 * was really charged. Crashes of a real process: test/checkout-crash.test.ts.
 */
import { randomUUID } from 'node:crypto';

import { pino } from 'pino';
import { beforeAll, describe, expect, it, vi } from 'vitest';

import type { Viewer } from '../src/accounts/policy.js';
import { createBooking } from '../src/booking/booking.js';
import { CAPTURE_TASK, captureTask } from '../src/booking/capture-job.js';
import { createPaymentReconciler } from '../src/booking/payment-reconciler.js';
import { type PaymentProvider, PaymentUnavailableError } from '../src/booking/payments/provider.js';
import { simulatedPaymentProvider } from '../src/booking/payments/simulated.js';
import { fromGlobalId } from '../src/relay/global-id.js';
import { createSeatMapLog } from '../src/seatmap/change-log.js';
import { isFailure } from '../src/user-error.js';
import { createBuyers, createOnSaleEvent } from './support/booking.js';
import { ANCHOR } from './support/catalog.js';
import { useTestDatabase } from './support/fixture.js';
import { runDueJobs } from './support/queue.js';
import { manualClock } from './support/server.js';

const GRACE_MS = 5 * 60_000;

/** Thrown by a wrapped processor call after the real call did its work: the process "died" there. */
class Crash extends Error {}

/** A database of its own with a buyer and an organizer, and ways to book and reconcile in it. */
function checkoutFixture() {
  const { database } = useTestDatabase({ events: 1 });
  let organizerId: number;
  let buyer: Viewer;
  const clock = manualClock(ANCHOR);
  const logger = pino({ level: 'silent' });

  beforeAll(async () => {
    organizerId = (await createBuyers(database.sql, 1, 'ORGANIZER'))[0]!.userId;
    buyer = { userId: (await createBuyers(database.sql, 1))[0]!.userId, role: 'FAN', sessionId: 'test' };
  });

  const real = () => simulatedPaymentProvider(database.sql, clock);
  const seatMapLog = () => createSeatMapLog({ sql: database.sql, keepVersions: 100, committed: () => {} });
  const bookingWith = (payments: PaymentProvider) =>
    createBooking({ sql: database.sql, clock, logger, payments, cancellationCutoffMs: 3600_000, seatMapLog: seatMapLog() });
  const reconcilerWith = (payments: PaymentProvider) =>
    createPaymentReconciler({ sql: database.sql, clock, logger, payments, graceMs: GRACE_MS, intervalMs: 0 });

  /** A live hold of two seats of a new event, for the buyer. */
  async function newHold(): Promise<{ holdId: number; eventId: number }> {
    clock.set(ANCHOR);
    const event = await createOnSaleEvent(database.sql, organizerId);
    const ticketIds = event.seats[0]!.slice(0, 2).map((id) => fromGlobalId(id).id);
    const held = await bookingWith(real()).reserveSeats(buyer, event.eventId, { ticketIds });
    if (isFailure(held)) throw new Error(JSON.stringify(held));
    return { holdId: held.holdId, eventId: event.eventId };
  }

  const ledger = async (holdId: number) =>
    (await database.sql<{ status: string }[]>`SELECT status FROM simulated_charges WHERE reference = ${`hold:${holdId}`} ORDER BY status::text`).map(
      (row) => row.status,
    );
  const bookingOf = async (holdId: number) =>
    (
      await database.sql<{ status: string; paymentStatus: string }[]>`SELECT status, payment_status AS "paymentStatus" FROM bookings WHERE hold_id = ${holdId}`
    )[0];
  /** The capture jobs waiting in the queue. */
  const captureJobs = () =>
    database.sql<{ attempts: number; lastError: string | null }[]>`
      SELECT attempts, last_error AS "lastError" FROM graphile_worker.jobs WHERE task_identifier = ${CAPTURE_TASK} ORDER BY id`;
  /** Runs the capture jobs due now, against `payments`. */
  const runCaptures = (payments: PaymentProvider) => runDueJobs(database.url, { [CAPTURE_TASK]: captureTask({ sql: database.sql, payments, clock }) });
  const purchaseOf = async (holdId: number) => (await database.sql<{ step: string }[]>`SELECT step FROM purchases WHERE hold_id = ${holdId}`)[0]?.step;

  /** The processor, with `call` throwing a Crash after it has done its work. */
  function crashingAfter(call: 'authorize' | 'capture', provider = real()): PaymentProvider {
    const done = provider[call] as (argument: never) => Promise<unknown>;
    return {
      ...provider,
      [call]: async (argument: never) => {
        await done(argument);
        throw new Crash(`crashed after ${call}`);
      },
    };
  }

  /** The buyer confirms the hold with tok_visa, through `payments`, under `key`. */
  const confirm = (payments: PaymentProvider, holdId: number, key: string) => bookingWith(payments).confirmBooking(buyer, holdId, 'tok_visa', key);

  /** Confirms the hold once with `payments` (expecting the crash), then retries with the same key on a fresh, healthy process. */
  async function crashThenRetry(holdId: number, payments: PaymentProvider) {
    const key = randomUUID();
    await expect(confirm(payments, holdId, key)).rejects.toBeInstanceOf(Crash);
    return confirm(real(), holdId, key);
  }

  return {
    sql: () => database.sql,
    clock,
    real,
    confirm,
    reconcilerWith,
    newHold,
    ledger,
    bookingOf,
    purchaseOf,
    captureJobs,
    runCaptures,
    crashingAfter,
    crashThenRetry,
  };
}

describe('checkout recovery points', () => {
  const { sql, clock, real, confirm, newHold, ledger, bookingOf, purchaseOf, crashingAfter, crashThenRetry } = checkoutFixture();

  it('authorizes once when the retry follows a crash between authorizing and recording it', async () => {
    const { holdId } = await newHold();
    const retried = await crashThenRetry(holdId, crashingAfter('authorize'));
    expect(retried).toEqual({ bookingId: expect.any(Number) });
    expect(await ledger(holdId)).toEqual(['CAPTURED']);
    expect(await bookingOf(holdId)).toEqual({ status: 'CONFIRMED', paymentStatus: 'CAPTURED' });
    expect(await purchaseOf(holdId)).toBe('CAPTURED');
  });

  it('would authorize twice if the processor were not given the purchase’s key (the guard this relies on)', async () => {
    const { holdId } = await newHold();
    const provider = real();
    const forgetful: PaymentProvider = { ...provider, authorize: (request) => provider.authorize({ ...request, idempotencyKey: randomUUID() }) };
    await crashThenRetry(holdId, crashingAfter('authorize', forgetful));
    expect(await ledger(holdId)).toEqual(['AUTHORIZED', 'CAPTURED']);
  });

  it('captures once when the answer to the capture is lost: a retry replays the booking', async () => {
    const { holdId } = await newHold();
    const key = randomUUID();
    // A capture that fails leaves the sale standing on its authorization; here the processor did capture.
    const booked = await confirm(crashingAfter('capture'), holdId, key);
    expect(booked).toEqual({ bookingId: expect.any(Number) });
    expect(await bookingOf(holdId)).toEqual({ status: 'CONFIRMED', paymentStatus: 'AUTHORIZED' });
    expect(await confirm(real(), holdId, key)).toEqual(booked);
    expect(await ledger(holdId)).toEqual(['CAPTURED']);
    const [{ captures }] = await sql()<[{ captures: number }]>`
      SELECT count(*)::int AS captures FROM simulated_charges WHERE reference = ${`hold:${holdId}`} AND captured_at IS NOT NULL`;
    expect(captures).toBe(1);
  });

  it('sells on the first authorization when the sale itself failed and is retried', async () => {
    const { holdId } = await newHold();
    const key = randomUUID();
    await sql().unsafe(`
      CREATE FUNCTION test_fail_booking_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected'; END $$;
      CREATE TRIGGER test_fail_booking_insert BEFORE INSERT ON bookings FOR EACH ROW EXECUTE FUNCTION test_fail_booking_insert();`);
    try {
      await expect(confirm(real(), holdId, key)).rejects.toThrow(/injected/);
    } finally {
      await sql().unsafe(`DROP TRIGGER test_fail_booking_insert ON bookings; DROP FUNCTION test_fail_booking_insert();`);
    }
    expect(await purchaseOf(holdId)).toBe('AUTHORIZED');
    expect(await confirm(real(), holdId, key)).toEqual({ bookingId: expect.any(Number) });
    expect(await ledger(holdId)).toEqual(['CAPTURED']);
  });

  it('voids the authorization and sells nothing when the event is cancelled while the card is being authorized', async () => {
    const { holdId, eventId } = await newHold();
    const provider = real();
    const cancelling: PaymentProvider = {
      ...provider,
      async authorize(request) {
        const authorization = await provider.authorize(request);
        await sql()`UPDATE events SET status = 'CANCELLED' WHERE id = ${eventId}`;
        return authorization;
      },
    };
    const result = await confirm(cancelling, holdId, randomUUID());
    expect(result).toMatchObject({ userErrors: [{ code: 'EVENT_NOT_ON_SALE' }] });
    expect(await ledger(holdId)).toEqual(['VOIDED']);
    expect(await bookingOf(holdId)).toBeUndefined();
    expect(await purchaseOf(holdId)).toBeUndefined(); // a failure is not kept: the key may be used again
  });

  it('refuses to authorize at all for an event that has started', async () => {
    const { holdId } = await newHold();
    await sql()`UPDATE events SET starts_at = ${new Date(ANCHOR.getTime() + 1000)} WHERE id = (SELECT event_id FROM holds WHERE id = ${holdId})`;
    clock.set(new Date(ANCHOR.getTime() + 2000));
    const result = await confirm(real(), holdId, randomUUID());
    expect(result).toMatchObject({ userErrors: [{ code: 'EVENT_NOT_ON_SALE' }] });
    expect(await ledger(holdId)).toEqual([]);
  });
});

describe('the payment reconciler', () => {
  const { sql, clock, real, confirm, reconcilerWith, newHold, ledger, bookingOf, purchaseOf, captureJobs, runCaptures, crashingAfter } = checkoutFixture();

  it('voids an authorization a crash left without a booking, once past the grace period, and a late retry then sells nothing', async () => {
    const { holdId } = await newHold();
    const key = randomUUID();
    await expect(confirm(crashingAfter('authorize'), holdId, key)).rejects.toBeInstanceOf(Crash);
    const reconciler = reconcilerWith(real());
    try {
      clock.set(new Date(ANCHOR.getTime() + GRACE_MS - 1000));
      expect(await reconciler.tick()).toEqual({ voided: 0, capturesQueued: 0 });
      expect(await ledger(holdId)).toEqual(['AUTHORIZED']);

      clock.set(new Date(ANCHOR.getTime() + GRACE_MS + 1000));
      expect(await reconciler.tick()).toEqual({ voided: 1, capturesQueued: 0 });
      expect(await ledger(holdId)).toEqual(['VOIDED']);
      expect(await purchaseOf(holdId)).toBe('VOIDED');
    } finally {
      await reconciler.stop();
    }
    // The hold (10 minutes) outlives the grace period (5): the retry must not sell on the voided authorization, nor authorize again.
    const retried = await confirm(real(), holdId, key);
    expect(retried).toMatchObject({ userErrors: [{ code: 'PAYMENT_PROCESSING_ERROR', message: expect.stringMatching(/nothing was charged/) }] });
    expect(await ledger(holdId)).toEqual(['VOIDED']);
    expect(await bookingOf(holdId)).toBeUndefined();
  });

  it('queues the capture of a booking left uncaptured, once however often it finds it, and the job says CAPTURED on the booking as the ledger does', async () => {
    const { holdId } = await newHold();
    const failingCapture: PaymentProvider = { ...real(), capture: async () => Promise.reject(new Crash('processor down')) };
    expect(await confirm(failingCapture, holdId, randomUUID())).toEqual({ bookingId: expect.any(Number) });
    expect(await bookingOf(holdId)).toEqual({ status: 'CONFIRMED', paymentStatus: 'AUTHORIZED' });
    expect(await captureJobs()).toHaveLength(1); // queued by the purchase itself

    const reconciler = reconcilerWith(real());
    try {
      clock.set(new Date(ANCHOR.getTime() + GRACE_MS + 1000));
      expect(await reconciler.tick()).toEqual({ voided: 0, capturesQueued: 1 });
      expect(await reconciler.tick()).toEqual({ voided: 0, capturesQueued: 1 }); // the same job, not a second
      expect(await captureJobs()).toHaveLength(1);
    } finally {
      await reconciler.stop();
    }
    await runCaptures(real());
    expect(await ledger(holdId)).toEqual(['CAPTURED']);
    expect(await bookingOf(holdId)).toEqual({ status: 'CONFIRMED', paymentStatus: 'CAPTURED' });
    expect(await purchaseOf(holdId)).toBe('CAPTURED');
    await vi.waitFor(async () => expect(await captureJobs()).toEqual([])); // graphile-worker records completions in batches
  });

  it('retries a capture that failed after the sale on the job queue, with backoff, until the processor takes it', async () => {
    const { holdId } = await newHold();
    let down = true;
    const flaky: PaymentProvider = {
      ...real(),
      capture: (paymentId) => (down ? Promise.reject(new PaymentUnavailableError('processor down')) : real().capture(paymentId)),
    };
    expect(await confirm(flaky, holdId, randomUUID())).toEqual({ bookingId: expect.any(Number) });
    expect(await captureJobs()).toEqual([{ attempts: 0, lastError: null }]); // queued at once, not after the reconciler's grace period

    await runCaptures(flaky);
    expect(await bookingOf(holdId)).toEqual({ status: 'CONFIRMED', paymentStatus: 'AUTHORIZED' });
    await vi.waitFor(async () => expect(await captureJobs()).toEqual([{ attempts: 1, lastError: expect.stringContaining('processor down') }])); // due again later

    down = false;
    await sql()`UPDATE graphile_worker._private_jobs SET run_at = now()`; // its backoff, over
    await runCaptures(flaky);
    expect(await ledger(holdId)).toEqual(['CAPTURED']);
    expect(await bookingOf(holdId)).toEqual({ status: 'CONFIRMED', paymentStatus: 'CAPTURED' });
    await vi.waitFor(async () => expect(await captureJobs()).toEqual([])); // graphile-worker records completions in batches
  });

  it('leaves a purchase that is being sold alone: the sale and the void never both happen', async () => {
    const { holdId } = await newHold();
    const key = randomUUID();
    await expect(confirm(crashingAfter('authorize'), holdId, key)).rejects.toBeInstanceOf(Crash);
    clock.set(new Date(ANCHOR.getTime() + GRACE_MS + 1000));
    // Hold's TTL is 10 minutes: the retry can still sell, racing the reconciler's void.
    const reconciler = reconcilerWith(real());
    try {
      const [retried] = await Promise.all([confirm(real(), holdId, key), reconciler.tick()]);
      const sold = !isFailure(retried);
      expect(await ledger(holdId)).toEqual([sold ? 'CAPTURED' : 'VOIDED']);
      expect(await bookingOf(holdId)).toEqual(sold ? { status: 'CONFIRMED', paymentStatus: 'CAPTURED' } : undefined);
    } finally {
      await reconciler.stop();
    }
  });
});
