/**
 * Lists under lists are read in one statement per kind and level, whatever
 * the number of parents: an event's tickets, a venue's or a performer's
 * upcoming events, a seat map section's tickets. And each parent gets the
 * page it would get alone.
 */
import { describe, expect, it } from 'vitest';

import { encodeCursor } from '../src/relay/connection.js';
import { toGlobalId } from '../src/relay/global-id.js';
import { ANCHOR } from './support/catalog.js';
import { useTestServer } from './support/fixture.js';
import { manualClock } from './support/server.js';

/** The probe's shape with small pages: events, each one's tickets, venue's upcoming events and their tickets, performers' upcoming events. */
const NESTED = `query ($n: Int) {
  events(first: $n) { edges { node {
    id
    tickets(first: 3) { edges { node { id status } } pageInfo { hasNextPage } }
    venue { id upcomingEvents(first: 2) { edges { node { id tickets(first: 2, filter: { status: AVAILABLE }) { edges { cursor } } } } pageInfo { hasNextPage } } }
    performers { id upcomingEvents(first: 2) { edges { node { id } } pageInfo { hasNextPage } } }
  } } }
}`;

const SEAT_MAP_TICKETS = `query ($eventId: ID!) {
  seatMap(eventId: $eventId) { sections { section { id } tickets(first: 4) { edges { node { id row number } } pageInfo { hasNextPage } } } }
}`;

/** A ticket's status as the API shows it at ANCHOR (an expired hold is AVAILABLE). */
const STATUS = `CASE WHEN status = 'HELD' AND held_until <= '${ANCHOR.toISOString()}' THEN 'AVAILABLE' ELSE status::text END`;

