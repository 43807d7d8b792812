/**
 * SeatMapSection.layout: where every ticket of a section is, as columns in the order of `availability`,
 * read with one statement per event and kept, and cheap enough for the query-cost limit at 20,000 seats.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { createTickets } from '../src/catalog/store.js';
import { toGlobalId } from '../src/relay/global-id.js';
import { createBuyers, createOnSaleEvent } from './support/booking.js';
import { RESERVE } from './support/booking-operations.js';
import { ANCHOR } from './support/catalog.js';
import { useTestServer } from './support/fixture.js';
import { manualClock } from './support/server.js';

const SEAT_MAP = `query ($eventId: ID!) {
  seatMap(eventId: $eventId) {
    version
    sections { section { id name kind } price { amount currency } available capacity availability
      layout { ticketIds rows numbers x y } }
  }
}`;

const WITH_TICKETS = `query ($eventId: ID!) {
  seatMap(eventId: $eventId) {
    sections { availability layout { ticketIds rows numbers x y } tickets(first: 100) { edges { node { id row number x y status } } } }
  }
}`;

/** The statement that reads an event's places (src/seatmap/store.ts, readPlaces). */
const isPlacesRead = (statement: string) => statement.includes('json_agg(s.row_label');

/** Expands "3A2S" to ['A', 'A', 'A', 'S', 'S']. */
const expand = (code: string) => [...code.matchAll(/(\d+)([AHS])/g)].flatMap(([, count, letter]) => Array<string>(Number(count)).fill(letter!));

describe('seat map layout', () => {
  const { database, server } = useTestServer({ events: 2, clock: manualClock(ANCHOR) });
  let organizerId: number;

  beforeAll(async () => {
    organizerId = (await createBuyers(database.sql, 1, 'ORGANIZER'))[0]!.userId;
  });

  it('gives every ticket of each section in the order of `tickets` and `availability`; general admission has no row or place', async () => {
    const event = await createOnSaleEvent(database.sql, organizerId, { rows: 3, seatsPerRow: 40, gaCapacity: 30 });
    const [buyer] = await createBuyers(database.sql, 1);
    const held = [event.seats[1]![7]!, event.seats[2]![39]!, event.units[29]!];
    expect((await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds: held } }, buyer!.token)).data.reserveSeats.hold).not.toBeNull();

    const { data, errors } = await server.graphql(WITH_TICKETS, { eventId: event.id });
    expect(errors).toBeUndefined();
    const [reserved, ga] = data.seatMap.sections;
    // A page holds 100 tickets: the 120-seat section's layout starts with its first page, in its order.
    const page = reserved.tickets.edges.map((edge: any) => edge.node);
    expect(page).toHaveLength(100);
    expect(reserved.layout.ticketIds).toEqual(event.seats.flat());
    expect(page.map((ticket: any) => [ticket.id, ticket.row, ticket.number, ticket.x, ticket.y])).toEqual(
      page.map((_: unknown, i: number) => [
        reserved.layout.ticketIds[i],
        reserved.layout.rows[i],
        reserved.layout.numbers[i],
        reserved.layout.x[i],
        reserved.layout.y[i],
      ]),
    );
    expect([reserved.layout.rows[47], reserved.layout.numbers[47], reserved.layout.x[47], reserved.layout.y[47]]).toEqual(['B', 8, 8, 1]);
    // The i-th letter of `availability` is the status of the i-th ticket of the layout.
    for (const section of [reserved, ga]) {
      const letters = expand(section.availability);
      expect(letters).toHaveLength(section.layout.ticketIds.length);
      const heldHere = section.layout.ticketIds.filter((_: string, i: number) => letters[i] === 'H');
      expect(heldHere).toEqual(held.filter((id) => section.layout.ticketIds.includes(id)));
    }
    expect(ga.layout).toEqual({
      ticketIds: event.units,
      rows: Array(30).fill(null),
      numbers: Array.from({ length: 30 }, (_, i) => i + 1),
      x: Array(30).fill(null),
      y: Array(30).fill(null),
    });
  });

  it('reads the places of all sections with one statement, once per event', async () => {
    const event = await createOnSaleEvent(database.sql, organizerId);
    server.statements.length = 0;
    const first = await server.graphql(SEAT_MAP, { eventId: event.id });
    expect(first.errors).toBeUndefined();
    expect(first.data.seatMap.sections).toHaveLength(2);
    expect(server.statements.filter(isPlacesRead)).toHaveLength(1);

    // Places never change: the next map's layout comes from memory, though its statuses are read again.
    server.statements.length = 0;
    const again = await server.graphql(SEAT_MAP, { eventId: event.id });
    expect(again.data).toEqual(first.data);
    expect(server.statements.filter(isPlacesRead)).toHaveLength(0);
  });

  it('keeps a draft’s map NOT_FOUND for others, layout and all, and reads nothing of it', async () => {
    const draft = await createOnSaleEvent(database.sql, organizerId, { status: 'DRAFT' });
    const [fan] = await createBuyers(database.sql, 1);
    server.statements.length = 0;
    for (const token of [undefined, fan!.token]) {
      const { data, errors } = await server.graphql(SEAT_MAP, { eventId: draft.id }, token);
      expect(data).toBeNull();
      expect(errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    }
    expect(server.statements.filter(isPlacesRead)).toHaveLength(0);
  });

  it('answers the 20,000-place arena with every layout in one request within the default cost limit', async () => {
    const eventId = await arenaEvent();
    server.statements.length = 0;
    const { status, data, errors } = await server.graphql(SEAT_MAP, { eventId: toGlobalId('Event', eventId) });
    expect(errors).toBeUndefined();
    expect(status).toBe(200);
    expect(server.statements.filter(isPlacesRead)).toHaveLength(1); // for its 25 sections
    const sections = data.seatMap.sections as { capacity: number; section: { kind: string }; layout: { ticketIds: string[]; x: (number | null)[] } }[];
    expect(sections).toHaveLength(25);
    expect(sections.reduce((sum, section) => sum + section.layout.ticketIds.length, 0)).toBe(20_000);
    expect(sections.every((section) => section.layout.ticketIds.length === section.capacity)).toBe(true);
    const seated = sections.filter((section) => section.section.kind === 'RESERVED');
    expect(seated.every((section) => section.layout.x.every((x) => typeof x === 'number'))).toBe(true);
  });

  /** An event on sale at the seeded Lakeshore Arena (every seeded catalog has it), with its 20,000 tickets. */
  async function arenaEvent(): Promise<number> {
    const [event] = await database.sql<[{ id: number }]>`
      INSERT INTO events (title, category, status, starts_at, ends_at, on_sale_at, venue_id, organizer_id, currency)
      SELECT 'Arena Night', 'CONCERT', 'ON_SALE', ${new Date('2030-06-01T20:00:00Z')}, ${new Date('2030-06-01T23:00:00Z')},
             ${new Date('2029-12-01T10:00:00Z')}, v.id, ${organizerId}, 'USD'
      FROM venues v WHERE v.name = 'Lakeshore Arena'
      RETURNING id`;
    await database.sql`
      INSERT INTO event_sections (event_id, section_id, price)
      SELECT ${event.id}, s.id, 5000 + 100 * (s.id % 20) FROM sections s JOIN events e ON e.venue_id = s.venue_id WHERE e.id = ${event.id}`;
    await createTickets(database.sql, [event.id]);
    return event.id;
  }
});
