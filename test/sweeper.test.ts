import { randomUUID } from 'node:crypto';

import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createIdempotency } from '../src/booking/idempotency.js';
import { createSweeper, sweepExpiredHolds } from '../src/booking/sweeper.js';
import { connect, type Sql } from '../src/db/client.js';
import { createSeatMapLog } from '../src/seatmap/change-log.js';
import { createBuyers, createOnSaleEvent } from './support/booking.js';
import { CANCEL, CONFIRM, RELEASE, RESERVE } from './support/booking-operations.js';
import { ANCHOR } from './support/catalog.js';
import { untilBlocked } from './support/database.js';
import { useTestServer } from './support/fixture.js';
import { manualClock } from './support/server.js';

describe('hold sweeper', () => {
  const clock = manualClock(ANCHOR);
  const { database, server } = useTestServer({ events: 2, clock });
  let pools: Sql[];
  const logger = pino({ level: 'silent' });
  const logOf = (sql: Sql) => createSeatMapLog({ sql, keepVersions: 1_000, committed: () => {} });

  beforeAll(async () => {
    pools = [connect(database.url, { poolSize: 2 }).sql, connect(database.url, { poolSize: 2 }).sql];
    // Connected before the race, so that neither sweeper spends it connecting while the other sweeps everything.
    await Promise.all(pools.map((sql) => Promise.all([sql`SELECT 1`, sql`SELECT 1`])));
  });
  afterAll(async () => {
    await Promise.all(pools?.map((sql) => sql.end()) ?? []);
  });

  it('releases every expired hold exactly once with two sweepers at work', async () => {
    clock.set(ANCHOR);
    const [organizer] = await createBuyers(database.sql, 1, 'ORGANIZER');
    const event = await createOnSaleEvent(database.sql, organizer!.userId, { rows: 8, seatsPerRow: 10, holdTtlSeconds: 60 });
    const buyers = await createBuyers(database.sql, 40);
    await Promise.all(
      buyers.map((buyer, i) => server.graphql(RESERVE, { input: { eventId: event.id, ticketIds: event.seats.flat().slice(2 * i, 2 * i + 2) } }, buyer.token)),
    );
    clock.set(new Date(ANCHOR.getTime() + 60_000));
    const sweepAll = async (sql: Sql) => {
      let ended = 0;
      let batch: number;
      do {
        batch = await sweepExpiredHolds(logOf(sql), clock, 3);
        ended += batch;
      } while (batch > 0);
      return ended;
    };
    const [a = 0, b = 0] = await Promise.all(pools.map(sweepAll));
    expect(a + b).toBe(40);
    expect(a).toBeGreaterThan(0); // both took part
    expect(b).toBeGreaterThan(0);
    const [state] = await database.sql`
      SELECT (SELECT count(*)::int FROM holds WHERE event_id = ${event.eventId} AND status = 'EXPIRED') AS expired,
             (SELECT count(*)::int FROM tickets WHERE event_id = ${event.eventId} AND status = 'HELD') AS held,
             (SELECT count(*)::int FROM seat_map_changes WHERE event_id = ${event.eventId} AND status = 'AVAILABLE') AS freed,
             (SELECT count(DISTINCT ticket_id)::int FROM seat_map_changes WHERE event_id = ${event.eventId} AND status = 'AVAILABLE') AS "freedTickets"`;
    expect(state).toEqual({ expired: 40, held: 0, freed: 80, freedTickets: 80 });
  });

  it('keeps seats it freed from a reservation whose clock is still before their expiry (another process, a clock behind)', async () => {
    clock.set(ANCHOR);
    const [organizer] = await createBuyers(database.sql, 1, 'ORGANIZER');
    const event = await createOnSaleEvent(database.sql, organizer!.userId, { rows: 1, seatsPerRow: 2, holdTtlSeconds: 60 });
    const [first, second] = await createBuyers(database.sql, 2);
    const seat = [event.seats[0]![0]!];
    const reserve = (buyer: typeof first) => server.graphql(RESERVE, { input: { eventId: event.id, ticketIds: seat } }, buyer!.token);
    expect((await reserve(first)).data.reserveSeats.userErrors).toEqual([]);
    clock.set(new Date(ANCHOR.getTime() + 61_000));
    expect(await sweepExpiredHolds(logOf(pools[0]!), clock)).toBe(1);
    clock.set(new Date(ANCHOR.getTime() + 59_000));
    const early = await reserve(second);
    expect(early.errors).toBeUndefined();
    expect(early.data.reserveSeats.userErrors.map((e: { code: string }) => e.code)).toEqual(['SEATS_UNAVAILABLE']);
    clock.set(new Date(ANCHOR.getTime() + 60_000));
    expect((await reserve(second)).data.reserveSeats.userErrors).toEqual([]);
    clock.set(ANCHOR);
  });

  // A hold that expired keeps its claim on the seat until its expiry. A later hold that gives the seat back
  // must leave the seat out of reach of a reservation whose time is before its own start, else that
  // reservation's claim overlaps the expired one (the exclusion constraint refuses it: a server error).
  it.each(['released', 'bought and cancelled'])('keeps a seat %s by a later hold from a reservation whose clock is before that hold', async (giveBack) => {
    clock.set(ANCHOR);
    const at = (seconds: number) => clock.set(new Date(ANCHOR.getTime() + seconds * 1000));
    const [organizer] = await createBuyers(database.sql, 1, 'ORGANIZER');
    const event = await createOnSaleEvent(database.sql, organizer!.userId, { rows: 1, seatsPerRow: 2, holdTtlSeconds: 60 });
    const [first, second, third] = await createBuyers(database.sql, 3);
    const seat = [event.seats[0]![0]!];
    const reserve = async (buyer: typeof first) => {
      const answer = await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds: seat } }, buyer!.token);
      expect(answer.errors).toBeUndefined();
      return answer.data.reserveSeats;
    };
    expect((await reserve(first)).userErrors).toEqual([]);
    at(61); // the first hold has expired, unswept: the second buyer takes the seat, and gives it back
    const { hold } = await reserve(second);
    if (giveBack === 'released') {
      expect((await server.graphql(RELEASE, { input: { holdId: hold.id } }, second!.token)).data.releaseHold.userErrors).toEqual([]);
    } else {
      const { booking } = (
        await server.graphql(CONFIRM, { input: { holdId: hold.id, payment: { token: 'tok_visa' }, idempotencyKey: randomUUID() } }, second!.token)
      ).data.confirmBooking;
      expect(
        (await server.graphql(CANCEL, { input: { bookingId: booking.id, idempotencyKey: randomUUID() } }, second!.token)).data.cancelBooking.userErrors,
      ).toEqual([]);
    }
    at(59); // a reservation that read the time before the first hold expired
    const early = await reserve(third);
    expect(early.userErrors.map((e: { code: string }) => e.code)).toEqual(['SEATS_UNAVAILABLE']);
    at(62);
    expect((await reserve(third)).userErrors).toEqual([]);
    clock.set(ANCHOR);
  });

  // A reservation takes an expired hold's seats while the sweep frees them, each locking them in its own order. The
  // sweep gives way (a lock wait of at most LOCK_WAIT_MS), so that PostgreSQL never has to pick a victim: it picked the
  // reservation, a buyer's server error, in the on-sale benchmark.
  it.each([
    ['gives way to a reservation taking an expired hold’s seats, and frees them on a later sweep', false],
    ['deadlocks with it when it waits for every lock (the negative control)', true],
  ])('%s', async (_, unsafeWaitForLocks) => {
    clock.set(ANCHOR);
    const [organizer, buyer] = await createBuyers(database.sql, 2);
    const event = await createOnSaleEvent(database.sql, organizer!.userId, { rows: 1, seatsPerRow: 2, holdTtlSeconds: 60 });
    expect((await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds: event.seats[0] } }, buyer!.token)).data.reserveSeats.userErrors).toEqual([]);
    const seats = await database.sql<{ id: number }[]>`SELECT id FROM tickets WHERE event_id = ${event.eventId} AND status = 'HELD' ORDER BY id`;
    const [first, second] = seats;
    clock.set(new Date(ANCHOR.getTime() + 61_000));
    const touch = (tx: Sql, id: number) => tx`UPDATE tickets SET held_until = held_until WHERE id = ${id}`;
    // The reservation holds the second seat; the sweep frees the first and waits for the second; the reservation takes the first.
    const outcome = await database.sql
      .begin(async (reservation) => {
        await touch(reservation as unknown as Sql, second!.id);
        const sweep = sweepExpiredHolds(logOf(pools[0]!), clock, undefined, { unsafeWaitForLocks }).then(
          (ended) => ({ ended }),
          (error: { code?: string }) => ({ failed: error.code }),
        );
        await untilBlocked(database.sql, 1);
        const taken = await touch(reservation as unknown as Sql, first!.id).then(
          () => 'ok',
          (error: { code?: string }) => error.code,
        );
        return { taken, sweep: await sweep };
      })
      .catch((error: { code?: string }) => ({ taken: error.code, sweep: undefined }));
    if (unsafeWaitForLocks) {
      expect([outcome.taken, outcome.sweep && 'failed' in outcome.sweep ? outcome.sweep.failed : 'ok']).toContain('40P01');
      return;
    }
    expect(outcome).toEqual({ taken: 'ok', sweep: { failed: '55P03' } });
    await sweepExpiredHolds(logOf(pools[0]!), clock);
    expect(await database.sql`SELECT status::text FROM tickets WHERE id IN ${database.sql(seats.map((seat) => seat.id))} ORDER BY id`).toEqual([
      { status: 'AVAILABLE' },
      { status: 'AVAILABLE' },
    ]);
    clock.set(ANCHOR);
  });

  it('sweeps from one process only: the one holding the leader lock, until it stops', async () => {
    const sweepers = pools.map((sql) =>
      createSweeper({ sql, clock, logger, idempotency: createIdempotency(sql, clock), intervalMs: 0, seatMapLog: logOf(sql) }),
    );
    const [first, second] = sweepers as [(typeof sweepers)[0], (typeof sweepers)[0]];
    try {
      await first.tick();
      await second.tick();
      expect([first.isLeader(), second.isLeader()]).toEqual([true, false]);
      await first.stop();
      await second.tick();
      expect(second.isLeader()).toBe(true);
    } finally {
      await Promise.all(sweepers.map((sweeper) => sweeper.stop()));
    }
  });
});
