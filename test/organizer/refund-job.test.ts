/**
 * The refund job on its own (src/organizer/refunds.ts), against real
 * PostgreSQL and the simulated card processor, with cancelled events written
 * by hand: it refunds no faster than the rate it is given; a processor outage
 * or the process shutting down stops it, the refunds made cancelled, and a
 * retry refunds each booking left once; a booking that fails on its own holds
 * up no other but fails the job, which admins see retrying; and the `refunds`
 * queue runs one refund job at a time across processes.
 */
import { pino } from 'pino';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { type PaymentProvider, PaymentUnavailableError } from '../../src/booking/payments/provider.js';
import { simulatedPaymentProvider } from '../../src/booking/payments/simulated.js';
import type { Clock } from '../../src/clock.js';
import { createJobQueue, type JobQueue } from '../../src/jobs/queue.js';
import { addJob, jobsInState } from '../../src/jobs/store.js';
import { type CancellationRefunds, createCancellationRefunds, queueRefunds, queueRefundsWithoutJob, REFUND_TASK } from '../../src/organizer/refunds.js';
import { createSeatMapLog } from '../../src/seatmap/change-log.js';
import { createBuyers, createOnSaleEvent } from '../support/booking.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestDatabase } from '../support/fixture.js';
import { insertSoldBookings, ledgerOf } from './cancellation-support.js';

