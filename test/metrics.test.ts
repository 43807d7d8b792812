/**
 * GET /metrics: Prometheus text, behind its token, with counters and gauges
 * that move as the API is used. Runs on Redis too when REDIS_URL is set
 * (then a seat-map delta is also timed from another process).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';

import { toGlobalId } from '../src/relay/global-id.js';
import { type Buyer, createBuyers, createOnSaleEvent } from './support/booking.js';
import { CANCEL, CONFIRM, RESERVE } from './support/booking-operations.js';
import { ANCHOR } from './support/catalog.js';
import { useTestServer } from './support/fixture.js';
import { type MetricFamily, scrape, valueOf } from './support/prometheus.js';
import { watchSeatMap } from './support/seat-map-watcher.js';
import { manualClock, type TestServer } from './support/server.js';
import { openSocket } from './support/ws.js';

const TOKEN = 'metrics-token-for-the-tests';
/** The seat maps' window, as the test servers have it (the default). */
const WINDOW_SECONDS = 0.1;
const CONFIGURE_ROOM = `mutation ($input: ConfigureWaitingRoomInput!) { configureWaitingRoom(input: $input) { userErrors { code } } }`;
const JOIN_ROOM = `mutation ($eventId: ID!) { joinWaitingRoom(input: { eventId: $eventId }) { userErrors { code } } }`;
const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { userErrors { code } } }`;
const PASS_CHANGED = `subscription ($eventId: ID!) { queuePassChanged(eventId: $eventId) { status } }`;
/** How long a test waits for what the server does on its own (a socket closing, a subscription starting). */
const WAIT = { timeout: 5_000, interval: 20 };

describe('metrics', () => {
  const clock = manualClock(ANCHOR);
  const redisUrl = process.env.REDIS_URL;
  const { database, server, startServer } = useTestServer({ clock, redisUrl, env: { METRICS_TOKEN: TOKEN } });
  let organizer: Buyer;
  let organizerId: number;
  let buyer: Buyer;

  beforeAll(async () => {
    [organizer] = (await createBuyers(database.sql, 1, 'ORGANIZER')) as [Buyer];
    organizerId = organizer.userId;
    [buyer] = (await createBuyers(database.sql, 1)) as [Buyer];
  });

  const metrics = () => scrape(server.url, TOKEN);
  /** Requests counted by the duration histogram with these labels (its `_count`). */
  const requests = (families: MetricFamily[], labels: Record<string, string>) => valueOf(families, 'graphql_request_duration_seconds_count', labels);
  /** The value of the sample `name` with these labels on `of`'s /metrics. */
  const valueOn = async (name: string, labels: Record<string, string>, of: TestServer = server) => valueOf(await scrape(of.url, TOKEN), name, labels);
  const openSubscriptions = (field: string) => valueOn('graphql_ws_subscriptions', { field });

  it('answers 401 without the token or with a wrong one, and the Prometheus text with it', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('nodejs_');
    const families = await metrics();
    const names = families.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes', 'nodejs_gc_duration_seconds']));
    expect(names).toEqual(expect.arrayContaining(['graphql_request_duration_seconds', 'graphql_errors_total', 'ticketing_seats_sold_total']));
  });

  it('is open without METRICS_TOKEN, and not there with METRICS_ENABLED=false', async () => {
    const open = await startServer({ clock, env: {} });
    expect((await fetch(`${open.url}/metrics`)).status).toBe(200);
    const off = await startServer({ clock, env: { METRICS_ENABLED: 'false' } });
    expect((await fetch(`${off.url}/metrics`)).status).toBe(404);
  });

  it('counts a hold, a sale with its seats and a cancellation once each, and not a refused reservation', async () => {
    const event = await createOnSaleEvent(database.sql, organizerId);
    const before = await metrics();
    const reserved = await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds: event.seats[0]!.slice(0, 3) } }, buyer.token);
    const holdId = reserved.data.reserveSeats.hold.id;
    // Refused (the same seats): no hold made.
    const refused = await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds: event.seats[0]!.slice(0, 1) } }, buyer.token);
    expect(refused.data.reserveSeats.userErrors).not.toEqual([]);
    const confirm = { input: { holdId, payment: { token: 'tok_visa' }, idempotencyKey: 'metrics-sale' } };
    const confirmed = await server.graphql(CONFIRM, confirm, buyer.token);
    const bookingId = confirmed.data.confirmBooking.booking.id;
    await server.graphql(CONFIRM, confirm, buyer.token); // the same key: answered again, not sold again
    await server.graphql(CANCEL, { input: { bookingId, idempotencyKey: 'metrics-cancel' } }, buyer.token);

    const after = await metrics();
    const moved = (name: string) => valueOf(after, name) - valueOf(before, name);
    expect(moved('ticketing_holds_created_total')).toBe(1);
    expect(moved('ticketing_bookings_confirmed_total')).toBe(1);
    expect(moved('ticketing_seats_sold_total')).toBe(3);
    expect(moved('ticketing_bookings_cancelled_total')).toBe(1);
    // The refused reservation is a user_error of its (anonymous) operation; the others are ok.
    expect(requests(after, { operation: 'anonymous', outcome: 'user_error' }) - requests(before, { operation: 'anonymous', outcome: 'user_error' })).toBe(1);
    expect(requests(after, { operation: 'anonymous', outcome: 'ok' }) - requests(before, { operation: 'anonymous', outcome: 'ok' })).toBe(4);
  });

  it('counts errors by code, and times requests by operation name and outcome', async () => {
    const before = await metrics();
    await server.graphql('query Broken { nope }');
    await server.graphql('query Broken { nope }');
    const after = await metrics();
    const moved = (code: string) => valueOf(after, 'graphql_errors_total', { code }) - valueOf(before, 'graphql_errors_total', { code });
    expect(moved('GRAPHQL_VALIDATION_FAILED')).toBe(2);
    expect(requests(after, { operation: 'anonymous', outcome: 'user_error' }) - requests(before, { operation: 'anonymous', outcome: 'user_error' })).toBe(2);
    await server.graphql('query Fine { __typename }');
    expect(requests(await metrics(), { operation: 'Fine', outcome: 'ok' })).toBe(1);
  });

  it('labels at most 200 operation names as themselves; the rest are other', async () => {
    const sent = Array.from({ length: 230 }, (_, i) => `Made${i}`);
    for (const name of sent) await server.graphql(`query ${name} { __typename }`);
    const family = (await metrics()).find((f) => f.name === 'graphql_request_duration_seconds_count')!;
    const operations = new Set(family.metrics.map((m) => m.labels!.operation));
    expect(operations.size).toBeLessThanOrEqual(200 + 2); // and anonymous, other
    expect(operations).toContain('other');
    expect(operations).toContain('Made0'); // the first names are labelled as themselves
    expect(operations).not.toContain('Made229');
  });

  it('gauges the subscriptions open over WebSocket by field, down again as they end; a refused one is not counted', async () => {
    const event = await createOnSaleEvent(database.sql, organizerId);
    const family = (await metrics()).find((f) => f.name === 'graphql_ws_subscriptions')!;
    // Every field of the schema, from the start.
    expect(family.metrics.map((m) => [m.labels!.field, m.value])).toEqual(
      expect.arrayContaining([
        ['seatMapChanged', '0'],
        ['queuePassChanged', '0'],
      ]),
    );
    const watchers = [watchSeatMap(server.url, { eventId: event.id }), watchSeatMap(server.url, { eventId: event.id })];
    const refused = watchSeatMap(server.url, { eventId: toGlobalId('Event', 999_999_999) });
    try {
      await vi.waitFor(async () => expect(await openSubscriptions('seatMapChanged')).toBe(2), WAIT);
      await vi.waitFor(() => expect(refused.errors).not.toEqual([]), WAIT);
      expect(await openSubscriptions('seatMapChanged')).toBe(2);
      await watchers[0]!.close();
      await vi.waitFor(async () => expect(await openSubscriptions('seatMapChanged')).toBe(1), WAIT);
    } finally {
      await Promise.all([...watchers, refused].map((watcher) => watcher.close()));
    }
    await vi.waitFor(async () => expect(await openSubscriptions('seatMapChanged')).toBe(0), WAIT);
  });

  it("times each seat-map delta from its commit to this process's subscribers, through the window", async () => {
    const event = await createOnSaleEvent(database.sql, organizerId);
    const lag = async (of: TestServer = server) => ({
      count: await valueOn('ticketing_seat_map_fanout_lag_seconds_count', {}, of),
      sum: await valueOn('ticketing_seat_map_fanout_lag_seconds_sum', {}, of),
    });
    const reserveOn = (of: TestServer, ticketIds: string[]) => of.graphql(RESERVE, { input: { eventId: event.id, ticketIds } }, buyer.token);
    // Two subscribers of the event: the delta reaches both, and is timed once.
    const watchers = [watchSeatMap(server.url, { eventId: event.id }), watchSeatMap(server.url, { eventId: event.id })];
    try {
      await vi.waitFor(async () => expect(await openSubscriptions('seatMapChanged')).toBe(2), WAIT);
      const before = await lag();
      expect((await reserveOn(server, event.seats[0]!.slice(0, 2))).data.reserveSeats.userErrors).toEqual([]);
      for (const watcher of watchers) expect((await watcher.take()).changes).toHaveLength(2);
      const after = await lag();
      expect(after.count - before.count).toBe(1);
      // It waited out the window (less a few ms: a timer counts from the event loop's cached time), and was nowhere near the histogram's top.
      expect(after.sum - before.sum).toBeGreaterThanOrEqual(WINDOW_SECONDS * 0.9);
      expect(after.sum - before.sum).toBeLessThan(5);
      if (!redisUrl) return;

      // Over Redis: a delta committed through another process is timed here, where its subscribers are, and not there.
      const other = await startServer();
      expect((await reserveOn(other, event.seats[1]!.slice(0, 1))).data.reserveSeats.userErrors).toEqual([]);
      for (const watcher of watchers) expect((await watcher.take()).changes).toHaveLength(1);
      expect((await lag()).count - after.count).toBe(1);
      expect((await lag(other)).count).toBe(0);
    } finally {
      await Promise.all(watchers.map((watcher) => watcher.close()));
    }
  });

  it('gauges the fans waiting and admitted in the rooms watched here, as of their last read', async () => {
    const event = await createOnSaleEvent(database.sql, organizerId, { onSaleAt: new Date(ANCHOR.getTime() - 60_000) });
    const configure = { input: { eventId: event.id, enabled: true, admitPerMinute: 60 } };
    expect((await server.graphql(CONFIGURE_ROOM, configure, organizer.token)).data.configureWaitingRoom.userErrors).toEqual([]);
    const fans = await createBuyers(database.sql, 3);
    for (const fan of fans) expect((await server.graphql(JOIN_ROOM, { eventId: event.id }, fan.token)).data.joinWaitingRoom.userErrors).toEqual([]);
    const inRooms = async () => ({
      waiting: await valueOn('ticketing_waiting_room_fans', { state: 'waiting' }),
      admitted: await valueOn('ticketing_waiting_room_fans', { state: 'admitted' }),
    });
    expect(await inRooms()).toEqual({ waiting: 0, admitted: 0 }); // nobody here watches the room

    const sockets = fans.map((fan) => openSocket(server.url, fan.token));
    const statuses: string[][] = fans.map(() => []);
    sockets.forEach((socket, i) =>
      socket.client.subscribe(
        { query: PASS_CHANGED, variables: { eventId: event.id } },
        {
          next: ({ data }) => void statuses[i]!.push((data as { queuePassChanged: { status: string } }).queuePassChanged.status),
          error: () => {},
          complete: () => {},
        },
      ),
    );
    try {
      await vi.waitFor(() => expect(statuses).toEqual([['WAITING'], ['WAITING'], ['WAITING']]), WAIT);
      expect(await inRooms()).toEqual({ waiting: 3, admitted: 0 });
      const [round] = await server.admitWaitingRooms(); // numbers the pre-queue and lets one fan in
      expect(round!.admitted).toHaveLength(1);
      // A scrape reads nothing itself: the room is as the feeds last read it, until their next round.
      expect(await inRooms()).toEqual({ waiting: 3, admitted: 0 });
      await server.pushQueuePasses();
      expect(await inRooms()).toEqual({ waiting: 2, admitted: 1 });
    } finally {
      await Promise.all(sockets.map((socket) => socket.client.dispose()));
    }
    // Its last watcher gone, the room is not this process's to count.
    await vi.waitFor(async () => expect(await inRooms()).toEqual({ waiting: 0, admitted: 0 }), WAIT);
  });

  it('counts the failed rounds of background jobs by job, and not the rounds that succeed', async () => {
    const failures = (of: TestServer) => valueOn('ticketing_job_failures_total', { job: 'search indexer' }, of);
    await server.indexSearch(); // into PostgreSQL's index: succeeds
    expect(await failures(server)).toBe(0);
    // A server whose search backend refuses its key (as Typesense answers a wrong one): its indexer fails each round it has a change to take in.
    const refusing = createServer((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Forbidden - a valid `x-typesense-api-key` header must be sent.' }));
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => refusing.close(() => resolve())));
    const refused = { TYPESENSE_URL: `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`, TYPESENSE_API_KEY: 'a-wrong-key' };
    const failing = await startServer({ env: { METRICS_TOKEN: TOKEN, ...refused } });
    await createOnSaleEvent(database.sql, organizerId); // a catalog change for the index
    await expect(failing.indexSearch()).rejects.toThrow();
    await expect(failing.indexSearch()).rejects.toThrow();
    expect(await failures(failing)).toBe(2);
  });

  it('gauges the outbox messages each consumer has yet to handle: a catalog change queues them for search, the indexer takes them', async () => {
    const pending = () => valueOn('ticketing_outbox_pending_messages', { consumer: 'search' }, server);
    await server.indexSearch();
    // What is left: messages another test's failing indexer set aside for later.
    const left = await pending();
    await createOnSaleEvent(database.sql, organizerId); // an event, its prices and tickets: event.changed messages
    expect(await pending()).toBeGreaterThan(left);
    await server.indexSearch();
    expect(await pending()).toBe(left);
  });

  it('gauges the queue’s jobs by task and state: a sign-up’s welcome waits in it until it is sent', async () => {
    const waiting = () => valueOn('ticketing_queue_jobs', { task: 'send-notification', state: 'WAITING' }, server);
    await server.notify(); // the e-mails of the other tests' purchases
    const before = await waiting();
    const input = { email: 'metrics.fan@example.com', password: 'a long enough passphrase', name: 'Metrics Fan' };
    expect((await server.graphql(SIGN_UP, { input })).data.signUp.userErrors).toEqual([]);
    await server.notify();
    expect(await waiting()).toBe(before + 1);
    await database.sql`DELETE FROM graphile_worker._private_jobs`; // as if sent
    expect(await waiting()).toBe(0);
  });

  it("gauges each pool's size and its connections reserved: a leader's while it leads, a seat-map transaction's while it runs", async () => {
    const fresh = await startServer(); // leads nothing yet
    const pools = async () => {
      const families = await scrape(fresh.url, TOKEN);
      const of = (name: string) => ['requests', 'background'].map((pool) => valueOf(families, name, { pool }));
      return { size: of('ticketing_db_pool_size_connections'), reserved: of('ticketing_db_reserved_connections') };
    };
    expect(await pools()).toEqual({ size: [4, 2], reserved: [0, 0] }); // DATABASE_POOL_SIZE 4 in the tests
    // A reservation runs in a transaction on a reserved connection, given back at its end.
    const event = await createOnSaleEvent(database.sql, organizerId);
    expect(
      (await fresh.graphql(RESERVE, { input: { eventId: event.id, ticketIds: event.seats[0]!.slice(0, 1) } }, buyer.token)).data.reserveSeats.userErrors,
    ).toEqual([]);
    expect((await pools()).reserved).toEqual([0, 0]);
    // Leading a job holds a connection of its own, for as long as it leads.
    await fresh.sweepHolds();
    expect((await pools()).reserved).toEqual([1, 0]);
    await fresh.reconcilePayments();
    expect((await pools()).reserved).toEqual([2, 0]);
  });
});
