/**
 * Keeping the index in step with the catalog: every kind of catalog change
 * shows in search once the indexer has run; an indexer killed mid-batch loses
 * and duplicates nothing; two indexers at once take turns and each change once
 * (with a negative control: without the consumer's lock and the event locks
 * they do not);
 * a busy event's sales are counted once per interval, its other changes at once;
 * an unreachable backend is retried with backoff; a rebuild drops what
 * should no longer be found.
 */
import { pino } from 'pino';
import postgres from 'postgres';
import { beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';

import { createTickets } from '../../src/catalog/store.js';
import { connect, type Sql } from '../../src/db/client.js';
import { toGlobalId } from '../../src/relay/global-id.js';
import { createIndexer, type Indexer, SALES_INTERVAL_MS } from '../../src/search/indexer.js';
import { indexerLoop } from '../../src/search/indexer-loop.js';
import { postgresSearchIndex } from '../../src/search/postgres-index.js';
import { rebuildIndex } from '../../src/search/rebuild.js';
import type { SearchIndex } from '../../src/search/search-index.js';
import { createBuyers } from '../support/booking.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestDatabase, useTestServer } from '../support/fixture.js';
import { manualClock } from '../support/server.js';
import { createFixtureDatabase, DAY, sell, UPCOMING } from './fixture.js';

const silent = pino({ level: 'silent' });
const clock = () => ANCHOR;

/** A backend that counts the documents written per event, and can be made to pause or fail. */
function observed(index: SearchIndex, beforeUpsert: (eventIds: number[]) => Promise<void> = async () => {}) {
  const writes = new Map<number, number>();
  const backend: SearchIndex = {
    ...index,
    async upsert(documents) {
      await beforeUpsert(documents.map((d) => d.eventId));
      await index.upsert(documents);
      for (const { eventId } of documents) writes.set(eventId, (writes.get(eventId) ?? 0) + 1);
    },
  };
  return { backend, writes };
}

/** The event.changed messages the search consumer has not handled. */
const outboxSize = async (sql: Sql) =>
  (
    await sql<[{ n: number }]>`
      SELECT count(*)::int AS n FROM outbox m
      WHERE m.topic = 'event.changed'
        AND NOT EXISTS (SELECT 1 FROM outbox_deliveries d WHERE d.consumer = 'search' AND d.message_id = m.id AND d.handled_at IS NOT NULL)`
  )[0].n;
const indexedIds = async (sql: Sql) => (await sql<{ id: number }[]>`SELECT event_id AS id FROM search_documents ORDER BY 1`).map((r) => r.id);
const publicIds = async (sql: Sql) => (await sql<{ id: number }[]>`SELECT id FROM events WHERE status <> 'DRAFT' ORDER BY 1`).map((r) => r.id);

describe('search follows catalog changes through the outbox', () => {
  const serverClock = manualClock(ANCHOR);
  const { database, server } = useTestServer({ database: createFixtureDatabase, clock: serverClock });
  let admin: string;

  beforeAll(async () => {
    admin = (await createBuyers(database.sql, 1, 'ADMIN'))[0]!.token;
    expect(await server.indexSearch()).toBeGreaterThan(0);
  });

  async function titles(query: string | null, filter: object = {}): Promise<string[]> {
    const { data, errors } = await server.graphql(
      `query ($query: String, $filter: EventSearchFilter) { searchEvents(query: $query, filter: $filter, first: 100) { edges { node { title } } } }`,
      { query, filter },
    );
    expect(errors).toBeUndefined();
    return data.searchEvents.edges.map((edge: { node: { title: string } }) => edge.node.title);
  }

  /** `check` fails before the indexer runs and passes after: the change reached search through the outbox. */
  async function afterIndexing(check: () => Promise<void>) {
    await expect(check()).rejects.toThrow();
    expect(await server.indexSearch()).toBeGreaterThan(0);
    await check();
    expect(await outboxSize(database.sql)).toBe(0);
  }

  it('shows a created, renamed, re-priced, sold-out and cancelled event, and renamed performers and venues', async () => {
    const { sql, fixture } = database;
    const [row] = await sql<[{ id: number }]>`
      INSERT INTO events (title, category, status, starts_at, ends_at, on_sale_at, venue_id, organizer_id, currency)
      SELECT 'Olivia Rodrigo: GUTS World Tour', 'CONCERT', 'ON_SALE', ${new Date(ANCHOR.getTime() + 5 * DAY)}, ${new Date(ANCHOR.getTime() + 5 * DAY + 3600_000)},
             ${ANCHOR}, ${fixture.venueIds.msg}, organizer_id, 'USD'
      FROM events LIMIT 1 RETURNING id`;
    const eventId = row.id;
    await sql`INSERT INTO event_sections (event_id, section_id, price) SELECT ${eventId}, id, 6000 FROM sections WHERE venue_id = ${fixture.venueIds.msg}`;
    await createTickets(sql, [eventId]);
    await afterIndexing(async () => expect(await titles('olivia rodrigo')).toEqual(['Olivia Rodrigo: GUTS World Tour']));

    const renamed = await server.graphql(
      `mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { title } userErrors { code } } }`,
      { input: { eventId: toGlobalId('Event', eventId), title: 'Olivia Rodrigo: GUTS Encore' } },
      admin,
    );
    expect(renamed.data.updateEvent.userErrors).toEqual([]);
    await afterIndexing(async () => {
      expect(await titles('guts encore')).toEqual(['Olivia Rodrigo: GUTS Encore']);
      expect(await titles('guts world')).toEqual([]);
    });

    const cheap = { price: { currency: 'USD', max: 1_000 } };
    await sql`UPDATE event_sections SET price = 950 WHERE event_id = ${eventId}`;
    await afterIndexing(async () => expect(await titles(null, cheap)).toEqual(['Olivia Rodrigo: GUTS Encore']));

    await sell(sql, eventId, (await sql<[{ id: number }]>`SELECT organizer_id AS id FROM events WHERE id = ${eventId}`)[0].id, 8);
    await server.indexSearch(); // its sales were counted for the re-pricing just now: they wait for their interval
    serverClock.set(new Date(ANCHOR.getTime() + SALES_INTERVAL_MS));
    await afterIndexing(async () => expect(await titles('olivia', { onlyAvailable: true })).toEqual([]));

    await sql`UPDATE events SET status = 'CANCELLED' WHERE id = ${eventId}`;
    await afterIndexing(async () => {
      expect(await titles('olivia')).toEqual([]);
      expect(await titles('olivia', { status: ['CANCELLED'] })).toEqual(['Olivia Rodrigo: GUTS Encore']);
    });

    await sql`UPDATE performers SET name = 'Taylor Alison Swift' WHERE name = 'Taylor Swift'`;
    await afterIndexing(async () => expect(await titles('alison')).toHaveLength(3));

    await sql`UPDATE venues SET city = 'Cologne', name = 'Kölnarena' WHERE id = ${fixture.venueIds.lanxess}`;
    await afterIndexing(async () => {
      expect(await titles(null, { city: 'cologne' })).toEqual(['Taylor Swift | The Eras Tour', 'Metallica: M72 World Tour']);
      expect(await titles('kolnarena')).toHaveLength(2);
    });
  });

  it('leaves updates that change nothing search shows out of the outbox', async () => {
    await database.sql`UPDATE events SET updated_at = now(), ticket_limit = 4`;
    expect(await outboxSize(database.sql)).toBe(0);
  });
});

describe('indexers', () => {
  const { database } = useTestDatabase({ database: createFixtureDatabase });

  /** An empty index and an outbox with one event.changed per event (drafts too), as a bulk change leaves it; returns the public events. */
  async function oneChangePerEvent(): Promise<{ changes: number; expected: number[] }> {
    const { sql } = database;
    await sql`TRUNCATE search_documents, outbox, outbox_deliveries`;
    const { count: changes } = await sql`INSERT INTO outbox (topic, payload) SELECT 'event.changed', jsonb_build_object('eventId', id) FROM events ORDER BY id`;
    return { changes, expected: await publicIds(sql) };
  }

  it('resume after one is killed mid-batch, with nothing lost or duplicated', async () => {
    const { changes, expected } = await oneChangePerEvent();
    const { sql } = database;
    const killedPool = postgres(database.url, { max: 2, onnotice: () => {}, connection: { application_name: 'indexer-to-kill' } });
    let reachedMidBatch!: () => void;
    const midBatch = new Promise<void>((resolve) => (reachedMidBatch = resolve));
    const index = postgresSearchIndex(sql);
    const dying: SearchIndex = {
      ...index,
      async upsert(documents) {
        await index.upsert(documents.slice(0, documents.length / 2)); // half the batch reaches the index...
        reachedMidBatch();
        await new Promise(() => {}); // ...and the process dies before it commits
      },
    };
    void createIndexer({ sql: killedPool, index: dying, clock, logger: silent })
      .drainOnce()
      .catch(() => {});
    await midBatch;
    // With a timeout it waits until the backend is gone and its row locks with it.
    await sql`SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE application_name = 'indexer-to-kill'`;
    await killedPool.end({ timeout: 0 });
    expect((await indexedIds(sql)).length).toBe(Math.floor(expected.length / 2));
    expect(await outboxSize(sql)).toBe(changes); // nothing was consumed

    const { backend, writes } = observed(index);
    expect(await createIndexer({ sql, index: backend, clock, logger: silent }).drain()).toBe(changes);
    expect(await indexedIds(sql)).toEqual(expected);
    expect([...writes.values()].every((n) => n === 1)).toBe(true);
    expect(await outboxSize(sql)).toBe(0);
  });

  /**
   * Two indexers started together; the first batch written waits until the other indexer is at its own first
   * batch too: waiting for its turn (an advisory lock not granted yet), or, without the lock, writing.
   */
  async function race(unsafeDisableLocks: boolean) {
    const { changes, expected } = await oneChangePerEvent();
    const { sql } = database;
    let arrived = 0;
    let bothArrived!: () => void;
    const barrier = new Promise<void>((resolve) => (bothArrived = resolve));
    const waitingForTurn = async () =>
      vi.waitFor(
        async () => {
          const waiting = await sql`
            SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
          expect(waiting.length).toBeGreaterThan(0);
        },
        { timeout: 10_000, interval: 10 },
      );
    const { backend, writes } = observed(postgresSearchIndex(sql), async () => {
      if (++arrived === 2) bothArrived();
      if (arrived === 1) await Promise.race([barrier, waitingForTurn()]);
    });
    const indexer = (): Indexer => createIndexer({ sql, index: backend, clock, logger: silent, batchSize: Math.ceil(expected.length / 4), unsafeDisableLocks });
    const consumed = await Promise.all([indexer().drain(), indexer().drain()]);
    return { changes, expected, consumed, writes };
  }

  it('take turns when two run at once, so each change is taken once', async () => {
    const { changes, expected, consumed, writes } = await race(false);
    expect(consumed[0]! + consumed[1]!).toBe(changes);
    expect(consumed.every((n) => n > 0)).toBe(true); // both did share the work
    expect([...writes.keys()].sort((a, b) => a - b)).toEqual(expected);
    expect([...writes.values()].every((n) => n === 1)).toBe(true);
    expect(await indexedIds(database.sql)).toEqual(expected);
    expect(await outboxSize(database.sql)).toBe(0);
  });

  it("(negative control) write changes twice without the consumer's turns and the event locks", async () => {
    const { writes } = await race(true);
    expect([...writes.values()].some((n) => n > 1)).toBe(true);
  });

  it('retry an unreachable backend with growing delays, then catch up', async () => {
    const { expected } = await oneChangePerEvent();
    const { sql } = database;
    let failures = 3;
    const { backend } = observed(postgresSearchIndex(sql), async () => {
      if (failures-- > 0) throw new Error('connect ECONNREFUSED 127.0.0.1:8108');
    });
    const warnings: Record<string, unknown>[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line)) });
    const delays: number[] = [];
    let idle!: () => void;
    const caughtUp = new Promise<void>((resolve) => (idle = resolve));
    const loop = indexerLoop({
      indexer: createIndexer({ sql, index: backend, clock, logger }),
      logger,
      intervalMs: 1_000,
      defer: (ms, run) => {
        delays.push(ms);
        if (ms !== 1_000)
          setImmediate(run); // a retry: go on at once
        else idle();
        return () => {};
      },
    });
    loop.start();
    await caughtUp;
    await loop.stop();
    expect(delays.slice(0, 3).map((ms, i) => ms >= 100 * 2 ** i && ms <= 200 * 2 ** i)).toEqual([true, true, true]);
    expect(delays[3]).toBe(1_000);
    expect(warnings.map((w) => w.msg)).toEqual(Array(3).fill('search indexing failed; the changes stay in the outbox and are retried'));
    expect(await indexedIds(sql)).toEqual(expected);
    expect(await outboxSize(sql)).toBe(0);
  });

  it('poll without leaking a listener per pause, and stop at once', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => void warnings.push(warning);
    process.on('warning', onWarning);
    let polls = 0;
    let enoughPolls!: () => void;
    const polled = new Promise<void>((resolve) => (enoughPolls = resolve));
    const indexer: Indexer = { drainOnce: async () => 0, drain: async () => (++polls === 30 && enoughPolls(), 0) };
    try {
      const loop = indexerLoop({ indexer, logger: silent, intervalMs: 1 });
      loop.start();
      await polled;
      await loop.stop();
      const slow = indexerLoop({ indexer, logger: silent, intervalMs: 3_600_000 });
      slow.start();
      await slow.stop(); // an hour's pause does not hold up stopping
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it("count a busy event's sales once per interval, show it sold out when the interval is up, and its other changes at once", async () => {
    const { sql, fixture } = database;
    await sql`TRUNCATE search_documents, outbox, outbox_deliveries`;
    const eventId = fixture.eventIds.coldplay; // 8 tickets, 1 sold
    const [{ organizerId }] = await sql<[{ organizerId: number }]>`SELECT organizer_id AS "organizerId" FROM events WHERE id = ${eventId}`;
    const salesCounts: string[] = [];
    const counting = connect(database.url, { poolSize: 2, onQuery: (statement) => void (/JOIN bookings b/.test(statement) && salesCounts.push(statement)) });
    onTestFinished(() => counting.sql.end());
    const at = manualClock(ANCHOR);
    const indexer = createIndexer({ sql: counting.sql, index: postgresSearchIndex(sql), clock: at, logger: silent });
    const indexed = async () =>
      (await sql<[{ title: string; available: number }]>`SELECT title, tickets_available AS available FROM search_documents WHERE event_id = ${eventId}`)[0];

    await sell(sql, eventId, organizerId, 2);
    await indexer.drain();
    expect(await indexed()).toMatchObject({ available: 6 });
    await sell(sql, eventId, organizerId, 3);
    await indexer.drain();
    await sell(sql, eventId, organizerId, 8); // sold out
    await indexer.drain();
    expect(await indexed()).toMatchObject({ available: 6 }); // sales only, counted less than an interval ago
    expect(salesCounts).toHaveLength(1);
    expect(await outboxSize(sql)).toBe(1); // one message stays, for the count when the interval is up

    at.set(new Date(ANCHOR.getTime() + SALES_INTERVAL_MS - 1));
    expect(await indexer.drain()).toBe(0);
    at.set(new Date(ANCHOR.getTime() + SALES_INTERVAL_MS));
    expect(await indexer.drain()).toBe(1);
    expect(await indexed()).toMatchObject({ available: 0 });
    expect(salesCounts).toHaveLength(2);
    expect(await outboxSize(sql)).toBe(0);

    await sql`UPDATE events SET title = 'Coldplay: Moon Music' WHERE id = ${eventId}`; // its sales were counted just now: no matter
    await indexer.drain();
    expect(await indexed()).toEqual({ title: 'Coldplay: Moon Music', available: 0 });
    expect(salesCounts).toHaveLength(3);
  });

  it('rebuild the index and drop documents of events that are drafts now or gone', async () => {
    const { sql, fixture } = database;
    const index = postgresSearchIndex(sql);
    await rebuildIndex({ sql, index, clock });
    const everything = await publicIds(sql);
    expect(await indexedIds(sql)).toEqual(everything);
    await sql`UPDATE events SET status = 'DRAFT' WHERE id = ${fixture.eventIds.sheeran}`;
    await sql`DELETE FROM events WHERE id = ${fixture.eventIds.nils}`;
    const progress: [number, number][] = [];
    expect(await rebuildIndex({ sql, index, clock, batchSize: 10, onProgress: (done, total) => progress.push([done, total]) })).toEqual({
      documents: everything.length - 2,
      removed: 2,
      prunedWords: expect.any(Number),
    });
    expect(progress.at(-1)).toEqual([everything.length - 2, everything.length - 2]);
    expect(progress.length).toBe(1 + Math.ceil((everything.length - 2) / 10));
    expect(await indexedIds(sql)).toEqual(everything.filter((id) => id !== fixture.eventIds.sheeran && id !== fixture.eventIds.nils));
    expect(await outboxSize(sql)).toBe(0);
    expect(UPCOMING).toContain('sheeran');
  });
});
