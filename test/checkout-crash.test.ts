/**
 * kill -9 in the middle of checkout: 50 buyers pay at once, the API process
 * is killed as purchases reach one recovery point or another, started again, every buyer
 * retries with the idempotency key they used, and the payment reconciler
 * runs. By SQL, against the processor's ledger: no hold is charged twice, no
 * authorization is left without a booking, every booking is captured and says
 * so, and every retry got its booking or a clean answer.
 */
import { randomUUID } from 'node:crypto';

import { pino } from 'pino';
import { beforeAll, describe, expect, it, vi } from 'vitest';

import { CAPTURE_TASK, captureTask } from '../src/booking/capture-job.js';
import { createPaymentReconciler } from '../src/booking/payment-reconciler.js';
import { simulatedPaymentProvider } from '../src/booking/payments/simulated.js';
import { systemClock } from '../src/clock.js';
import { type Buyer, createBuyers, createOnSaleEvent } from './support/booking.js';
import { CONFIRM, RESERVE } from './support/booking-operations.js';
import { useTestDatabase } from './support/fixture.js';
import { runDueJobs } from './support/queue.js';
import { TEST_SECRETS } from './support/server.js';
import { type ServerProcess, startServerProcess } from './support/server-process.js';

const BUYERS = 50;
/** When to kill: once this many of the purchases have reached this step (or a later one). */
const KILL_WHEN: [count: number, step: 'STARTED' | 'AUTHORIZED' | 'BOOKED' | 'CAPTURED'][] = [
  [10, 'STARTED'],
  [10, 'AUTHORIZED'],
  [10, 'BOOKED'],
  [25, 'CAPTURED'],
];
const STEPS = ['STARTED', 'AUTHORIZED', 'BOOKED', 'CAPTURED'];
/** Codes a buyer may be answered with instead of a booking: each says what happened, and that nothing was charged twice. */
const CLEAN_ANSWERS = ['PAYMENT_PROCESSING_ERROR', 'HOLD_EXPIRED'];

describe('checkout across a kill -9 of the API process', () => {
  const { database } = useTestDatabase({ events: 1 });
  let organizerId: number;
  beforeAll(async () => {
    organizerId = (await createBuyers(database.sql, 1, 'ORGANIZER'))[0]!.userId;
  });

  const start = () =>
    startServerProcess({
      DATABASE_URL: database.url,
      ...TEST_SECRETS,
      SEED_DEMO: 'false',
      PAYMENT_RECONCILE_INTERVAL_MS: '0', // the test runs it, once every retry has been answered
      // A retry waits for the killed request's answer until then, and then resumes the purchase itself.
      IDEMPOTENCY_ABANDONED_AFTER_MS: '500',
    });

  for (const [run, [count, step]] of KILL_WHEN.entries()) {
    it(`charges each hold at most once and leaves every booking captured (killed once ${count} purchases were ${step})`, { timeout: 120_000 }, async () => {
      const event = await createOnSaleEvent(database.sql, organizerId, {
        rows: 10,
        seatsPerRow: 10,
        startsAt: new Date(Date.now() + 30 * 24 * 3600_000),
        onSaleAt: new Date(Date.now() - 3600_000),
      });
      const buyers = await createBuyers(database.sql, BUYERS);
      let server: ServerProcess | undefined = await start();
      try {
        const purchases = await Promise.all(
          buyers.map(async (buyer, i) => {
            const seats = event.seats.flat().slice(2 * i, 2 * i + 1 + ((i + run) % 2)); // one or two seats each
            const held = await graphql(server!.url, RESERVE, { input: { eventId: event.id, ticketIds: seats } }, buyer);
            expect(held.data.reserveSeats.userErrors).toEqual([]);
            return { buyer, holdId: held.data.reserveSeats.hold.id as string, key: randomUUID() };
          }),
        );
        const pay = (url: string, { buyer, holdId, key }: (typeof purchases)[number]) =>
          graphql(url, CONFIRM, { input: { holdId, payment: { token: 'tok_visa' }, idempotencyKey: key } }, buyer);

        // Everyone pays; the process dies as purchases reach the step, taking some answers with it.
        const firstTries = purchases.map((purchase) => pay(server!.url, purchase).catch(() => undefined));
        await vi.waitFor(
          async () => {
            const [{ reached }] = await database.sql<[{ reached: number }]>`
              SELECT count(*)::int AS reached FROM purchases p JOIN holds h ON h.id = p.hold_id
              WHERE h.event_id = ${event.eventId} AND p.step = ANY(${STEPS.slice(STEPS.indexOf(step))}::purchase_step[])`;
            expect(reached).toBeGreaterThanOrEqual(count);
          },
          { timeout: 30_000, interval: 2 },
        );
        process.kill(server.pid, 'SIGKILL');
        await Promise.all(firstTries);
        server = await start();

        // Each buyer retries with the same key.
        const answers = await Promise.all(purchases.map((purchase) => pay(server!.url, purchase)));
        for (const answer of answers) {
          expect(answer.errors).toBeUndefined();
          const { booking, userErrors } = answer.data.confirmBooking;
          if (booking) expect(booking.payment.status).toBe('CAPTURED');
          else expect(CLEAN_ANSWERS).toContain(userErrors[0].code);
        }
        expect(answers.filter((answer) => answer.data.confirmBooking.booking).length).toBeGreaterThan(0);
      } finally {
        await server?.stop();
      }

      const reconciler = createPaymentReconciler({
        sql: database.sql,
        clock: systemClock,
        logger: pino({ level: 'silent' }),
        payments: simulatedPaymentProvider(database.sql, systemClock),
        graceMs: 0,
        intervalMs: 0,
      });
      try {
        await reconciler.tick();
      } finally {
        await reconciler.stop();
      }
      // The captures it queued, run.
      await runDueJobs(database.url, {
        [CAPTURE_TASK]: captureTask({ sql: database.sql, payments: simulatedPaymentProvider(database.sql, systemClock), clock: systemClock }),
      });

      const holds = `SELECT id FROM holds WHERE event_id = ${event.eventId}`;
      // At most one authorization per hold (each buyer used one key), captured at most once.
      const charged = await database.sql.unsafe(`
        SELECT reference, count(*)::int AS authorizations FROM simulated_charges
        WHERE reference IN (SELECT 'hold:' || id FROM (${holds}) h) AND status <> 'DECLINED' GROUP BY reference HAVING count(*) > 1`);
      expect(charged).toEqual([]);
      // No live authorization without a booking.
      const orphans = await database.sql.unsafe(`
        SELECT c.id FROM simulated_charges c LEFT JOIN bookings b ON b.payment_id = c.id
        WHERE c.reference IN (SELECT 'hold:' || id FROM (${holds}) h) AND c.status = 'AUTHORIZED' AND b.id IS NULL`);
      expect(orphans).toEqual([]);
      // Every booking captured, and saying what the ledger says.
      const bookings = await database.sql`
        SELECT b.id, b.payment_status AS booked, c.status AS ledger FROM bookings b JOIN simulated_charges c ON c.id = b.payment_id
        WHERE b.event_id = ${event.eventId}`;
      expect(bookings.length).toBeGreaterThan(0);
      expect(bookings.filter((row) => row.booked !== 'CAPTURED' || row.ledger !== 'CAPTURED')).toEqual([]);
    });
  }
});

async function graphql(url: string, query: string, variables: Record<string, unknown>, buyer: Buyer): Promise<any> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${buyer.token}` },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}
