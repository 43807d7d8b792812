import { randomUUID } from 'node:crypto';

import { beforeAll, describe, expect, it } from 'vitest';

import { toGlobalId } from '../src/relay/global-id.js';
import { createBuyers, createOnSaleEvent } from './support/booking.js';
import { CANCEL, CONFIRM, RELEASE, RESERVE } from './support/booking-operations.js';
import { ANCHOR } from './support/catalog.js';
import { useTestServer } from './support/fixture.js';
import { manualClock, type TestServer } from './support/server.js';

const SEAT_MAP = `query ($eventId: ID!) {
  seatMap(eventId: $eventId) {
    event { id } version
    sections { section { id name kind } price { amount currency } available capacity availability
      tickets(first: 100) { edges { node { id status row number x y } } } }
  }
}`;

/** Expands "3A2S" to ['AVAILABLE', 'AVAILABLE', 'AVAILABLE', 'SOLD', 'SOLD']. */
function decode(code: string): string[] {
  const names: Record<string, string> = { A: 'AVAILABLE', H: 'HELD', S: 'SOLD' };
  expect(code).toMatch(/^(\d+[AHS])*$/);
  return [...code.matchAll(/(\d+)([AHS])/g)].flatMap(([, count, letter]) => Array(Number(count)).fill(names[letter!]));
}