describe('the refund job', () => {
  const { database } = useTestDatabase();
  const logs: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  let organizerId: number;
  let fanIds: number[];

  beforeAll(async () => {
    organizerId = (await createBuyers(database.sql, 1, 'ORGANIZER'))[0]!.userId;
    fanIds = (await createBuyers(database.sql, 5)).map((fan) => fan.userId);
  });

  /** The refunds as one process has them, refunding at `perSecond` (default: fast) with the simulated processor at `clock`'s time. */
  function refundsOf(options: { payments?: PaymentProvider; perSecond?: number; clock?: Clock } = {}): CancellationRefunds {
    const { sql } = database;
    const clock = options.clock ?? (() => ANCHOR);
    return createCancellationRefunds({
      sql,
      clock,
      logger,
      payments: options.payments ?? simulatedPaymentProvider(sql, clock),
      seatMapLog: createSeatMapLog({ sql, keepVersions: 100, committed: () => {} }),
      perSecond: options.perSecond ?? 1_000,
    });
  }

  /** An event with `bookings` captured bookings, cancelled as cancelEvent leaves it (its job not run). */
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
  /** Every booking is either untouched or cancelled and refunded: none refunded at the processor and left CONFIRMED. */
  const expectNoRefundLeftUncancelled = async (eventId: number) =>
    expect((await statusesOf(eventId)).filter((status) => status !== 'CONFIRMED/CAPTURED/CAPTURED' && status !== 'CANCELLED/REFUNDED/REFUNDED')).toEqual([]);
  /** booking.cancelled messages of the event's bookings: one per booking cancelled. */
  const cancellationMessages = async (eventId: number) =>
    (
      await database.sql<[{ messages: number; bookings: number }]>`
        SELECT count(*)::int AS messages, count(DISTINCT payload->>'bookingId')::int AS bookings FROM outbox
        WHERE topic = 'booking.cancelled' AND (payload->>'eventId')::int = ${eventId}`
    )[0];

  /** The simulated processor, failing refunds as `fails` says (by payment id), after `before` is told of each. */
  function failingRefunds(fails: (paymentId: string) => Error | undefined, before: () => void = () => {}): PaymentProvider {
    const real = simulatedPaymentProvider(database.sql, () => ANCHOR);
    return {
      ...real,
      refund: (paymentId) => {
        before();
        const failure = fails(paymentId);
        return failure ? Promise.reject(failure) : real.refund(paymentId);
      },
    };
  }

  it('starts refunds no faster than its rate, then completes the cancellation', async () => {
    const eventId = await cancelledEvent(16);
    const started = performance.now();
    expect(await refundsOf({ perSecond: 25 }).refundEvent(eventId)).toEqual({ refunded: 16 });
    // 16 refunds, 40 ms apart: the last starts 600 ms after the first.
    expect(performance.now() - started).toBeGreaterThanOrEqual(600);
    expect(await progressOf(eventId)).toEqual({ refunded: 16, total: 16, completed: true });
    expect(new Set(await statusesOf(eventId))).toEqual(new Set(['CANCELLED/REFUNDED/REFUNDED']));
  });

  it('refunds only the bookings of its own event', async () => {
    const [mine, other] = [await cancelledEvent(3), await cancelledEvent(2)];
    expect(await refundsOf().refundEvent(mine)).toEqual({ refunded: 3 });
    expect(await progressOf(other)).toEqual({ refunded: 0, total: 2, completed: false });
    expect(await refundsOf().refundEvent(other)).toEqual({ refunded: 2 });
  });

  it('stops at a processor outage, the refunds made cancelled, and throws; a retry refunds each booking left once', async () => {
    const eventId = await cancelledEvent(12);
    let allowed = 5;
    const refunds = refundsOf({ payments: failingRefunds(() => (allowed-- > 0 ? undefined : new PaymentUnavailableError('The processor is down.'))) });
    await expect(refunds.refundEvent(eventId)).rejects.toBeInstanceOf(PaymentUnavailableError);
    const after = await progressOf(eventId);
    expect(after.completed).toBe(false);
    expect(after.refunded).toBeGreaterThanOrEqual(5);
    expect(after.refunded).toBeLessThan(12);
    await expectNoRefundLeftUncancelled(eventId);
    const firstRun = (await ledgerOf(database.sql, eventId)).filter((row) => row.charge === 'REFUNDED').map((row) => row.bookingId);
    expect(firstRun).toHaveLength(after.refunded);

    // The retry, an hour later: the refunds of the first run keep their time, so none was made twice.
    const later = new Date(ANCHOR.getTime() + 3_600_000);
    expect(await refundsOf({ clock: () => later }).refundEvent(eventId)).toEqual({ refunded: 12 - after.refunded });
    expect(await progressOf(eventId)).toEqual({ refunded: 12, total: 12, completed: true });
    const ledger = await ledgerOf(database.sql, eventId);
    expect(ledger.filter((row) => row.charge !== 'REFUNDED')).toEqual([]);
    expect(ledger.filter((row) => row.refundedAt!.getTime() === ANCHOR.getTime()).map((row) => row.bookingId)).toEqual(firstRun);
    expect(await cancellationMessages(eventId)).toEqual({ messages: 12, bookings: 12 });
  });

  it('stops when the process shuts down (the abort signal), the refunds made cancelled, and throws so that the job runs again', async () => {
    const eventId = await cancelledEvent(20);
    const shutdown = new AbortController();
    let asked = 0;
    const refunds = refundsOf({
      payments: failingRefunds(
        () => undefined,
        () => void (++asked === 4 && shutdown.abort()),
      ),
    });
    await expect(refunds.refundEvent(eventId, shutdown.signal)).rejects.toThrow(/stopped with the process; the job runs again/);
    const after = await progressOf(eventId);
    expect(after.refunded).toBeGreaterThanOrEqual(4);
    expect(after.refunded).toBeLessThan(20);
    await expectNoRefundLeftUncancelled(eventId);

    expect(await refundsOf().refundEvent(eventId)).toEqual({ refunded: 20 - after.refunded });
    expect(await progressOf(eventId)).toEqual({ refunded: 20, total: 20, completed: true });
    expect(await cancellationMessages(eventId)).toEqual({ messages: 20, bookings: 20 });
  });

  it('starts no refund once its process stops (stop(), before the queue stops), and throws so that the job runs again', async () => {
    const eventId = await cancelledEvent(3);
    const refunds = refundsOf();
    await refunds.stop();
    await expect(refunds.refundEvent(eventId)).rejects.toThrow(/stopped with the process; the job runs again/);
    expect(await progressOf(eventId)).toEqual({ refunded: 0, total: 3, completed: false });
    expect(await refundsOf().refundEvent(eventId)).toEqual({ refunded: 3 });
  });

  it('goes on past a booking that fails on its own, then throws naming how many are left; a later run finishes', async () => {
    const eventId = await cancelledEvent(6);
    const [poisoned] = await ledgerOf(database.sql, eventId);
    const [{ paymentId }] = await database.sql<[{ paymentId: string }]>`SELECT payment_id AS "paymentId" FROM bookings WHERE id = ${poisoned!.bookingId}`;
    let broken = true;
    const refunds = refundsOf({ payments: failingRefunds((id) => (broken && id === paymentId ? new Error('unexpected answer') : undefined)) });

    await expect(refunds.refundEvent(eventId)).rejects.toThrow(`1 booking(s) of cancelled event ${eventId} could not be refunded`);
    expect(await progressOf(eventId)).toEqual({ refunded: 5, total: 6, completed: false });
    expect(logs).toContainEqual(expect.objectContaining({ msg: 'could not refund a booking of a cancelled event; its job tries it again', eventId }));
    broken = false;
    expect(await refunds.refundEvent(eventId)).toEqual({ refunded: 1 });
    expect(await progressOf(eventId)).toEqual({ refunded: 6, total: 6, completed: true });
  });

  it('completes a cancellation with nothing left to refund', async () => {
    const eventId = await cancelledEvent(0);
    expect(await refundsOf().refundEvent(eventId)).toEqual({ refunded: 0 });
    expect(await progressOf(eventId)).toEqual({ refunded: 0, total: 0, completed: true });
  });

  describe('on the queue', () => {
    const queues: JobQueue[] = [];
    /** A process's job queue running the refund task of `refunds`, each run recorded in `runs`; `concurrency` 0: only runDue(). */
    function queueOf(refunds: CancellationRefunds, concurrency: number, runs: { eventId: number; start: number; end: number }[] = []): JobQueue {
      const queue = createJobQueue({
        databaseUrl: database.url,
        sql: database.sql,
        clock: () => new Date(),
        logger,
        concurrency,
        pollIntervalMs: 100,
        tasks: {
          [REFUND_TASK]: async (payload, helpers) => {
            const start = performance.now();
            try {
              await refunds.task(payload, helpers);
            } finally {
              runs.push({ eventId: (payload as { eventId: number }).eventId, start, end: performance.now() });
            }
          },
        },
      });
      queues.push(queue);
      queue.start();
      return queue;
    }
    afterEach(async () => {
      await Promise.all(queues.splice(0).map((queue) => queue.stop()));
    });

    it('leaves a job whose bookings are not all refunded RETRYING for admins, with the count in its last error', async () => {
      const eventId = await cancelledEvent(3);
      const [poisoned] = await ledgerOf(database.sql, eventId);
      const [{ paymentId }] = await database.sql<[{ paymentId: string }]>`SELECT payment_id AS "paymentId" FROM bookings WHERE id = ${poisoned!.bookingId}`;
      await database.sql.begin((tx) => queueRefunds(tx, eventId));
      const queue = queueOf(refundsOf({ payments: failingRefunds((id) => (id === paymentId ? new Error('unexpected answer') : undefined)) }), 0);
      await queue.runDue();
      expect(await progressOf(eventId)).toEqual({ refunded: 2, total: 3, completed: false });
      const retrying = (await jobsInState(database.sql, 'RETRYING', undefined, 10)).filter((job) => job.key === `refunds:event:${eventId}`);
      expect(retrying).toMatchObject([{ task: REFUND_TASK, state: 'RETRYING', attempts: 1, maxAttempts: 25 }]);
      expect(retrying[0]!.lastError).toContain('1 booking(s) of cancelled event');
      // Done by hand, so that the next tests find no refunds under way.
      await database.sql`SELECT graphile_worker.remove_job(${`refunds:event:${eventId}`})`;
      await refundsOf().refundEvent(eventId);
    });

    it('queues at start-up the refunds of a cancellation under way that has no job (made before refunds were jobs), once', async () => {
      const eventId = await cancelledEvent(2);
      expect(await queueRefundsWithoutJob(database.sql)).toEqual([eventId]);
      expect(await queueRefundsWithoutJob(database.sql)).toEqual([]);
      await queueOf(refundsOf(), 0).runDue();
      expect(await progressOf(eventId)).toEqual({ refunded: 2, total: 2, completed: true });
      expect(await queueRefundsWithoutJob(database.sql)).toEqual([]);
    });

    /** Two events' refunds queued as `add` adds them, run by two processes' queues of two workers each; resolves to the runs. */
    async function runOnTwoProcesses(add: (tx: Parameters<typeof queueRefunds>[0], eventId: number) => Promise<unknown>) {
      const events = [await cancelledEvent(12), await cancelledEvent(12)];
      const runs: { eventId: number; start: number; end: number }[] = [];
      // 12 refunds at 40 a second: about 300 ms a job, ample for two to overlap if they may.
      for (const _ of ['first', 'second']) queueOf(refundsOf({ perSecond: 40 }), 2, runs);
      await database.sql.begin(async (tx) => {
        for (const eventId of events) await add(tx, eventId);
      });
      await vi.waitFor(() => expect(runs).toHaveLength(2), { timeout: 15_000, interval: 50 });
      expect(await Promise.all(events.map(progressOf))).toEqual([
        { refunded: 12, total: 12, completed: true },
        { refunded: 12, total: 12, completed: true },
      ]);
      return runs.sort((a, b) => a.start - b.start);
    }

    it('runs one refund job at a time across processes (the refunds queue)', async () => {
      const runs = await runOnTwoProcesses((tx, eventId) => queueRefunds(tx, eventId));
      expect(runs[1]!.start).toBeGreaterThanOrEqual(runs[0]!.end);
    });

    it('control: the same jobs outside the refunds queue run at once', async () => {
      const runs = await runOnTwoProcesses((tx, eventId) =>
        addJob(tx, { task: REFUND_TASK, payload: { eventId }, key: `refunds:event:${eventId}`, maxAttempts: 25 }),
      );
      expect(runs[1]!.start).toBeLessThan(runs[0]!.end);
    });
  });
});
