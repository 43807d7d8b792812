/**
 * Live seat maps across API processes sharing one PostgreSQL and one Redis,
 * and through a Redis outage. Needs REDIS_URL (CI's second run sets it).
 */
import { randomBytes } from 'node:crypto';

import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';

import { type Buyer, createBuyers, createOnSaleEvent } from './support/booking.js';
import { RESERVE } from './support/booking-operations.js';
import { ANCHOR } from './support/catalog.js';
import { useTestDatabase } from './support/fixture.js';
import { loadMap, watchSeatMap } from './support/seat-map-watcher.js';
import { manualClock, TEST_SECRETS, type TestServer } from './support/server.js';
import { type ServerProcess, startServerProcess } from './support/server-process.js';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';

const redisUrl = process.env.REDIS_URL;

describe.runIf(redisUrl)('live seat maps across processes', () => {
  const { database, startServer } = useTestDatabase({ events: 2 });
  let organizerId: number;
  let redis: Redis;
  const redisKeyPrefix = `test-${randomBytes(4).toString('hex')}:`;
  const clock = manualClock(ANCHOR);
  const reserve = async (via: TestServer, buyer: Buyer, eventId: string, ticketIds: string[]) => {
    const { data } = await via.graphql(RESERVE, { input: { eventId, ticketIds } }, buyer.token);
    expect(data.reserveSeats.userErrors).toEqual([]);
  };

  beforeAll(async () => {
    organizerId = (await createBuyers(database.sql, 1, 'ORGANIZER'))[0]!.userId;
    redis = new Redis(redisUrl!);
  });
  afterAll(() => redis?.disconnect());

  it('brings a reservation made through one process to a subscriber of another', async () => {
    const a = await startServer({ clock, redisUrl, redisKeyPrefix });
    const b: ServerProcess = await startServerProcess({
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl!,
      REDIS_KEY_PREFIX: redisKeyPrefix,
      ...TEST_SECRETS,
      SEED_DEMO: 'false',
      HOLD_SWEEP_INTERVAL_MS: '0',
    });
    onTestFinished(() => b.stop());
    const event = await createOnSaleEvent(database.sql, organizerId, { rows: 1, seatsPerRow: 4 });
    const [buyer] = await createBuyers(database.sql, 1);
    const before = await loadMap(a, event.id);
    const onB = watchSeatMap(b.url, { eventId: event.id, sinceVersion: before.version });
    await reserve(a, buyer!, event.id, event.seats[0]!.slice(0, 2));
    expect(await onB.take()).toMatchObject({ previousVersion: before.version, version: before.version + 1 });
    expect(onB.apply(before)).toEqual(await loadMap(a, event.id));
    await onB.close();
  });

  it('rides out a Redis outage: reservations go on, and after it the process resubscribes by itself and its subscribers converge', async () => {
    const { hostname, port } = new URL(redisUrl!);
    const link: TcpProxy = await startTcpProxy({ host: hostname, port: Number(port || 6379) });
    onTestFinished(() => link.close());
    // No periodic check: only the reconnection can bring the lost changes.
    const server = await startServer({
      clock,
      redisUrl: `redis://127.0.0.1:${link.port}`,
      redisKeyPrefix,
      env: { SEAT_MAP_RECONCILE_INTERVAL_MS: '2000000000' },
    });
    const event = await createOnSaleEvent(database.sql, organizerId, { rows: 1, seatsPerRow: 8 });
    const buyers = await createBuyers(database.sql, 8);
    const seats = event.seats[0]!;
    const before = await loadMap(server, event.id);
    const watcher = watchSeatMap(server.url, { eventId: event.id, sinceVersion: before.version });
    await reserve(server, buyers[0]!, event.id, [seats[0]!]);
    await watcher.take();
    const subscriptions = async (channel = `${redisKeyPrefix}seat-map:${event.eventId}`) =>
      Number(((await redis.pubsub('NUMSUB', channel)) as [string, number])[1]);
    expect(await subscriptions()).toBe(1);

    link.cut();
    await vi.waitFor(async () => expect(await subscriptions()).toBe(0));
    for (let i = 1; i < 6; i++) await reserve(server, buyers[i]!, event.id, [seats[i]!]); // PostgreSQL is the truth: they succeed
    // Someone starts watching another event meanwhile: the subscription is made once Redis is back.
    const other = await createOnSaleEvent(database.sql, organizerId, { rows: 1, seatsPerRow: 2 });
    const latecomer = watchSeatMap(server.url, { eventId: other.id, sinceVersion: 0 });
    link.restore();

    await vi.waitFor(async () => expect(await subscriptions()).toBe(1), { timeout: 10_000, interval: 50 });
    await vi.waitFor(async () => expect(await subscriptions(`${redisKeyPrefix}seat-map:${other.eventId}`)).toBe(1), { timeout: 10_000, interval: 50 });
    await reserve(server, buyers[7]!, other.id, other.seats[0]!);
    expect(await latecomer.take()).toMatchObject({ previousVersion: 0, version: 1 });
    await latecomer.close();
    await vi.waitFor(async () => expect(watcher.apply(before)).toEqual(await loadMap(server, event.id)), { timeout: 10_000, interval: 50 });
    // And news flows through Redis again.
    await reserve(server, buyers[6]!, event.id, [seats[6]!]);
    await vi.waitFor(async () => expect(watcher.apply(before)).toEqual(await loadMap(server, event.id)), { timeout: 5_000, interval: 50 });
    const versions = watcher.deltas.map((delta) => [delta.previousVersion, delta.version]);
    expect(versions.every(([previous], i) => i === 0 || previous === versions[i - 1]![1])).toBe(true); // no gap, no repeat
    await watcher.close();
  });
});
