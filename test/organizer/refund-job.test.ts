/**
 * The refund job on its own (src/organizer/refunds.ts), against real
 * PostgreSQL and the simulated card processor, with cancelled events written
 * by hand: it refunds no faster than the rate it is given, a processor
 * outage leaves the bookings left for the next round, a booking that fails on
 * its own holds up no other, and one process of the cluster refunds at a time.
 */
import { pino } from 'pino';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { type PaymentProvider, PaymentUnavailableError } from '../../src/booking/payments/provider.js';
import { simulatedPaymentProvider } from '../../src/booking/payments/simulated.js';
import { type CancellationRefunds, createCancellationRefunds } from '../../src/organizer/refunds.js';
import { createSeatMapLog } from '../../src/seatmap/change-log.js';
import { createBuyers, createOnSaleEvent } from '../support/booking.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestDatabase } from '../support/fixture.js';
import { insertSoldBookings, ledgerOf } from './cancellation-support.js';

describe('the refund job', () => {
  const { database } = useTestDatabase();
  const clock = () => ANCHOR;
  const logs: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  let organizerId: number;
  let fanIds: number[];

  beforeAll(async () => {
    organizerId = (await createBuyers(database.sql, 1, 'ORGANIZER'))[0]!.userId;
    fanIds = (await createBuyers(database.sql, 5)).map((fan) => fan.userId);
  });

  const jobs: CancellationRefunds[] = [];
  function refundJob(options: { payments?: PaymentProvider; perSecond?: number } = {}): CancellationRefunds {
    const { sql } = database;
    const job = createCancellationRefunds({
      sql,
      clock,
      logger,
      payments: options.payments ?? simulatedPaymentProvider(sql, clock),
      seatMapLog: createSeatMapLog({ sql, keepVersions: 100, committed: () => {} }),
      intervalMs: 0,
      perSecond: options.perSecond ?? 1_000,
    });
    jobs.push(job);
    return job;
  }

  /** An event with `bookings` captured bookings, cancelled as cancelEvent leaves it (its refunds not started). */
  async function cancelledEvent(bookings: number): Promise<number> {
    const event = await createOnSaleEvent(database.sql, organizerId, { rows: 5, seatsPerRow: 10 });
    await insertSoldBookings(database.sql, event.eventId, fanIds, bookings, ANCHOR);
    await database.sql`
      WITH cancelled AS (UPDATE events SET status = 'CANCELLED' WHERE id = ${event.eventId})
      INSERT INTO event_cancellations (event_id, reason, requested_at, requested_by, total_bookings)
      VALUES (${event.eventId}, 'Flooded.', ${ANCHOR}, ${organizerId}, ${bookings})`;
    return event.eventId;
  }

  const progressOf = async (eventId: number) => {
    const [progress] = await database.sql<[{ refunded: number; total: number; completed: boolean }]>`
      SELECT refunded_bookings AS refunded, total_bookings AS total, completed_at IS NOT NULL AS completed FROM event_cancellations WHERE event_id = ${eventId}`;
    return progress;
  };
  const statusesOf = async (eventId: number) => (await ledgerOf(database.sql, eventId)).map((row) => `${row.status}/${row.paymentStatus}/${row.charge}`);

  /** The simulated processor, failing refunds as `fails` says (by payment id). */
  function failingRefunds(fails: (paymentId: string) => Error | undefined): PaymentProvider {
    const real = simulatedPaymentProvider(database.sql, clock);
    return {
      ...real,
      refund: (paymentId) => {
        const failure = fails(paymentId);
        return failure ? Promise.reject(failure) : real.refund(paymentId);
      },
    };
  }

  it('starts refunds no faster than its rate', async () => {
    const eventId = await cancelledEvent(16);
    const started = performance.now();
    expect(await refundJob({ perSecond: 25 }).tick()).toEqual({ refunded: 16, completed: 1 });
    // 16 refunds, 40 ms apart: the last starts 600 ms after the first.
    expect(performance.now() - started).toBeGreaterThanOrEqual(600);
    expect(await progressOf(eventId)).toEqual({ refunded: 16, total: 16, completed: true });
    expect(new Set(await statusesOf(eventId))).toEqual(new Set(['CANCELLED/REFUNDED/REFUNDED']));
  });

  it('leaves the bookings the processor could not refund for the next round, then refunds each once', async () => {
    const eventId = await cancelledEvent(12);
    let allowed = 5;
    const job = refundJob({
      payments: failingRefunds(() => (allowed-- > 0 ? undefined : new PaymentUnavailableError('The processor is down.'))),
    });
    await expect(job.tick()).rejects.toBeInstanceOf(PaymentUnavailableError);
    const after = await progressOf(eventId);
    expect(after.completed).toBe(false);
    expect(after.refunded).toBeGreaterThanOrEqual(5);
    expect(after.refunded).toBeLessThan(12);
    const { refunded } = after;
    expect((await statusesOf(eventId)).filter((status) => status === 'CONFIRMED/CAPTURED/CAPTURED')).toHaveLength(12 - refunded);

    allowed = Infinity;
    expect(await job.tick()).toEqual({ refunded: 12 - refunded, completed: 1 });
    expect(await progressOf(eventId)).toEqual({ refunded: 12, total: 12, completed: true });
    const ledger = await ledgerOf(database.sql, eventId);
    expect(ledger.every((row) => row.charge === 'REFUNDED' && row.refundedAt?.getTime() === ANCHOR.getTime())).toBe(true);
  });

  it('goes on past a booking that fails on its own, and tries it again next round', async () => {
    const eventId = await cancelledEvent(6);
    const [poisoned] = await ledgerOf(database.sql, eventId);
    const paymentOf = async (bookingId: string) => (await database.sql`SELECT payment_id FROM bookings WHERE id = ${bookingId}`)[0]!.payment_id as string;
    const poisonedPayment = await paymentOf(poisoned!.bookingId);
    let broken = true;
    const job = refundJob({ payments: failingRefunds((paymentId) => (broken && paymentId === poisonedPayment ? new Error('unexpected answer') : undefined)) });

    expect(await job.tick()).toEqual({ refunded: 5, completed: 0 });
    expect(await progressOf(eventId)).toEqual({ refunded: 5, total: 6, completed: false });
    expect(logs.some((line) => line.msg === 'could not refund a booking of a cancelled event; it is tried again next round')).toBe(true);
    broken = false;
    expect(await job.tick()).toEqual({ refunded: 1, completed: 1 });
    expect(await progressOf(eventId)).toEqual({ refunded: 6, total: 6, completed: true });
  });

  it('refunds in one process of the cluster at a time; another takes over when it stops', async () => {
    const [first, second] = [refundJob(), refundJob()];
    const one = await cancelledEvent(3);
    expect(await first.tick()).toEqual({ refunded: 3, completed: 1 });
    const two = await cancelledEvent(4);
    expect(await second.tick()).toEqual({ refunded: 0, completed: 0 }); // the first leads
    expect(await progressOf(two)).toEqual({ refunded: 0, total: 4, completed: false });
    await first.stop();
    expect(await second.tick()).toEqual({ refunded: 4, completed: 1 });
    expect(await progressOf(one)).toEqual({ refunded: 3, total: 3, completed: true });
    expect(await progressOf(two)).toEqual({ refunded: 4, total: 4, completed: true });
  });

  it('leads only while a cancellation is under way, so that an idle process holds no connection of the pool', async () => {
    const [first, second] = [refundJob(), refundJob()];
    await cancelledEvent(2);
    expect(await first.tick()).toEqual({ refunded: 2, completed: 1 });
    expect(await first.tick()).toEqual({ refunded: 0, completed: 0 }); // nothing under way: it steps down
    const next = await cancelledEvent(3);
    expect(await second.tick()).toEqual({ refunded: 3, completed: 1 }); // and another process may lead at once
    expect(await progressOf(next)).toEqual({ refunded: 3, total: 3, completed: true });
  });

  it('completes at once a cancellation with nothing left to refund', async () => {
    const eventId = await cancelledEvent(0);
    expect(await refundJob().tick()).toEqual({ refunded: 0, completed: 1 });
    expect(await progressOf(eventId)).toEqual({ refunded: 0, total: 0, completed: true });
  });

  // Each test's jobs give their leader lock back, so the next test's first job leads.
  afterEach(async () => {
    await Promise.all(jobs.splice(0).map((job) => job.stop()));
  });
});