describe('nested lists', () => {
  const { database, server } = useTestServer({ events: 60, clock: manualClock(ANCHOR) });

  /** Ids of a page of `size`, read by a query of its own, and whether there are more. */
  async function page(query: string, params: unknown[], size: number): Promise<{ ids: number[]; hasNextPage: boolean }> {
    const rows = await database.sql.unsafe<{ id: number }[]>(`${query} LIMIT ${size + 1}`, params as never[]);
    return { ids: rows.slice(0, size).map((row) => Number(row.id)), hasNextPage: rows.length > size }; // ticket ids are bigints, read as strings
  }
  const upcoming = `status IN ('ON_SALE', 'SOLD_OUT') AND starts_at >= '${ANCHOR.toISOString()}' ORDER BY starts_at, id`;

  it('reads the probe-shaped query in the same few statements for 2 events as for 40', async () => {
    const countStatements = async (n: number) => {
      server.statements.length = 0;
      const { data, errors } = await server.graphql(NESTED, { n });
      expect(errors).toBeUndefined();
      expect(data.events.edges).toHaveLength(n);
      return server.statements.length;
    };
    await countStatements(2); // the pool's connections look up PostgreSQL's array types once, at their first use
    const forTwo = await countStatements(2);
    const forForty = await countStatements(40);
    expect(forForty).toBe(forTwo);
    // events; their tickets; venues; the venues' upcoming events; those events' tickets; performers; the performers' upcoming events
    expect(forForty).toBe(7);
    expect(server.statements.filter((statement) => /\blateral\b/i.test(statement))).toHaveLength(4);
  });

  it('gives each parent the page a query of its own gives', async () => {
    const { data, errors } = await server.graphql(NESTED, { n: 40 });
    expect(errors).toBeUndefined();
    let checked = 0;
    for (const { node: event } of data.events.edges) {
      const eventId = Number(Buffer.from(event.id, 'base64url').toString().split(':')[1]);
      const tickets = await page(`SELECT id, ${STATUS} AS status FROM tickets WHERE event_id = $1 ORDER BY id`, [eventId], 3);
      expect(event.tickets.edges.map((edge: any) => edge.node.id)).toEqual(tickets.ids.map((id) => toGlobalId('Ticket', id)));
      expect(event.tickets.pageInfo.hasNextPage).toBe(tickets.hasNextPage);

      const venueId = Number(Buffer.from(event.venue.id, 'base64url').toString().split(':')[1]);
      const venueEvents = await page(`SELECT id FROM events WHERE venue_id = $1 AND ${upcoming}`, [venueId], 2);
      expect(event.venue.upcomingEvents.edges.map((edge: any) => edge.node.id)).toEqual(venueEvents.ids.map((id) => toGlobalId('Event', id)));
      expect(event.venue.upcomingEvents.pageInfo.hasNextPage).toBe(venueEvents.hasNextPage);
      for (const [i, { node }] of event.venue.upcomingEvents.edges.entries()) {
        const available = await page(`SELECT id FROM tickets WHERE event_id = $1 AND ${STATUS} = 'AVAILABLE' ORDER BY id`, [venueEvents.ids[i]], 2);
        expect(node.tickets.edges.map((edge: any) => edge.cursor)).toEqual(available.ids.map((id) => encodeCursor([id])));
        checked += available.ids.length;
      }

      for (const performer of event.performers) {
        const performerId = Number(Buffer.from(performer.id, 'base64url').toString().split(':')[1]);
        const performerEvents = await page(
          `SELECT id FROM events WHERE id IN (SELECT event_id FROM event_performers WHERE performer_id = $1) AND ${upcoming}`,
          [performerId],
          2,
        );
        expect(performer.upcomingEvents.edges.map((edge: any) => edge.node.id)).toEqual(performerEvents.ids.map((id) => toGlobalId('Event', id)));
        expect(performer.upcomingEvents.pageInfo.hasNextPage).toBe(performerEvents.hasNextPage);
        checked += performerEvents.ids.length;
      }
      checked += tickets.ids.length + venueEvents.ids.length;
    }
    expect(checked).toBeGreaterThan(200); // the pages were not all empty
    // Ticket statuses as of the clock: the page's own, not another event's.
    const statuses = await database.sql.unsafe<{ id: number; status: string }[]>(`SELECT id, ${STATUS} AS status FROM tickets WHERE id = ANY($1::int[])`, [
      data.events.edges.flatMap(({ node }: any) =>
        node.tickets.edges.map((edge: any) => Number(Buffer.from(edge.node.id, 'base64url').toString().split(':')[1])),
      ),
    ] as never[]);
    const expected = new Map(statuses.map((row) => [toGlobalId('Ticket', row.id), row.status]));
    for (const { node } of data.events.edges) for (const { node: ticket } of node.tickets.edges) expect(ticket.status).toBe(expected.get(ticket.id));
  });

  it('pages on from a cursor as a query of its own does', async () => {
    const [{ id: eventId }] = await database.sql<[{ id: number }]>`
      SELECT event_id AS id FROM tickets JOIN events e ON e.id = event_id WHERE e.status <> 'DRAFT' GROUP BY event_id ORDER BY count(*) DESC LIMIT 1`;
    const query = `query ($id: ID!, $after: String) { event(id: $id) { tickets(first: 5, after: $after) { edges { cursor node { id } } pageInfo { endCursor } } } }`;
    const first = await server.graphql(query, { id: toGlobalId('Event', eventId) });
    expect(first.errors).toBeUndefined();
    const second = await server.graphql(query, { id: toGlobalId('Event', eventId), after: first.data.event.tickets.pageInfo.endCursor });
    expect(second.errors).toBeUndefined();
    const expected = await database.sql<{ id: number }[]>`SELECT id FROM tickets WHERE event_id = ${eventId} ORDER BY id OFFSET 5 LIMIT 5`;
    expect(second.data.event.tickets.edges.map((edge: any) => edge.node.id)).toEqual(expected.map((row) => toGlobalId('Ticket', row.id)));
  });

  it("reads every section's tickets of a seat map in one statement", async () => {
    const [{ id: eventId, sections }] = await database.sql<[{ id: number; sections: number }]>`
      SELECT event_id AS id, count(*)::int AS sections FROM event_sections GROUP BY event_id ORDER BY count(*) DESC, event_id LIMIT 1`;
    expect(sections).toBeGreaterThan(2);
    server.statements.length = 0;
    const { data, errors } = await server.graphql(SEAT_MAP_TICKETS, { eventId: toGlobalId('Event', eventId) });
    expect(errors).toBeUndefined();
    expect(data.seatMap.sections).toHaveLength(sections);
    expect(server.statements.filter((statement) => /\blateral\b/i.test(statement))).toHaveLength(1);
    for (const section of data.seatMap.sections) {
      const sectionId = Number(Buffer.from(section.section.id, 'base64url').toString().split(':')[1]);
      const tickets = await page('SELECT id FROM tickets WHERE event_id = $1 AND section_id = $2 ORDER BY id', [eventId, sectionId], 4);
      expect(section.tickets.edges.map((edge: any) => edge.node.id)).toEqual(tickets.ids.map((id) => toGlobalId('Ticket', id)));
      expect(section.tickets.pageInfo.hasNextPage).toBe(tickets.hasNextPage);
    }
  });
});
