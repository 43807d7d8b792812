import postgres from 'postgres';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';

import { createTickets } from '../src/catalog/store.js';
import { seedCatalog, type SeedSummary } from '../src/db/seed/catalog.js';
import { seedDemoIfEmpty } from '../src/db/seed/demo.js';
import { createLogger } from '../src/logger.js';
import { createTestDatabase } from './support/database.js';
import { useTestDatabase } from './support/fixture.js';

const anchor = new Date('2026-03-01T00:00:00Z');
const options = { seed: 7, events: 8, anchor };
const logger = createLogger('silent');

/** Every table the seed fills, with its primary key. */
const TABLES: Record<string, string> = {
  users: 'id',
  venues: 'id',
  sections: 'id',
  seats: 'id',
  performers: 'id',
  events: 'id',
  event_performers: 'event_id, performer_id',
  event_sections: 'event_id, section_id',
  tickets: 'id',
};

/** A database of its own for the test that calls it, dropped when that test ends. */
async function freshDatabase(): Promise<{ sql: postgres.Sql }> {
  const database = await createTestDatabase();
  const sql = postgres(database.url, { max: 4, onnotice: () => {} });
  onTestFinished(async () => {
    await sql.end();
    await database.drop();
  });
  return { sql };
}

/** An md5 per table over all its rows in primary-key order, computed by PostgreSQL. */
async function fingerprint(sql: postgres.Sql): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const [table, key] of Object.entries(TABLES)) {
    const [row] = await sql.unsafe(`SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY ${key}), '')) AS md5 FROM ${table} t`);
    result[table] = row!.md5 as string;
  }
  return result;
}

async function count(sql: postgres.Sql, query: string): Promise<number> {
  const [row] = await sql.unsafe(`SELECT (${query})::int AS n`);
  return row!.n as number;
}

async function counts(sql: postgres.Sql): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of Object.keys(TABLES)) result[table] = await count(sql, `SELECT count(*) FROM ${table}`);
  return result;
}

/** Seeded by seedCatalog with `options`; `seededRows` is its fingerprint before any test changes it. */
const { database: catalog } = useTestDatabase();
let summary: SeedSummary;
let seededRows: Record<string, string>;
beforeAll(async () => {
  summary = await seedCatalog(catalog.sql, options);
  seededRows = await fingerprint(catalog.sql);
});

describe('seedCatalog', () => {
  it('reports what it created', async () => {
    const stored = await counts(catalog.sql);
    expect(summary).toEqual({
      users: stored.users,
      venues: stored.venues,
      sections: stored.sections,
      seats: stored.seats,
      performers: stored.performers,
      events: options.events,
      tickets: stored.tickets,
    });
    expect(summary.performers).toBeGreaterThanOrEqual(50);
  });

  it('has a 20,000-place arena of reserved sections around a standing floor', async () => {
    const [arena] = await catalog.sql`
      SELECT sum(s.capacity)::int AS capacity,
             count(*) FILTER (WHERE s.kind = 'RESERVED')::int AS reserved,
             count(*) FILTER (WHERE s.kind = 'GENERAL_ADMISSION')::int AS standing
      FROM sections s JOIN venues v ON v.id = s.venue_id
      WHERE v.name = 'Lakeshore Arena'`;
    expect(arena).toEqual({ capacity: 20_000, reserved: 24, standing: 1 });
  });

  it('lays out exactly one seat per place of each reserved section, and none for standing ones', async () => {
    const sql = catalog.sql;
    expect(await count(sql, `SELECT count(*) FROM seats`)).toBe(await count(sql, `SELECT sum(capacity) FROM sections WHERE kind = 'RESERVED'`));
    expect(
      await count(
        sql,
        `
      SELECT count(*) FROM sections s
      WHERE s.capacity <> (SELECT count(*) FROM seats WHERE section_id = s.id) AND s.kind = 'RESERVED'
         OR s.kind = 'GENERAL_ADMISSION' AND EXISTS (SELECT 1 FROM seats WHERE section_id = s.id)`,
      ),
    ).toBe(0);
    // A map can be drawn: no two seats of a venue on the same spot.
    expect(
      await count(
        sql,
        `
      SELECT count(*) FROM (
        SELECT 1 FROM seats st JOIN sections s ON s.id = st.section_id GROUP BY s.venue_id, st.x, st.y HAVING count(*) > 1) clash`,
      ),
    ).toBe(0);
  });

  it('prices every section of the venue and makes one ticket per place at that price', async () => {
    const sql = catalog.sql;
    const unpriced = `
      SELECT count(*) FROM events e JOIN sections s ON s.venue_id = e.venue_id
      WHERE NOT EXISTS (SELECT 1 FROM event_sections es WHERE es.event_id = e.id AND es.section_id = s.id)`;
    expect(await count(sql, unpriced)).toBe(0);
    const miscounted = `
      SELECT count(*) FROM events e
      WHERE (SELECT count(*) FROM tickets t WHERE t.event_id = e.id)
         <> (SELECT sum(s.capacity) FROM event_sections es JOIN sections s ON s.id = es.section_id WHERE es.event_id = e.id)`;
    expect(await count(sql, miscounted)).toBe(0);
    const mispriced = `
      SELECT count(*) FROM tickets t
      JOIN event_sections es ON es.event_id = t.event_id AND es.section_id = t.section_id
      WHERE t.price <> es.price OR t.status <> 'AVAILABLE'`;
    expect(await count(sql, mispriced)).toBe(0);
    expect(await count(sql, `SELECT count(*) FROM event_sections WHERE price <= 0`)).toBe(0);
  });

  it('schedules events after the anchor, each with a performer, in the states a catalog has', async () => {
    const sql = catalog.sql;
    expect(await count(sql, `SELECT count(*) FROM events WHERE starts_at <= '${anchor.toISOString()}' OR ends_at <= starts_at`)).toBe(0);
    expect(await count(sql, `SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_performers p WHERE p.event_id = e.id)`)).toBe(0);
    const statuses = (await sql`SELECT DISTINCT status FROM events`).map((row) => row.status as string);
    expect(statuses).toEqual(expect.arrayContaining(['ON_SALE', 'DRAFT', 'CANCELLED']));
    expect(statuses).not.toContain('SOLD_OUT');
    // One currency per venue, and holds as the product expects.
    expect(await count(sql, `SELECT count(*) FROM (SELECT venue_id FROM events GROUP BY venue_id HAVING count(DISTINCT currency) > 1) x`)).toBe(0);
    expect(await count(sql, `SELECT count(*) FROM events WHERE hold_ttl_seconds <> 600 OR ticket_limit NOT BETWEEN 6 AND 8`)).toBe(0);
  });
});

