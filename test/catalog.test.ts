import { describe, expect, it } from 'vitest';

import { toGlobalId } from '../src/relay/global-id.js';
import { ANCHOR } from './support/catalog.js';
import { useTestServer } from './support/fixture.js';
import { manualClock } from './support/server.js';

const EVENT_FIELDS = `
  id title description category status startsAt endsAt onSaleAt
  venue { id name city country timezone location { latitude longitude } }
  performers { id name kind }
  priceRange { min { amount currency } max { amount currency } }
  availability { available total }
  sections { section { id name kind capacity } price { amount currency } availability { available total } }
`;

describe('catalog', () => {
  const clock = manualClock(ANCHOR);
  const { database, server } = useTestServer({ events: 60, clock });

  async function publicEventIds(where = 'true', ...params: unknown[]): Promise<number[]> {
    const rows = await database.sql.unsafe<{ id: number }[]>(
      `SELECT e.id FROM events e JOIN venues v ON v.id = e.venue_id
       WHERE e.status <> 'DRAFT' AND ${where} ORDER BY e.starts_at, e.id`,
      params as never[],
    );
    return rows.map((row) => row.id);
  }

  async function pageThrough(filter: object, first: number): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { data, errors }: { data?: any; errors?: unknown } = await server.graphql(
        `query ($filter: EventFilter, $first: Int, $after: String) {
           events(filter: $filter, first: $first, after: $after) {
             edges { cursor node { id startsAt } }
             pageInfo { hasNextPage endCursor }
           }
         }`,
        { filter, first, after },
      );
      expect(errors).toBeUndefined();
      ids.push(...data.events.edges.map((edge: { node: { id: string } }) => edge.node.id));
      if (!data.events.pageInfo.hasNextPage) return ids;
      expect(data.events.pageInfo.endCursor).toBe(data.events.edges.at(-1).cursor);
      after = data.events.pageInfo.endCursor;
    }
  }

  it('serves an event with its venue, performers, prices and availability', async () => {
    const [row] = await database.sql<{ id: number; title: string; currency: string }[]>`
      SELECT id, title, currency FROM events WHERE status = 'ON_SALE' ORDER BY id LIMIT 1`;
    const { data, errors } = await server.graphql(`query ($id: ID!) { event(id: $id) { ${EVENT_FIELDS} } }`, {
      id: toGlobalId('Event', row!.id),
    });
    expect(errors).toBeUndefined();
    const event = data.event;
    expect(event.title).toBe(row!.title);
    expect(event.performers.length).toBeGreaterThan(0);
    expect(event.sections.length).toBeGreaterThan(0);
    const prices = event.sections.map((s: { price: { amount: number } }) => s.price.amount);
    expect(event.priceRange).toEqual({
      min: { amount: Math.min(...prices), currency: row!.currency },
      max: { amount: Math.max(...prices), currency: row!.currency },
    });
    const [{ tickets }] = await database.sql<[{ tickets: number }]>`SELECT count(*)::int AS tickets FROM tickets WHERE event_id = ${row!.id}`;
    expect(event.availability).toEqual({ available: tickets, total: tickets });
    expect(new Date(event.startsAt).toISOString()).toBe(event.startsAt);
  });

  it('pages through every public event in start order with no gaps or repeats', async () => {
    const expected = (await publicEventIds()).map((id) => toGlobalId('Event', id));
    expect(expected.length).toBeGreaterThan(40);
    expect(await pageThrough({}, 7)).toEqual(expected);
    expect(await pageThrough({}, 100)).toEqual(expected);
  });

  it('filters by city, country, category, venue, performer, status and date range', async () => {
    const [sample] = await database.sql<{ id: number; city: string; country: string; category: string; venue_id: number; starts_at: Date }[]>`
      SELECT e.id, v.city, v.country, e.category, e.venue_id, e.starts_at FROM events e JOIN venues v ON v.id = e.venue_id
      WHERE e.status = 'ON_SALE' ORDER BY e.starts_at OFFSET 10 LIMIT 1`;
    const [{ performer_id }] = await database.sql<[{ performer_id: number }]>`SELECT performer_id FROM event_performers WHERE event_id = ${sample!.id} LIMIT 1`;
    const monthLater = new Date(sample!.starts_at.getTime() + 30 * 86_400_000);
    const cases: [object, string, unknown[]][] = [
      [{ city: sample!.city.toUpperCase() }, 'lower(v.city) = lower($1)', [sample!.city]],
      [{ country: sample!.country.toLowerCase() }, 'v.country = $1', [sample!.country]],
      [{ category: sample!.category }, 'e.category = $1', [sample!.category]],
      [{ venueId: toGlobalId('Venue', sample!.venue_id) }, 'e.venue_id = $1', [sample!.venue_id]],
      [{ performerId: toGlobalId('Performer', performer_id) }, 'e.id IN (SELECT event_id FROM event_performers WHERE performer_id = $1)', [performer_id]],
      [{ status: ['CANCELLED'] }, "e.status = 'CANCELLED'", []],
      [
        { startsAfter: sample!.starts_at.toISOString(), startsBefore: monthLater.toISOString() },
        'e.starts_at >= $1 AND e.starts_at < $2',
        [sample!.starts_at, monthLater],
      ],
      [{ city: sample!.city, category: sample!.category }, 'lower(v.city) = lower($1) AND e.category = $2', [sample!.city, sample!.category]],
    ];
    for (const [filter, where, params] of cases) {
      const expected = (await publicEventIds(where, ...params)).map((id) => toGlobalId('Event', id));
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(await pageThrough(filter, 20), JSON.stringify(filter)).toEqual(expected);
    }
  });

  it('never shows draft events', async () => {
    const drafts = await database.sql<{ id: number }[]>`SELECT id FROM events WHERE status = 'DRAFT'`;
    expect(drafts.length).toBeGreaterThan(0);
    const id = toGlobalId('Event', drafts[0]!.id);
    const { data } = await server.graphql(`query ($id: ID!) { event(id: $id) { id } node(id: $id) { id } }`, { id });
    expect(data).toEqual({ event: null, node: null });
    const listed = await pageThrough({ status: ['DRAFT', 'ON_SALE'] }, 100);
    expect(listed).not.toContain(id);
    expect(listed).toEqual((await publicEventIds("e.status = 'ON_SALE'")).map((i) => toGlobalId('Event', i)));
  });

  it('round-trips every node type through node(id)', async () => {
    const [ids] = await database.sql`
      SELECT (SELECT min(id) FROM events WHERE status = 'ON_SALE') AS event, (SELECT min(id) FROM venues) AS venue,
             (SELECT min(id) FROM sections) AS section, (SELECT min(id) FROM performers) AS performer`;
    for (const [type, id] of [
      ['Event', ids!.event],
      ['Venue', ids!.venue],
      ['Section', ids!.section],
      ['Performer', ids!.performer],
    ] as const) {
      const globalId = toGlobalId(type, id);
      const { data, errors } = await server.graphql(`query ($id: ID!) { node(id: $id) { __typename id } }`, { id: globalId });
      expect(errors).toBeUndefined();
      expect(data.node).toEqual({ __typename: type, id: globalId });
    }
  });

  it('lists a venue with its sections and a performer with upcoming events', async () => {
    const [arena] = await database.sql<{ id: number }[]>`
      SELECT venue_id AS id FROM sections GROUP BY venue_id ORDER BY sum(capacity) DESC LIMIT 1`;
    const { data } = await server.graphql(
      `query ($id: ID!) { venue(id: $id) { capacity sections { kind capacity venue { id } } upcomingEvents(first: 100) { edges { node { id status startsAt } } } } }`,
      { id: toGlobalId('Venue', arena!.id) },
    );
    expect(data.venue.capacity).toBe(20_000);
    expect(data.venue.sections.map((s: { kind: string }) => s.kind)).toEqual(expect.arrayContaining(['RESERVED', 'GENERAL_ADMISSION']));
    expect(data.venue.sections.every((s: { venue: { id: string } }) => s.venue.id === toGlobalId('Venue', arena!.id))).toBe(true);
    const upcoming = data.venue.upcomingEvents.edges.map((e: { node: { id: string } }) => e.node.id);
    const expected = await publicEventIds("e.venue_id = $1 AND e.status IN ('ON_SALE', 'SOLD_OUT') AND e.starts_at >= $2", arena!.id, ANCHOR);
    expect(upcoming).toEqual(expected.map((id) => toGlobalId('Event', id)));

    // Moving the clock past an event's start drops it from "upcoming".
    const first = data.venue.upcomingEvents.edges[0].node;
    clock.set(new Date(new Date(first.startsAt).getTime() + 1));
    try {
      const later = await server.graphql(`query ($id: ID!) { venue(id: $id) { upcomingEvents(first: 100) { edges { node { id } } } } }`, {
        id: toGlobalId('Venue', arena!.id),
      });
      expect(later.data.venue.upcomingEvents.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(first.id);
    } finally {
      clock.set(ANCHOR);
    }
  });

  it('counts sold tickets and live holds as unavailable, and expired holds as available', async () => {
    const [event] = await database.sql<{ id: number }[]>`SELECT id FROM events WHERE status = 'ON_SALE' ORDER BY id DESC LIMIT 1`;
    const taken = await database.sql<{ id: number; section_id: number }[]>`
      SELECT id, section_id FROM tickets WHERE event_id = ${event!.id} ORDER BY id LIMIT 6`;
    const ids = (from: number, to: number) => taken.slice(from, to).map((t) => t.id);
    const minute = 60_000;
    await database.sql`UPDATE tickets SET status = 'SOLD' WHERE id IN ${database.sql(ids(0, 2))}`;
    await database.sql`UPDATE tickets SET status = 'HELD', held_until = ${new Date(ANCHOR.getTime() + 10 * minute)} WHERE id IN ${database.sql(ids(2, 4))}`;
    await database.sql`UPDATE tickets SET status = 'HELD', held_until = ${new Date(ANCHOR.getTime() - minute)} WHERE id IN ${database.sql(ids(4, 6))}`;
    const query = `query ($id: ID!) { event(id: $id) { availability { available total } sections { section { id } availability { available total } } } }`;
    const variables = { id: toGlobalId('Event', event!.id) };

    const now = await server.graphql(query, variables);
    expect(now.data.event.availability.total - now.data.event.availability.available).toBe(4);
    const sectionTaken = now.data.event.sections.reduce(
      (sum: number, s: { availability: { available: number; total: number } }) => sum + s.availability.total - s.availability.available,
      0,
    );
    expect(sectionTaken).toBe(4);

    clock.set(new Date(ANCHOR.getTime() + 11 * minute)); // the live holds have expired too
    try {
      const later = await server.graphql(query, variables);
      expect(later.data.event.availability.total - later.data.event.availability.available).toBe(2);
    } finally {
      clock.set(ANCHOR);
    }
  });

  it('loads a page of 50 events and all their relations in a fixed number of statements', async () => {
    const query = `query ($first: Int) { events(first: $first) { edges { node { ${EVENT_FIELDS} } } } }`;
    const countStatements = async (first: number) => {
      server.statements.length = 0;
      const { data, errors } = await server.graphql(query, { first });
      expect(errors).toBeUndefined();
      expect(data.events.edges).toHaveLength(first);
      return server.statements.length;
    };
    const forFive = await countStatements(5);
    const forFifty = await countStatements(50);
    expect(forFifty).toBe(forFive);
    // events, venues, performers, section prices, taken-ticket counts
    expect(forFifty).toBeLessThanOrEqual(5);
  });
});
