/**
 * The cancellation piece of bench:organizer: an event with N confirmed and
 * captured bookings (default 20,000), written by SQL as the purchase flow
 * leaves them (test/organizer/cancellation-support.ts), is cancelled through
 * the API of a server in its own process, whose refund job runs at
 * `perSecond` (CANCELLATION_REFUNDS_PER_SECOND). Progress is read from
 * `Event.cancellation` as an organizer would, every `sampleMs`, until the
 * refunds complete or `maxSeconds` have passed.
 *
 * Reported: how long cancelEvent took, bookings refunded, and refunds a second
 * over the run (from the cancellation's answer to the last reading) and at
 * steady state (between the first and the last reading that moved), against
 * the configured rate. At the provider's rate (25/s) a few seconds show that
 * the pacing holds; at a rate no processor allows (say 10,000/s) the figure
 * is the job's own ceiling on the machine.
 *
 * Each run has a database of its own (openBenchDatabase): refunds a capped
 * run leaves would otherwise be taken up by the next run's server.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

import postgres from 'postgres';

import { CANCEL_EVENT, CANCELLATION, insertSoldBookings } from '../../test/organizer/cancellation-support.js';
import { createBuyers, createOnSaleEvent } from '../../test/support/booking.js';
import { TEST_SECRETS } from '../../test/support/server.js';
import { startServerProcess } from '../../test/support/server-process.js';
import type { Cleanups } from './cleanups.js';
import { openBenchDatabase } from './database.js';
import { round } from './stats.js';

export interface CancellationBenchOptions {
  /** What the run must undo (its database and server). */
  cleanups: Cleanups;
  /** Confirmed bookings of the event; default 20,000. */
  bookings?: number;
  /** The refund job's rate (CANCELLATION_REFUNDS_PER_SECOND); default 25, the provider's. */
  perSecond?: number;
  /** Stop reading progress after this long, refunds done or not; default 120. */
  maxSeconds?: number;
  /** Time between two readings of `Event.cancellation`; default 500 ms. */
  sampleMs?: number;
}

export interface CancellationBenchResult {
  bookings: number;
  /** The configured rate. */
  perSecond: number;
  /** How long setting up the bookings by SQL took. */
  setupSeconds: number;
  /** How long cancelEvent took to answer (the event CANCELLED, its bookings counted). */
  cancelMs: number;
  /** Bookings refunded when the run ended. */
  refunded: number;
  /** Whether every booking was refunded (completedAt set) within maxSeconds. */
  completed: boolean;
  /** From cancelEvent's answer to the last reading. */
  seconds: number;
  /** refunded / seconds. */
  refundsPerSecond: number;
  /** Between the first and the last reading that moved, without the start-up and the wait for the last reading. */
  steadyRefundsPerSecond: number;
  postgres: { kind: string; version: string; host?: string };
}

export async function benchCancellation(options: CancellationBenchOptions): Promise<CancellationBenchResult> {
  const { cleanups, bookings = 20_000, perSecond = 25, maxSeconds = 120, sampleMs = 500 } = options;
  const database = await openBenchDatabase(`cancellation-${perSecond}`, cleanups);
  const server = await startServerProcess({
    DATABASE_URL: database.url,
    SEED_DEMO: 'false',
    ...TEST_SECRETS,
    CANCELLATION_REFUNDS_PER_SECOND: String(perSecond),
  });
  cleanups.add(() => server.stop());
  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  cleanups.add(() => sql.end());

  const setupStarted = performance.now();
  const [organizer] = await createBuyers(sql, 1, 'ORGANIZER');
  const fans = await createBuyers(sql, Math.min(bookings, 500));
  // General admission: one unit a booking, however many.
  const event = await createOnSaleEvent(sql, organizer!.userId, { rows: 1, seatsPerRow: 1, gaCapacity: bookings });
  const sold = await insertSoldBookings(
    sql,
    event.eventId,
    fans.map((fan) => fan.userId),
    bookings,
    new Date(),
  );
  await sql`ANALYZE bookings`; // as a real event's bookings would be known to the planner by the time it is cancelled
  const setupSeconds = (performance.now() - setupStarted) / 1000;

  const graphql = async (query: string, variables: object) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${organizer!.token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data: any; errors?: unknown[] };
  };

  const cancelStarted = performance.now();
  const cancelled = await graphql(CANCEL_EVENT, { input: { eventId: event.id, reason: 'Benchmark.' } });
  const answeredAt = performance.now();
  if (cancelled.errors || cancelled.data.cancelEvent.userErrors.length > 0) throw new Error(`cancelEvent failed: ${JSON.stringify(cancelled)}`);

  const readings: { at: number; refunded: number }[] = [];
  let completed = false;
  while (!completed && performance.now() - answeredAt < maxSeconds * 1000) {
    await sleep(sampleMs);
    const { data } = await graphql(CANCELLATION, { id: event.id });
    const { refundedBookings, completedAt } = data.node.cancellation;
    readings.push({ at: performance.now(), refunded: refundedBookings });
    completed = completedAt !== null;
  }
  const last = readings.at(-1)!;
  const firstMoved = readings.find((reading) => reading.refunded > 0) ?? last;
  const lastMoved = readings.find((reading) => reading.refunded === last.refunded) ?? last;
  const seconds = (last.at - answeredAt) / 1000;
  const steadySeconds = (lastMoved.at - firstMoved.at) / 1000;
  return {
    bookings: sold,
    perSecond,
    setupSeconds: round(setupSeconds, 1),
    cancelMs: round(answeredAt - cancelStarted),
    refunded: last.refunded,
    completed,
    seconds: round(seconds, 1),
    refundsPerSecond: round(last.refunded / seconds, 1),
    steadyRefundsPerSecond: steadySeconds > 0 ? round((lastMoved.refunded - firstMoved.refunded) / steadySeconds, 1) : 0,
    postgres: database.postgres,
  };
}