describe('loading tickets without triggers', () => {
  it('has no trigger on tickets to skip: only the foreign-key checks it means to', async () => {
    // The seed inserts tickets with session_replication_role = replica (catalog.ts), which skips
    // every trigger. A trigger added to tickets must be run by the seed some other way.
    const triggers = await catalog.sql`SELECT tgname FROM pg_trigger WHERE tgrelid = 'tickets'::regclass AND NOT tgisinternal`;
    expect(triggers).toEqual([]);
  });

  it('leaves the rest of the caller’s transaction with its triggers on', async () => {
    const { sql } = await freshDatabase();
    const role = await sql.begin(async (tx) => {
      await seedCatalog(tx, options);
      const [row] = await tx`SELECT current_setting('session_replication_role') AS role`;
      return row!.role as string;
    });
    expect(role).toBe('origin');
  });
});

describe('createTickets', () => {
  it('adds nothing for events that have their tickets, and restores missing ones', async () => {
    const sql = catalog.sql;
    const eventIds = (await sql`SELECT id FROM events ORDER BY id`).map((row) => row.id as number);
    const before = await count(sql, `SELECT count(*) FROM tickets`);
    expect(await createTickets(sql, eventIds)).toBe(0);
    expect(await count(sql, `SELECT count(*) FROM tickets`)).toBe(before);

    const eventId = eventIds[0]!;
    const deleted = await sql`DELETE FROM tickets WHERE event_id = ${eventId}`;
    expect(deleted.count).toBeGreaterThan(0);
    expect(await createTickets(sql, [eventId])).toBe(deleted.count);
    expect(await createTickets(sql, [eventId])).toBe(0);
    expect(await count(sql, `SELECT count(*) FROM tickets`)).toBe(before);
  });
});

describe('seedDemoIfEmpty', () => {
  const demo = { ...options, logger, passwords: 'published' as const };

  it('seeds once, leaves a seeded database alone, and repeats seedCatalog to the byte', async () => {
    const { sql } = await freshDatabase();
    expect(await seedDemoIfEmpty(sql, demo)).toEqual(summary);
    const seeded = await counts(sql);
    expect(await seedDemoIfEmpty(sql, demo)).toBeUndefined();
    expect(await counts(sql)).toEqual(seeded);
    // The same options, in one transaction here and in chunks there: the same rows and ids.
    expect(await fingerprint(sql)).toEqual(seededRows);
  });

  it('seeds once when processes start together; another seed gives another catalog', async () => {
    const { sql } = await freshDatabase();
    const other = { ...demo, seed: options.seed + 1 };
    const results = await Promise.all([seedDemoIfEmpty(sql, other), seedDemoIfEmpty(sql, other)]);
    const seeded = results.filter((result) => result !== undefined);
    expect(seeded).toHaveLength(1);
    expect(await counts(sql)).toMatchObject({ users: 3, events: options.events, tickets: seeded[0]!.tickets });
    const rows = await fingerprint(sql);
    expect(rows.events).not.toBe(seededRows.events);
    expect(rows.tickets).not.toBe(seededRows.tickets);
  });
});
