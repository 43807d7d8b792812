/**
 * Cost budgets of partner keys over HTTP, with the injectable clock: each
 * answer says what it cost (`extensions.cost`) and the bucket's state
 * (RateLimit-* headers); an operation the bucket cannot pay for is refused
 * with 429 and Retry-After, nothing run; the bucket refills with time; what an
 * answer held less than asked goes back. Shared by every process over Redis.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

import { type Buyer, createBuyers, createOnSaleEvent, type OnSaleEvent } from '../support/booking.js';
import { RELEASE, RESERVE } from '../support/booking-operations.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestServer } from '../support/fixture.js';
import { manualClock, type TestServer } from '../support/server.js';
import { openSocket } from '../support/ws.js';
import { partnerWithKey } from './partners-support.js';

/** Costs 1 + 20 × 1 = 21 points as asked (20 events at most); the database holds one. */
const EVENTS = `{ events(first: 20) { edges { node { title } } } }`;
const EVENT = `query ($id: ID!) { event(id: $id) { title venue { name } } }`;

describe('partner cost budgets', () => {
  const clock = manualClock(ANCHOR);
  // Budgets, not documents, are under test: ad-hoc documents (documents.test.ts holds keys to theirs).
  const env = { TRUSTED_DOCUMENTS: 'off' };
  const fixture = useTestServer({ clock, env, redisUrl: process.env.REDIS_URL });
  const { database, server } = fixture;
  let admin: Buyer;
  let event: OnSaleEvent;

  beforeAll(async () => {
    [admin] = (await createBuyers(database.sql, 1, 'ADMIN')) as [Buyer];
    const [organizer] = (await createBuyers(database.sql, 1, 'ORGANIZER')) as [Buyer];
    event = await createOnSaleEvent(database.sql, organizer.userId);
  });

  /** A new partner's key with this cost budget. */
  async function keyWith(costBudget: number, costRestorePerSecond: number): Promise<string> {
    return (await partnerWithKey(server, admin.token, 'Budget Co', { costBudget, costRestorePerSecond })).key;
  }

  async function call(target: TestServer, key: string, query: string, variables: Record<string, unknown> = {}) {
    const response = await fetch(`${target.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ query, variables }),
    });
    const headers = Object.fromEntries(
      ['retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'].map((name) => [name, response.headers.get(name)]),
    );
    return { status: response.status, headers, body: (await response.json()) as any };
  }

  it('charges each operation its cost, gives back what the answer held less, and refuses one costing more than the whole budget', async () => {
    const key = await keyWith(1_000, 10);
    // An event with its venue: 1 + (1 + 0) = 2 points, and the answer holds both objects.
    const first = await call(server, key, EVENT, { id: event.id });
    expect(first.body.extensions.cost).toEqual({ requested: 2, actual: 2, remaining: 998, restoreRate: 10 });
    expect(first.headers).toMatchObject({ 'ratelimit-limit': '1000', 'ratelimit-remaining': '998', 'ratelimit-reset': '1' });
    // A page of 20 asked for (21 points) of the one event there is: the page, its edge and node, 3 objects; 18 points back.
    const page = await call(server, key, EVENTS);
    expect(page.body.extensions.cost).toEqual({ requested: 21, actual: 3, remaining: 995, restoreRate: 10 });

    const costly = `{ events(first: 100) { edges { node { sections { section { name } } } } } }`; // 1 + 100 × (1 + 10 × 2) = 2101
    const refused = await call(server, key, costly);
    expect([refused.status, refused.body.errors[0].extensions]).toEqual([
      400,
      { code: 'QUERY_TOO_COSTLY', cost: 2101, maxCost: 1_000, requestId: expect.any(String) },
    ]);
    expect(refused.body.data).toBeUndefined();
  });

  it('refuses with 429 and Retry-After once the bucket is empty, refills with time, and over Redis is one bucket for every process', async () => {
    const key = await keyWith(100, 10);
    const other = process.env.REDIS_URL ? await fixture.startServer({ clock, env, redisUrl: process.env.REDIS_URL }) : server;
    for (let i = 0; i < 50; i++) expect((await call(i % 2 ? other : server, key, EVENT, { id: event.id })).status).toBe(200); // 2 points each
    const refused = await call(other, key, EVENT, { id: event.id });
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', cost: { requested: 2, actual: 0, remaining: 0, restoreRate: 10 } });
    expect(refused.headers).toMatchObject({ 'retry-after': '1', 'ratelimit-limit': '100', 'ratelimit-remaining': '0', 'ratelimit-reset': '10' });
    clock.set(new Date(ANCHOR.getTime() + 1_000)); // 10 points back
    expect((await call(server, key, EVENT, { id: event.id })).body.extensions.cost.remaining).toBe(8);
    clock.set(ANCHOR);
  });

  it('over graphql-ws, charges an operation its cost and a live subscription a point per delta, ending it with RATE_LIMITED once spent', async () => {
    const key = await keyWith(100, 1);
    const [fan] = (await createBuyers(database.sql, 1)) as [Buyer];
    const quick = await fixture.startServer({ clock, env: { ...env, SEAT_MAP_WINDOW_MS: '5' }, redisUrl: process.env.REDIS_URL }); // a delta per change, soon
    const socket = openSocket(quick.url, undefined, key);
    const deltas: unknown[] = [];
    // From the map's version now: a change made before the subscription is in place comes in its first delta, not lost.
    const { data } = await quick.graphql(`query ($eventId: ID!) { seatMap(eventId: $eventId) { version } }`, { eventId: event.id });
    const variables = { eventId: event.id, sinceVersion: data.seatMap.version };
    const ended = new Promise<any>((resolve) => {
      socket.client.subscribe(
        { query: 'subscription ($eventId: ID!, $sinceVersion: Int) { seatMapChanged(eventId: $eventId, sinceVersion: $sinceVersion) { version } }', variables }, // costs 1
        { next: (delta) => void deltas.push(delta), error: resolve, complete: () => resolve(undefined) },
      );
    });
    try {
      // Each hold and each release is a change of the map, and a delta: the bucket's 99 points left pay for 99 of them, and
      // the 100th, which finds it empty, is the last.
      const seat = event.seats[1]![0]!;
      const delivered = (count: number) => vi.waitFor(() => expect(deltas.length).toBeGreaterThanOrEqual(count), { timeout: 5_000, interval: 2 });
      for (let change = 0; change < 100; change += 2) {
        const { data } = await quick.graphql(RESERVE, { input: { eventId: event.id, ticketIds: [seat] } }, fan.token);
        await delivered(change + 1);
        await quick.graphql(RELEASE, { input: { holdId: data.reserveSeats.hold.id } }, fan.token);
        await delivered(change + 2);
      }
      const error = await ended;
      expect(error?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', cost: { requested: 1, remaining: 0 } });
      expect(deltas).toHaveLength(100);
      // The same bucket as over HTTP: spent there too.
      expect((await call(quick, key, EVENT, { id: event.id })).status).toBe(429);
    } finally {
      await socket.client.dispose();
    }
  });
});
