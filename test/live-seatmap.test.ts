/**
 * Live seat maps over real sockets: graphql-ws clients subscribe to an API
 * server whose pub/sub is in-process, and again (when REDIS_URL is set) Redis.
 */
import { randomUUID } from 'node:crypto';

import { beforeAll, describe, expect, it } from 'vitest';

import { fromGlobalId, toGlobalId } from '../src/relay/global-id.js';
import { createSeatMapLog, recordSeatMapChanges } from '../src/seatmap/change-log.js';
import { type Buyer, createBuyers, createOnSaleEvent } from './support/booking.js';
import { CANCEL, CONFIRM, RELEASE, RESERVE } from './support/booking-operations.js';
import { ANCHOR } from './support/catalog.js';
import { useTestServer } from './support/fixture.js';
import { type Delta, loadMap, SEAT_MAP_CHANGED, watchSeatMap } from './support/seat-map-watcher.js';
import { manualClock } from './support/server.js';
import { openSocket } from './support/ws.js';

const redisUrl = process.env.REDIS_URL;
const backends = [{ name: 'in-process pub/sub', redis: false }, ...(redisUrl ? [{ name: 'Redis pub/sub', redis: true }] : [])];

/** The same subscription without prices: another selection, rendered separately. */
const STATUSES_ONLY = `subscription ($eventId: ID!, $sinceVersion: Int) {
  seatMapChanged(eventId: $eventId, sinceVersion: $sinceVersion) { version changes { ticketId status } }
}`;

/** Each change of a delta as [ticketId, status]. */
const statusesOf = (delta: Pick<Delta, 'changes'>) => new Map(delta.changes.map((change) => [change.ticketId, change.status]));
const all = (ticketIds: string[], status: string) => new Map(ticketIds.map((id) => [id, status]));

