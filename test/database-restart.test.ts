/**
 * A PostgreSQL restart under load (issue 14). The API runs as a child
 * process, as `npm start` runs it, against a PostgreSQL of the test's own,
 * with requests, reservations and a live seat map going on; PostgreSQL is
 * stopped (fast shutdown), kept down a couple of seconds, and started again,
 * twice. The process must stay up, answer cleanly while the database is down
 * (a success or a 503 / SERVICE_UNAVAILABLE that shows no SQL, connection
 * parameters or stack), and recover by itself: readiness, requests, the hold
 * sweeper's leadership and the seat-map subscribers.
 */
import { randomBytes } from 'node:crypto';

import { type Client, createClient } from 'graphql-ws';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';

import { DEMO_ACCOUNTS } from '../src/accounts/demo-accounts.js';
import { runMigrations } from '../src/db/migrate.js';
import { seedCatalog } from '../src/db/seed/catalog.js';
import { fromGlobalIdOf } from '../src/relay/global-id.js';
import { type Buyer, createBuyers, createOnSaleEvent, type OnSaleEvent } from './support/booking.js';
import { RELEASE, RESERVE } from './support/booking-operations.js';
import { ANCHOR } from './support/catalog.js';
import { type Delta, type MapState, SEAT_MAP_CHANGED } from './support/seat-map-watcher.js';
import { TEST_SECRETS } from './support/server.js';
import { type ServerProcess, startServerProcess } from './support/server-process.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from './support/throwaway-postgres.js';
import { openSocket } from './support/ws.js';

const LOST_LEADERSHIP = 'lost the leader session (the lock went with it); standing for election again';

/** What one request came back with. */
interface Answer {
  phase: 'up' | 'down' | 'recovering';
  operation: string;
  status: number;
  body: string;
  ms: number;
}

const CATALOG = `{ events(first: 5) { edges { node { id title venue { name } } } } }`;
const ME = `{ me { id } }`;
const SEAT_MAP_VERSION = `query ($eventId: ID!) { seatMap(eventId: $eventId) { version } }`;
const SEAT_MAP_STATUSES = `query ($eventId: ID!) {
  seatMap(eventId: $eventId) { version sections { tickets(first: 100) { edges { node { id status } } } } }
}`;

/** Text no answer may show: SQL, connection strings or parameters, stack frames. */
const LEAKS = /\bSELECT\b|\bINSERT\b|\bUPDATE\b|postgres(ql)?:\/\/|ECONNREFUSED|127\.0\.0\.1:\d+|\bat .+:\d+:\d+|stacktrace|Context creation failed/;