describe('seat map', () => {
  const clock = manualClock(ANCHOR);
  const { database, server } = useTestServer({ events: 2, clock });
  let organizerId: number;

  beforeAll(async () => {
    organizerId = (await createBuyers(database.sql, 1, 'ORGANIZER'))[0]!.userId;
  });

  it('gives every section with its statuses compactly, in the order of its tickets, at the version of its last change', async () => {
    const event = await createOnSaleEvent(database.sql, organizerId, { rows: 2, seatsPerRow: 5, gaCapacity: 4 });
    const empty = (await server.graphql(SEAT_MAP, { eventId: event.id })).data.seatMap;
    expect(empty.version).toBe(0);
    expect(empty.sections.map((s: any) => [s.section.kind, s.capacity, s.available, s.availability, s.price.amount])).toEqual([
      ['RESERVED', 10, 10, '10A', event.prices.reserved],
      ['GENERAL_ADMISSION', 4, 4, '4A', event.prices.ga],
    ]);

    const [buyer, other] = await createBuyers(database.sql, 2);
    const sold = (await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds: event.seats[0]!.slice(1, 3) } }, buyer!.token)).data.reserveSeats.hold
      .id;
    await server.graphql(CONFIRM, { input: { holdId: sold, payment: { token: 'tok_visa' }, idempotencyKey: randomUUID() } }, buyer!.token);
    await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds: [event.seats[1]![4]!, event.units[0]!] } }, other!.token);

    const map = (await server.graphql(SEAT_MAP, { eventId: event.id })).data.seatMap;
    expect(map.version).toBe(3); // the hold, the sale, the second hold
    const [reserved, ga] = map.sections;
    expect(reserved.availability).toBe('1A2S6A1H');
    expect(ga.availability).toBe('1H3A');
    expect([reserved.available, ga.available]).toEqual([7, 3]);
    // The code agrees with the tickets, one for one, and seats come with their places.
    expect(decode(reserved.availability)).toEqual(reserved.tickets.edges.map((e: any) => e.node.status));
    expect(reserved.tickets.edges[6].node).toMatchObject({ id: event.seats[1]![1], row: 'B', number: 2, x: 2, y: 1 });
    expect(ga.tickets.edges[0].node).toMatchObject({ id: event.units[0], row: null, x: null, y: null, status: 'HELD' });
  });

  it('shows an expired hold as available at once', async () => {
    const event = await createOnSaleEvent(database.sql, organizerId, { rows: 1, seatsPerRow: 4, gaCapacity: 1, holdTtlSeconds: 60 });
    const [buyer] = await createBuyers(database.sql, 1);
    clock.set(ANCHOR);
    await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds: event.seats[0]!.slice(0, 2) } }, buyer!.token);
    expect((await server.graphql(SEAT_MAP, { eventId: event.id })).data.seatMap.sections[0].availability).toBe('2H2A');
    clock.set(new Date(ANCHOR.getTime() + 60_000));
    expect((await server.graphql(SEAT_MAP, { eventId: event.id })).data.seatMap.sections[0].availability).toBe('4A');
    clock.set(ANCHOR);
  });

  it('answers NOT_FOUND for an unknown event or a draft, and BAD_USER_INPUT for another type of ID', async () => {
    const draft = await createOnSaleEvent(database.sql, organizerId, { status: 'DRAFT' });
    for (const eventId of [draft.id, toGlobalId('Event', 999_999)]) {
      expect((await server.graphql(SEAT_MAP, { eventId })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    expect((await server.graphql(SEAT_MAP, { eventId: toGlobalId('Venue', 1) })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  describe('answered from memory', () => {
    const cacheClock = manualClock(ANCHOR);
    const { server: cached, startServer } = useTestServer({ database, clock: cacheClock, env: { SEAT_MAP_CACHE_MS: '1000' } });
    /** Readings of a map, whole or from the change log. */
    const reads = () => cached.statements.filter((statement) => statement.includes('AS lapsed')).length;
    const wholeReads = (server: TestServer) => server.statements.filter((statement) => statement.includes('string_agg')).length;

    it('serves one reading of a map to every request for a while, then reads it again', async () => {
      const event = await createOnSaleEvent(database.sql, organizerId, { rows: 1, seatsPerRow: 4, gaCapacity: 1 });
      const [buyer] = await createBuyers(database.sql, 1);
      cacheClock.set(ANCHOR);
      const before = reads();
      const maps = await Promise.all(Array.from({ length: 20 }, () => cached.graphql(SEAT_MAP, { eventId: event.id })));
      expect(maps.map((map) => map.data.seatMap.version)).toEqual(Array(20).fill(0));
      expect(reads() - before).toBe(1); // one read for twenty requests arriving together

      await cached.graphql(RESERVE, { input: { eventId: event.id, ticketIds: [event.seats[0]![0]] } }, buyer!.token);
      const soon = (await cached.graphql(SEAT_MAP, { eventId: event.id })).data.seatMap;
      expect([soon.version, soon.sections[0].availability]).toEqual([0, '4A']); // true at its version, up to a second old
      // The event's availability comes from the same map, without counting its taken tickets.
      const sent = cached.statements.length;
      const { data } = await cached.graphql(`query ($id: ID!) { event(id: $id) { availability { available total } } }`, { id: event.id });
      expect(data.event.availability).toEqual({ available: 5, total: 5 });
      expect(cached.statements.slice(sent).some((statement) => /count\(\*\)::int from "tickets"/.test(statement))).toBe(false);
      cacheClock.set(new Date(ANCHOR.getTime() + 1_000));
      const later = (await cached.graphql(SEAT_MAP, { eventId: event.id })).data.seatMap;
      expect([later.version, later.sections[0].availability]).toEqual([1, '1H3A']);
      expect(reads() - before).toBe(2);
      cacheClock.set(ANCHOR);
    });

    it("counts a hot event's availability from its map, read again once stale, and a cold event's from its tickets", async () => {
      const [hot, cold] = [
        await createOnSaleEvent(database.sql, organizerId, { rows: 1, seatsPerRow: 4, gaCapacity: 1 }),
        await createOnSaleEvent(database.sql, organizerId, { rows: 1, seatsPerRow: 4, gaCapacity: 1 }),
      ];
      const [buyer] = await createBuyers(database.sql, 1);
      cacheClock.set(ANCHOR);
      await cached.graphql(SEAT_MAP, { eventId: hot.id }); // someone watches it: it is hot
      for (const event of [hot, cold]) await cached.graphql(RESERVE, { input: { eventId: event.id, ticketIds: [event.seats[0]![0]] } }, buyer!.token);
      const availabilityOf = async (event: typeof hot) => {
        const [mapsBefore, sent] = [reads(), cached.statements.length];
        const { data } = await cached.graphql(`query ($id: ID!) { event(id: $id) { availability { available total } } }`, { id: event.id });
        const counted = cached.statements.slice(sent).some((statement) => /count\(\*\)::int from "tickets"/.test(statement));
        return { ...data.event.availability, from: reads() > mapsBefore ? 'map' : counted ? 'count' : 'memory' };
      };
      cacheClock.set(new Date(ANCHOR.getTime() + 1_000)); // its map is stale now, the event still hot
      expect(await availabilityOf(hot)).toEqual({ available: 4, total: 5, from: 'map' });
      expect(await availabilityOf(hot)).toEqual({ available: 4, total: 5, from: 'memory' });
      expect(await availabilityOf(cold)).toEqual({ available: 4, total: 5, from: 'count' });
      cacheClock.set(new Date(ANCHOR.getTime() + 7_000)); // nobody looked at its map for a while: counted again
      expect(await availabilityOf(hot)).toEqual({ available: 4, total: 5, from: 'count' });
      cacheClock.set(ANCHOR);
    });

    it('brings a map it has up to date from the change log, the same as reading it whole', async () => {
      const event = await createOnSaleEvent(database.sql, organizerId, { rows: 2, seatsPerRow: 5, gaCapacity: 3, holdTtlSeconds: 5 });
      const [buyer, other] = await createBuyers(database.sql, 2);
      cacheClock.set(ANCHOR);
      clock.set(ANCHOR);
      const asFirstRead = (await cached.graphql(SEAT_MAP, { eventId: event.id })).data.seatMap;
      const wholeBefore = wholeReads(cached);
      let at = ANCHOR.getTime();
      const step = async (operation: () => Promise<unknown>) => {
        await operation();
        at += 1_000; // past the cache's life: the next map is read again, from the last
        cacheClock.set(new Date(at));
        clock.set(new Date(at));
        const [fromLog, whole] = await Promise.all([cached.graphql(SEAT_MAP, { eventId: event.id }), server.graphql(SEAT_MAP, { eventId: event.id })]);
        expect(fromLog.data.seatMap).toEqual(whole.data.seatMap);
        return fromLog.data.seatMap;
      };
      const reserve = async (who: typeof buyer, ticketIds: string[]) =>
        (await cached.graphql(RESERVE, { input: { eventId: event.id, ticketIds } }, who!.token)).data.reserveSeats.hold.id as string;

      await step(async () => void (await reserve(buyer, [event.seats[0]![0]!, event.seats[0]![1]!])));
      const sold = await reserve(other, [event.seats[1]![4]!, event.units[0]!]);
      let bookingId = '';
      await step(async () => {
        const confirmed = await cached.graphql(
          CONFIRM,
          { input: { holdId: sold, payment: { token: 'tok_visa' }, idempotencyKey: randomUUID() } },
          other!.token,
        );
        bookingId = confirmed.data.confirmBooking.booking.id;
      });
      const released = await reserve(buyer, [event.units[1]!]);
      await step(() => cached.graphql(RELEASE, { input: { holdId: released } }, buyer!.token));
      await step(() => cached.graphql(CANCEL, { input: { bookingId, idempotencyKey: randomUUID() } }, other!.token));
      // Five seconds in, the first hold lapses: its seats show available at once, with no new version and nothing in the log.
      const lapsed = await step(async () => {});
      expect(lapsed.sections[0].availability).toBe('10A');
      expect(lapsed.version).toBeGreaterThan(asFirstRead.version);
      expect(wholeReads(cached) - wholeBefore).toBe(0); // every one of those from the log
      clock.set(ANCHOR);
      cacheClock.set(ANCHOR);
    });

    it('reads a map whole when the change log no longer reaches back to its version', async () => {
      const shortLog = await startServer({ env: { SEAT_MAP_CACHE_MS: '1000', SEAT_MAP_LOG_VERSIONS: '2' } });
      try {
        const event = await createOnSaleEvent(database.sql, organizerId, { rows: 1, seatsPerRow: 5, gaCapacity: 1 });
        const [buyer] = await createBuyers(database.sql, 1);
        cacheClock.set(ANCHOR);
        await shortLog.graphql(SEAT_MAP, { eventId: event.id });
        for (const seat of event.seats[0]!.slice(0, 3)) await shortLog.graphql(RESERVE, { input: { eventId: event.id, ticketIds: [seat] } }, buyer!.token);
        const wholeBefore = wholeReads(shortLog);
        cacheClock.set(new Date(ANCHOR.getTime() + 1_000));
        const map = (await shortLog.graphql(SEAT_MAP, { eventId: event.id })).data.seatMap;
        expect([map.version, map.sections[0].availability]).toEqual([3, '3H2A']);
        expect(wholeReads(shortLog) - wholeBefore).toBe(1); // versions 1 and 2 were gone from the log
      } finally {
        cacheClock.set(ANCHOR);
      }
    });

    it('reads a map again when a hold on it runs out, which frees seats without a new version', async () => {
      const event = await createOnSaleEvent(database.sql, organizerId, { rows: 1, seatsPerRow: 4, gaCapacity: 1, holdTtlSeconds: 1 });
      const [buyer] = await createBuyers(database.sql, 1);
      cacheClock.set(ANCHOR);
      await cached.graphql(RESERVE, { input: { eventId: event.id, ticketIds: [event.seats[0]![0]] } }, buyer!.token);
      expect((await cached.graphql(SEAT_MAP, { eventId: event.id })).data.seatMap.sections[0].availability).toBe('1H3A');
      cacheClock.set(new Date(ANCHOR.getTime() + 999));
      expect((await cached.graphql(SEAT_MAP, { eventId: event.id })).data.seatMap.sections[0].availability).toBe('1H3A');
      cacheClock.set(new Date(ANCHOR.getTime() + 1_000)); // the hold's end, before the cache's
      const freed = (await cached.graphql(SEAT_MAP, { eventId: event.id })).data.seatMap;
      expect([freed.version, freed.sections[0].availability]).toEqual([1, '4A']);
      cacheClock.set(ANCHOR);
    });
  });
});