describe.each(backends)('live seat maps over $name', ({ redis }) => {
  const clock = manualClock(ANCHOR);
  /** Servers of this backend share the database and, with Redis, the channels. */
  const { database, server, startServer } = useTestServer({ events: 2, clock, env: { SEAT_MAP_LOG_VERSIONS: '25' }, redisUrl: redis ? redisUrl : undefined });
  let organizerId: number;
  const reserve = async (buyer: Buyer, eventId: string, ticketIds: string[], via = server) => {
    const { data } = await via.graphql(RESERVE, { input: { eventId, ticketIds } }, buyer.token);
    expect(data.reserveSeats.userErrors).toEqual([]);
    return data.reserveSeats.hold.id as string;
  };

  beforeAll(async () => {
    organizerId = (await createBuyers(database.sql, 1, 'ORGANIZER'))[0]!.userId;
  });

  it('streams a delta for each hold, release, expiry, sale and cancellation, in version order, ending where the map is', async () => {
    clock.set(ANCHOR);
    const event = await createOnSaleEvent(database.sql, organizerId, { rows: 2, seatsPerRow: 5, gaCapacity: 4, holdTtlSeconds: 60 });
    const [buyer] = await createBuyers(database.sql, 1);
    const as = (query: string, input: object) => server.graphql(query, { input }, buyer!.token);
    const before = await loadMap(server, event.id);
    const watcher = watchSeatMap(server.url, { eventId: event.id, sinceVersion: before.version }); // anonymous

    const pair = event.seats[0]!.slice(0, 2);
    const released = await reserve(buyer!, event.id, pair);
    const held = await watcher.take();
    expect(statusesOf(held)).toEqual(all(pair, 'HELD'));
    expect(held.changes[0]!.price).toEqual({ amount: event.prices.reserved, currency: 'USD' });
    await as(RELEASE, { holdId: released });
    expect(statusesOf(await watcher.take())).toEqual(all(pair, 'AVAILABLE'));

    const lapsing = [event.seats[1]![0]!];
    await reserve(buyer!, event.id, lapsing);
    expect(statusesOf(await watcher.take())).toEqual(all(lapsing, 'HELD'));
    clock.set(new Date(ANCHOR.getTime() + 61_000));
    expect(await server.sweepHolds()).toBe(1);
    expect(statusesOf(await watcher.take())).toEqual(all(lapsing, 'AVAILABLE'));

    const bought = event.units.slice(0, 2);
    const holdId = await reserve(buyer!, event.id, bought);
    expect(statusesOf(await watcher.take())).toEqual(all(bought, 'HELD'));
    const booking = (await as(CONFIRM, { holdId, payment: { token: 'tok_visa' }, idempotencyKey: randomUUID() })).data.confirmBooking.booking;
    expect(statusesOf(await watcher.take())).toEqual(all(bought, 'SOLD'));
    await as(CANCEL, { bookingId: booking.id, idempotencyKey: randomUUID() });
    expect(statusesOf(await watcher.take())).toEqual(all(bought, 'AVAILABLE'));

    // One version at a time, each delta following the one before, none lost or repeated.
    expect(watcher.deltas.map((d) => [d.previousVersion, d.version, d.resync])).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((n) => [before.version + n - 1, before.version + n, false]),
    );
    expect(new Set(watcher.deltas.map((d) => d.eventId))).toEqual(new Set([event.id]));
    expect(watcher.apply(before)).toEqual(await loadMap(server, event.id));
    await watcher.close();
    clock.set(ANCHOR);
  });

  it('sends the changes of one window as one delta, executed once per selection however many subscribe', async () => {
    const coalescing = await startServer({ env: { SEAT_MAP_WINDOW_MS: '1000' } });
    const event = await createOnSaleEvent(database.sql, organizerId, { rows: 6, seatsPerRow: 10, ticketLimit: 10 });
    const buyers = await createBuyers(database.sql, 6);
    const { version } = await loadMap(coalescing, event.id);
    const alike = Array.from({ length: 12 }, () => watchSeatMap(coalescing.url, { eventId: event.id, sinceVersion: version }));
    const different = watchSeatMap(coalescing.url, { eventId: event.id, sinceVersion: version }, { query: STATUSES_ONLY });
    const watchers = [...alike, different];
    // A first change reaching every subscriber shows they are all in.
    await reserve(buyers[0]!, event.id, event.seats[0]!, coalescing);
    for (const watcher of watchers) expect((await watcher.take()).version).toBe(version + 1);

    coalescing.subscriptionExecutions.count = 0;
    await Promise.all(buyers.slice(1).map((buyer, i) => reserve(buyer, event.id, event.seats[i + 1]!, coalescing)));
    const deltas = await Promise.all(watchers.map((watcher) => watcher.take()));
    for (const delta of deltas) {
      expect(delta.version).toBe(version + 6);
      expect(statusesOf(delta)).toEqual(all(event.seats.slice(1).flat(), 'HELD'));
    }
    expect(deltas.slice(0, -1).every((delta) => JSON.stringify(delta) === JSON.stringify(deltas[0]))).toBe(true);
    expect(coalescing.subscriptionExecutions.count).toBe(2); // one per selection, not one per subscriber
    await Promise.all(watchers.map((watcher) => watcher.close()));
  });

  it('replays what a dropped subscriber missed when it comes back with its version, and says resync once the log no longer has it', async () => {
    const event = await createOnSaleEvent(database.sql, organizerId, { rows: 3, seatsPerRow: 10 });
    const buyers = await createBuyers(database.sql, 30);
    const seats = event.seats.flat();
    const start = await loadMap(server, event.id);
    const first = watchSeatMap(server.url, { eventId: event.id, sinceVersion: start.version });
    await reserve(buyers[0]!, event.id, [seats[0]!]);
    await first.take();
    const had = first.apply(start);
    first.socket.client.terminate(); // the connection drops

    for (let i = 1; i <= 20; i++) await reserve(buyers[i]!, event.id, [seats[i]!]);
    const back = watchSeatMap(server.url, { eventId: event.id, sinceVersion: had.version });
    const replay = await back.take();
    expect(replay).toMatchObject({ previousVersion: had.version, version: had.version + 20, resync: false });
    expect(statusesOf(replay)).toEqual(all(seats.slice(1, 21), 'HELD')); // each missed change once, nothing it had
    expect(replay.changes).toHaveLength(20);
    expect(back.apply(had)).toEqual(await loadMap(server, event.id));

    // The log keeps 25 versions (SEAT_MAP_LOG_VERSIONS); the event is at 30 past `start`.
    for (let i = 21; i < 30; i++) await reserve(buyers[i]!, event.id, [seats[i]!]);
    const stale = watchSeatMap(server.url, { eventId: event.id, sinceVersion: start.version });
    expect(await stale.take()).toEqual({ eventId: event.id, previousVersion: start.version, version: start.version + 30, resync: true, changes: [] });
    const kept = await database.sql<[{ oldest: number }]>`SELECT min(version)::int AS oldest FROM seat_map_changes WHERE event_id = ${event.eventId}`;
    expect(kept[0].oldest).toBe(start.version + 30 - 25 + 1);
    await Promise.all([back.close(), stale.close()]);
  });

  it('catches up a change whose announcement was lost, from the database', async () => {
    const checking = await startServer({ env: { SEAT_MAP_RECONCILE_INTERVAL_MS: '50' } });
    const event = await createOnSaleEvent(database.sql, organizerId, { rows: 1, seatsPerRow: 4 });
    const before = await loadMap(checking, event.id);
    const watcher = watchSeatMap(checking.url, { eventId: event.id, sinceVersion: before.version });
    // A process that committed a change and died before announcing it.
    const silent = createSeatMapLog({ sql: database.sql, keepVersions: 25, committed: () => {} });
    const ticketId = fromGlobalId(event.seats[0]![0]!).id;
    await silent.transaction(async (tx) => {
      await tx`UPDATE tickets SET status = 'SOLD' WHERE id = ${ticketId}`;
      recordSeatMapChanges(tx, [{ eventId: event.eventId, ticketId, status: 'SOLD', price: event.prices.reserved }]);
    });
    expect(await watcher.take()).toMatchObject({ previousVersion: before.version, version: before.version + 1, resync: false });
    expect(watcher.apply(before)).toEqual(await loadMap(checking, event.id));
    await watcher.close();
  });

  it('refuses a version the map never had, a negative one, and an event nobody may see', async () => {
    const event = await createOnSaleEvent(database.sql, organizerId, { rows: 1, seatsPerRow: 2 });
    const draft = await createOnSaleEvent(database.sql, organizerId, { rows: 1, seatsPerRow: 2, status: 'DRAFT' });
    const { version } = await loadMap(server, event.id);
    const socket = openSocket(server.url);
    const codeOf = async (variables: Record<string, unknown>) => (await socket.execute(SEAT_MAP_CHANGED, variables)).errors?.map((e) => e.extensions?.code);
    expect(await codeOf({ eventId: event.id, sinceVersion: version + 1 })).toEqual(['BAD_USER_INPUT']);
    expect(await codeOf({ eventId: event.id, sinceVersion: -1 })).toEqual(['BAD_USER_INPUT']);
    expect(await codeOf({ eventId: draft.id })).toEqual(['NOT_FOUND']);
    expect(await codeOf({ eventId: toGlobalId('Event', 999_999) })).toEqual(['NOT_FOUND']);
    expect(await codeOf({ eventId: toGlobalId('Venue', 1) })).toEqual(['BAD_USER_INPUT']);
    await socket.client.dispose();
  });
});