/** ok: an answer with no errors; unavailable: only SERVICE_UNAVAILABLE errors (HTTP 200 or 503); bad: anything else. */
function classify(answer: Pick<Answer, 'status' | 'body'>): 'ok' | 'unavailable' | 'bad' {
  if (LEAKS.test(answer.body)) return 'bad';
  let parsed: { errors?: { extensions?: { code?: string } }[] };
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    return 'bad';
  }
  if (answer.status === 200 && !parsed.errors) return 'ok';
  if ((answer.status === 200 || answer.status === 503) && parsed.errors?.length && parsed.errors.every((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) {
    return 'unavailable';
  }
  return 'bad';
}

describe('a PostgreSQL restart under load', () => {
  let database: ThrowawayPostgres;
  let sql: postgres.Sql;
  let server: ServerProcess;
  let event: OnSaleEvent;
  let buyers: Buyer[];

  beforeAll(async () => {
    database = await startThrowawayPostgres('ticketing-restart', { database: 'ticketing' });
    await runMigrations(database.url);
    sql = postgres(database.url, { max: 2, onnotice: () => {} });
    await seedCatalog(sql, { seed: 7, events: 5, anchor: ANCHOR, accounts: DEMO_ACCOUNTS });
    const [organizer] = await createBuyers(sql, 1, 'ORGANIZER');
    // On sale now (the server runs on the real clock), with holds that run out in 2 seconds.
    event = await createOnSaleEvent(sql, organizer!.userId, {
      rows: 2,
      seatsPerRow: 10,
      holdTtlSeconds: 2,
      onSaleAt: new Date(Date.now() - 86_400_000),
      startsAt: new Date(Date.now() + 30 * 86_400_000),
    });
    buyers = await createBuyers(sql, 5);
    server = await startServerProcess({
      DATABASE_URL: database.url,
      ...TEST_SECRETS,
      SEED_DEMO: 'false',
      DATABASE_POOL_SIZE: '4',
      HOLD_SWEEP_INTERVAL_MS: '100',
      SEAT_MAP_RECONCILE_INTERVAL_MS: '1000',
      SEAT_MAP_CACHE_MS: '0',
      // With Redis (CI's second run), seat-map news goes through it, as in production.
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL, REDIS_KEY_PREFIX: `test-${randomBytes(4).toString('hex')}:` } : {}),
      // The buyers reserve and release in a tight loop: no per-user or per-address limit may step in.
      RATE_LIMIT_RESERVES_PER_USER: '0',
      RATE_LIMIT_RESERVES_PER_ADDRESS: '0',
      RATE_LIMIT_RELEASES_PER_USER: '0',
      RATE_LIMIT_RELEASES_PER_ADDRESS: '0',
      RATE_LIMIT_RELEASES_PER_USER_PER_EVENT: '0',
    });
  });
  afterAll(async () => {
    await server?.stop();
    await sql?.end({ timeout: 1 });
    await database?.remove();
  });

  async function graphql(query: string, variables?: Record<string, unknown>, token?: string): Promise<{ status: number; body: string }> {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      // A hung request fails the test; a slow one is not the point (a cold process on a busy 2-core CI took over 10 s).
      signal: AbortSignal.timeout(30_000),
    });
    return { status: response.status, body: await response.text() };
  }

  async function loadMap(): Promise<MapState> {
    const { status, body } = await graphql(SEAT_MAP_STATUSES, { eventId: event.id });
    const { data, errors } = JSON.parse(body);
    if (status !== 200 || errors) throw new Error(`seatMap failed: ${status} ${body}`);
    const statuses = new Map<string, string>();
    for (const section of data.seatMap.sections) for (const { node } of section.tickets.edges) statuses.set(node.id, node.status);
    return { version: data.seatMap.version, statuses };
  }

  /** Holds `seat` for the last buyer, and waits until the hold has run out (2 s) and the sweeper has ended it. */
  async function expectSwept(seat: string, waitFor: (check: () => unknown, options: { timeout: number; interval: number }) => Promise<unknown> = vi.waitFor) {
    // Sent again while it answers SERVICE_UNAVAILABLE, as the answer says to: after a restart, a request may meet a pooled
    // connection that died with the old server (seen under CI's load), and nothing was held then.
    let body = '';
    await vi.waitFor(
      async () => {
        ({ body } = await graphql(RESERVE, { input: { eventId: event.id, ticketIds: [seat] } }, buyers[4]!.token));
        expect(JSON.parse(body).errors?.[0]?.extensions?.code, body).not.toBe('SERVICE_UNAVAILABLE');
      },
      { timeout: 10_000, interval: 100 },
    );
    const { hold, userErrors } = JSON.parse(body).data?.reserveSeats ?? {};
    expect(userErrors, body).toEqual([]);
    expect(hold?.status, body).toBe('ACTIVE');
    const holdId = fromGlobalIdOf('Hold', hold.id);
    await waitFor(
      async () => {
        const [row] = await sql<[{ status: string }]>`SELECT status FROM holds WHERE id = ${holdId}`;
        expect(row.status).toBe('EXPIRED');
      },
      { timeout: 15_000, interval: 100 },
    );
  }

  /**
   * Requests in a loop from a few concurrent clients: catalog and seat-map
   * reads, `me`, and a reserve then release by each buyer (seats of their
   * own in row A, so they never compete).
   */
  function startLoad(phase: { current: Answer['phase'] }) {
    const answers: Answer[] = [];
    let running = true;
    const record = async (operation: string, request: () => Promise<{ status: number; body: string }>) => {
      await new Promise((resolve) => setTimeout(resolve, 10)); // a client's pace, not a busy loop on 2 shared cores
      const at = phase.current;
      const started = performance.now();
      let answer: { status: number; body: string };
      try {
        answer = await request();
      } catch (error) {
        answer = { status: 0, body: `request failed: ${(error as Error).message}` };
      }
      answers.push({ phase: at === 'up' && phase.current !== 'up' ? phase.current : at, operation, ...answer, ms: performance.now() - started });
      return answer;
    };
    const reader = async () => {
      while (running) {
        await record('catalog', () => graphql(CATALOG));
        await record('seatMap', () => graphql(SEAT_MAP_VERSION, { eventId: event.id }));
      }
    };
    const booker = async (buyer: Buyer, seat: string) => {
      while (running) {
        await record('me', () => graphql(ME, {}, buyer.token));
        const reserved = await record('reserveSeats', () => graphql(RESERVE, { input: { eventId: event.id, ticketIds: [seat] } }, buyer.token));
        const holdId = reserved.status === 200 ? JSON.parse(reserved.body).data?.reserveSeats?.hold?.id : undefined;
        if (holdId) await record('releaseHold', () => graphql(RELEASE, { input: { holdId } }, buyer.token));
      }
    };
    const row = event.seats[0]!;
    const loops = [reader(), reader(), ...buyers.slice(0, 4).map((buyer, i) => booker(buyer, row[i]!))];
    return {
      answers,
      async stop() {
        running = false;
        await Promise.all(loops);
      },
    };
  }

  /**
   * A seat-map client as the README tells one to be: it applies each delta,
   * and when its subscription ends or its socket closes it subscribes again
   * with the last version it applied.
   */
  function followSeatMap(start: MapState) {
    const state = { version: start.version, statuses: new Map(start.statuses) };
    const received: Delta[] = [];
    const problems: string[] = [];
    let subscriptions = 0;
    let client: Client | undefined;
    let stopped = false;
    const subscribe = () => {
      if (stopped) return;
      subscriptions++;
      const current = createClient({ url: `${server.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
      client = current;
      let again = false;
      const resubscribe = () => {
        if (again) return;
        again = true;
        void current.dispose();
        setTimeout(subscribe, 200);
      };
      current.subscribe(
        { query: SEAT_MAP_CHANGED, variables: { eventId: event.id, sinceVersion: state.version } },
        {
          next: (result) => {
            if (result.errors) return void problems.push(JSON.stringify(result.errors));
            const delta = (result.data as { seatMapChanged: Delta }).seatMapChanged;
            received.push(delta);
            if (delta.resync) return void problems.push(`resync at ${delta.version}`);
            if (delta.version <= state.version) return;
            if (delta.previousVersion > state.version) problems.push(`gap: ${state.version} -> ${delta.previousVersion}`);
            for (const change of delta.changes) state.statuses.set(change.ticketId, change.status);
            state.version = delta.version;
          },
          error: (error) => {
            problems.push(`subscription error: ${JSON.stringify(error instanceof Error ? error.message : error)}`);
            resubscribe();
          },
          complete: resubscribe,
        },
      );
    };
    subscribe();
    return {
      state,
      received,
      problems,
      get subscriptions() {
        return subscriptions;
      },
      async close() {
        stopped = true;
        await client?.dispose();
      },
    };
  }

  it('stays up, answers 503 / SERVICE_UNAVAILABLE while the database is down, and recovers by itself, twice', async () => {
    // The process must never exit: every wait below fails at once, saying so, if it does.
    const died = server.exited.then((exit) => {
      throw new Error(`the API process exited (${JSON.stringify(exit)}); its last log lines: ${JSON.stringify(server.logs.slice(-3))}`);
    });
    died.catch(() => {});
    const waitFor = (check: () => unknown, options: { timeout: number; interval: number }) => Promise.race([vi.waitFor(check, options), died]);
    const phase: { current: Answer['phase'] } = { current: 'up' };
    const watcher = followSeatMap(await loadMap());
    const load = startLoad(phase);
    const readiness: { phase: Answer['phase']; status: number }[] = [];
    const sweptSeats = event.seats[1]!;
    try {
      for (const restart of [1, 2]) {
        // The load runs against a healthy database first.
        const before = load.answers.length;
        await waitFor(() => expect(load.answers.slice(before).filter((a) => classify(a) === 'ok').length).toBeGreaterThan(20), {
          timeout: 10_000,
          interval: 50,
        });

        phase.current = 'down';
        await database.stop();
        const down = load.answers.length;
        // Requests keep coming while it is down (about two seconds): they fail, fast and clean.
        const outageStarted = performance.now();
        await waitFor(
          () => {
            expect(load.answers.slice(down).filter((a) => classify(a) === 'unavailable').length).toBeGreaterThan(20);
            expect(performance.now() - outageStarted).toBeGreaterThan(2_000);
          },
          { timeout: 15_000, interval: 50 },
        );
        const ready = await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(5_000) });
        readiness.push({ phase: 'down', status: ready.status });
        expect(ready.status).toBe(503);
        // Over WebSocket: an operation is refused cleanly, and a socket whose token cannot be checked is told to come back (1013).
        const anonymous = openSocket(server.url);
        const refused = await anonymous.execute(SEAT_MAP_VERSION, { eventId: event.id });
        expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
        expect(JSON.stringify(refused)).not.toMatch(LEAKS);
        await anonymous.client.dispose();
        expect(await openSocket(server.url, buyers[0]!.token).closed).toBe(1013);
        expect(server.exit).toBeUndefined();

        phase.current = 'recovering';
        await database.start();
        const restarted = performance.now();
        // Back by itself is the point, not how fast: beside other tests on a busy 2-core CI it has taken over 15 s.
        await waitFor(async () => expect((await fetch(`${server.url}/readyz`)).status).toBe(200), { timeout: 30_000, interval: 100 });
        const recovered = load.answers.length;
        await waitFor(
          () => {
            const since = load.answers.slice(recovered);
            for (const operation of ['catalog', 'seatMap', 'me', 'reserveSeats']) {
              const answers = since.filter((a) => a.operation === operation);
              expect(
                answers.some((a) => classify(a) === 'ok'),
                `${operation}: ${JSON.stringify(answers.slice(-2))}`,
              ).toBe(true);
            }
          },
          { timeout: 15_000, interval: 100 },
        );
        console.info(`restart ${restart}: ready and serving ${Math.round(performance.now() - restarted)} ms after PostgreSQL was back`);
        phase.current = 'up';

        // The sweeper leads again: a hold made now runs out, and is swept (the subscriber sees its seat freed).
        const seat = sweptSeats[restart]!;
        await expectSwept(seat, waitFor);
        await waitFor(() => expect(watcher.received.some((d) => d.changes.some((c) => c.ticketId === seat && c.status === 'AVAILABLE'))).toBe(true), {
          timeout: 10_000,
          interval: 50,
        });
      }
    } finally {
      await load.stop();
    }

    // The subscriber ends with the map the database has.
    await waitFor(async () => expect(watcher.state).toEqual(await loadMap()), { timeout: 15_000, interval: 100 });
    await watcher.close();

    expect(server.exit).toBeUndefined();
    const bad = load.answers.filter((a) => classify(a) === 'bad');
    expect(bad.map((a) => ({ ...a, body: a.body.slice(0, 300) }))).toEqual([]);
    const down = load.answers.filter((a) => a.phase === 'down');
    expect(down.filter((a) => classify(a) === 'unavailable').length).toBeGreaterThan(40);
    expect(load.answers.filter((a) => a.phase === 'up').every((a) => classify(a) === 'ok')).toBe(true);
    // Nothing hung: every answer came within a few seconds, down or not.
    expect(Math.max(...load.answers.map((a) => a.ms))).toBeLessThan(5_000);
    expect(watcher.problems.filter((p) => p.startsWith('gap') || p.startsWith('resync'))).toEqual([]);
    expect(watcher.problems.join('\n')).not.toMatch(LEAKS);

    // Each outage is logged once, as a warning, and its end as news.
    const unreachable = server.logs.filter((line) => line.msg === 'database unreachable');
    const back = server.logs.filter((line) => line.msg === 'database reachable again');
    expect([unreachable.length, back.length]).toEqual([2, 2]);
    const errors = server.logs.filter((line) => Number(line.level) >= 50);
    expect(errors.map((line) => line.msg)).toEqual([]);
    console.info(
      `answers: ${load.answers.length} (${down.length} while down: ${down.filter((a) => classify(a) === 'unavailable').length} unavailable); ` +
        `slowest ${Math.round(Math.max(...load.answers.map((a) => a.ms)))} ms; seat-map subscriptions: ${watcher.subscriptions}; readiness ${JSON.stringify(readiness)}`,
    );
  }, 120_000);

  it('recovers from a restart with no requests going on: the sweeper leads again', async () => {
    const logged = (msg: string, job?: string) => server.logs.filter((line) => line.msg === msg && (!job || line.job === job)).length;
    const [unreachable, lost] = [logged('database unreachable'), logged(LOST_LEADERSHIP, 'hold sweeper')];
    await database.stop();
    // The sweeper finds its leader session dead while the database is down, and gives it back.
    await vi.waitFor(() => expect([logged('database unreachable'), logged(LOST_LEADERSHIP, 'hold sweeper')]).toEqual([unreachable + 1, lost + 1]), {
      timeout: 20_000,
      interval: 50,
    });
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    await database.start();
    await vi.waitFor(async () => expect((await fetch(`${server.url}/readyz`)).status).toBe(200), { timeout: 15_000, interval: 100 });
    await expectSwept(event.seats[1]![5]!);
    expect(server.exit).toBeUndefined();
  }, 60_000);
});
