/**
 * kill -9 in the middle of an event's refunds: the API runs as a real child
 * process, the organizer cancels an event with 300 confirmed bookings, and
 * the process is killed a third of the way, at the worst moment: with
 * refunds made at the processor whose bookings it has not yet cancelled
 * (their transactions wait for rows the test holds). Its refund job stays
 * locked by its dead worker until another process, two minutes later, finds
 * that worker's heartbeat a minute overdue, unlocks the job and runs it. By
 * SQL, against the
 * processor's ledger: every booking is cancelled and refunded, each exactly
 * once (the refunds made before the kill keep their time, one
 * booking.cancelled message per booking), and the progress adds up.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { type Buyer, createBuyers, createOnSaleEvent } from '../support/booking.js';
import { ANCHOR } from '../support/catalog.js';
import { untilBlocked } from '../support/database.js';
import { useTestDatabase } from '../support/fixture.js';
import { manualClock, TEST_SECRETS } from '../support/server.js';
import { type ServerProcess, startServerProcess } from '../support/server-process.js';
import { CANCEL_EVENT, CANCELLATION, insertSoldBookings, ledgerOf } from './cancellation-support.js';

const BOOKINGS = 300;
/** The process dies with this many bookings refunded and cancelled, and the next ones refunded at the processor but not yet cancelled. */
const STUCK_AFTER = 100;
/** A rate the provider might allow: 300 bookings take 5 s. */
const REFUNDS_PER_SECOND = 60;

describe('cancellation refunds across a kill -9 of the API process', () => {
  const { database, startServer } = useTestDatabase();
  let organizer: Buyer;
  let fanIds: number[];
  beforeAll(async () => {
    [organizer] = (await createBuyers(database.sql, 1, 'ORGANIZER')) as [Buyer];
    fanIds = (await createBuyers(database.sql, 40)).map((fan) => fan.userId);
  });

  const start = () =>
    startServerProcess({
      DATABASE_URL: database.url,
      ...TEST_SECRETS,
      SEED_DEMO: 'false',
      CANCELLATION_REFUNDS_PER_SECOND: String(REFUNDS_PER_SECOND),
      PAYMENT_RECONCILE_INTERVAL_MS: '0',
      // Their rounds also prune messages every consumer has handled: the test counts booking.cancelled.
      SEARCH_INDEX_INTERVAL_MS: '0',
      NOTIFY_INTERVAL_MS: '0',
    });

  async function graphql(server: ServerProcess, query: string, variables: Record<string, unknown>): Promise<any> {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${organizer.token}` },
      body: JSON.stringify({ query, variables }),
    });
    return response.json();
  }

  it('refunds every booking exactly once when the process refunding them is killed and another takes over', { timeout: 120_000 }, async () => {
    const event = await createOnSaleEvent(database.sql, organizer.userId, { rows: 16, seatsPerRow: 20 });
    expect(await insertSoldBookings(database.sql, event.eventId, fanIds, BOOKINGS, ANCHOR)).toBe(BOOKINGS);
    const bookingIds = (await ledgerOf(database.sql, event.eventId)).map((row) => row.bookingId);
    // The job's transaction cancelling this one (and those refunded with it) waits for the test's row lock, their refunds made.
    const stuck = bookingIds[STUCK_AFTER]!;
    const progress = async () =>
      (await database.sql<[{ refunded: number }]>`SELECT refunded_bookings AS refunded FROM event_cancellations WHERE event_id = ${event.eventId}`)[0]!
        .refunded;

    const server = await start();
    let refundedBeforeKill!: Map<string, number>;
    try {
      await database.sql.begin(async (tx) => {
        await tx`SELECT id FROM bookings WHERE id = ${stuck} FOR UPDATE`;
        const cancelled = await graphql(server, CANCEL_EVENT, { input: { eventId: event.id, reason: 'The venue flooded.' } });
        expect(cancelled.data.cancelEvent.userErrors).toEqual([]);
        expect(cancelled.data.cancelEvent.event.cancellation.totalBookings).toBe(BOOKINGS);
        await untilBlocked(database.sql, 1);
        process.kill(server.pid, 'SIGKILL');
        await server.exited;
        // What the processor had refunded when the process died: the bookings counted, and those it was cancelling.
        const ledger = await ledgerOf(database.sql, event.eventId);
        refundedBeforeKill = new Map(ledger.filter((row) => row.charge === 'REFUNDED').map((row) => [row.bookingId, row.refundedAt!.getTime()]));
        expect(await progress()).toBe(STUCK_AFTER);
        expect(ledger.find((row) => row.bookingId === stuck)).toMatchObject({ status: 'CONFIRMED', charge: 'REFUNDED' });
      }); // the dead process's transactions get the rows, find no one to answer and roll back
    } finally {
      await server.stop();
    }

    // Two minutes later, as another process sees it: the dead worker's heartbeat is a minute overdue.
    const survivor = await startServer({
      clock: manualClock(new Date(Date.now() + 120_000)),
      env: { CANCELLATION_REFUNDS_PER_SECOND: String(REFUNDS_PER_SECOND) },
    });
    // The control: while the dead worker holds the job, nobody runs it.
    await survivor.runJobs();
    expect(await progress()).toBe(STUCK_AFTER);
    expect(await survivor.heartbeatJobs()).not.toEqual([]);
    await survivor.runJobs();
    const { cancellation } = (await survivor.graphql(CANCELLATION, { id: event.id }, organizer.token)).data.node;
    expect(cancellation).toMatchObject({ refundedBookings: BOOKINGS, totalBookings: BOOKINGS, completedAt: expect.any(String) });

    const ledger = await ledgerOf(database.sql, event.eventId);
    expect(ledger).toHaveLength(BOOKINGS);
    expect(ledger.filter((row) => row.status !== 'CANCELLED' || row.paymentStatus !== 'REFUNDED' || row.charge !== 'REFUNDED')).toEqual([]);
    // Each refund made before the kill was not made again: it keeps its time.
    const moved = ledger.filter((row) => refundedBeforeKill.has(row.bookingId) && refundedBeforeKill.get(row.bookingId) !== row.refundedAt!.getTime());
    expect(moved).toEqual([]);
    // One cancellation per booking announced, and every ticket freed.
    const [{ messages, bookings }] = await database.sql<[{ messages: number; bookings: number }]>`
      SELECT count(*)::int AS messages, count(DISTINCT payload->>'bookingId')::int AS bookings
      FROM outbox WHERE topic = 'booking.cancelled' AND (payload->>'eventId')::int = ${event.eventId}`;
    expect({ messages, bookings }).toEqual({ messages: BOOKINGS, bookings: BOOKINGS });
    const [{ sold }] = await database.sql<[{ sold: number }]>`SELECT count(*)::int AS sold FROM tickets WHERE event_id = ${event.eventId} AND status = 'SOLD'`;
    expect(sold).toBe(0);
  });
});
