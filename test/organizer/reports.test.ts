import { randomUUID } from 'node:crypto';

import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { toGlobalId } from '../../src/relay/global-id.js';
import { type Buyer, createBuyers, createCast, createOnSaleEvent, type OnSaleEvent } from '../support/booking.js';
import { CANCEL, CONFIRM, RESERVE } from '../support/booking-operations.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestServer } from '../support/fixture.js';
import { manualClock } from '../support/server.js';

const SALES = `query ($id: ID!) {
  event(id: $id) {
    sales {
      ticketsSold ticketsHeld ticketsAvailable
      grossRevenue { amount currency } refunded { amount currency } netRevenue { amount currency }
      bySection { section { id name } ticketsSold revenue { amount currency } }
      byDay { date ticketsSold revenue { amount currency } }
    }
  }
}`;

const BOOKINGS = `query ($id: ID!, $first: Int, $after: String) {
  event(id: $id) {
    bookings(first: $first, after: $after) {
      edges { cursor node { id status total { amount currency } payment { status last4 } tickets { id } buyer { name email } } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

const ORGANIZED = `query ($filter: OrganizedEventFilter, $first: Int, $after: String) {
  me { organizedEvents(filter: $filter, first: $first, after: $after) { edges { node { id status startsAt } } pageInfo { hasNextPage endCursor } } }
}`;

const ORGANIZED_OF = `query ($id: ID!) { node(id: $id) { ... on User { organizedEvents { edges { node { id } } } } } }`;

/** 2030-01-01T00:00Z; New York (the test venues' time zone) is five hours behind. */
const at = (time: string) => new Date(`2030-01-01T${time}Z`);

describe('organizer reports: sales, bookings and buyers', () => {
  const clock = manualClock(ANCHOR);
  const { database, server } = useTestServer({ clock });
  let organizer: Buyer;
  let otherOrganizer: Buyer;
  let admin: Buyer;
  let fans: Buyer[];
  let event: OnSaleEvent;
  /** The bookings made, oldest first: [global ID, buyer]. */
  const booked: [string, Buyer][] = [];

  const reserve = async (buyer: Buyer, ticketIds: string[]) => {
    const { data } = await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds } }, buyer.token);
    expect(data.reserveSeats.userErrors).toEqual([]);
    return data.reserveSeats.hold.id as string;
  };
  const buy = async (buyer: Buyer, ticketIds: string[]) => {
    const holdId = await reserve(buyer, ticketIds);
    const { data } = await server.graphql(CONFIRM, { input: { holdId, payment: { token: 'tok_visa' }, idempotencyKey: randomUUID() } }, buyer.token);
    expect(data.confirmBooking.userErrors).toEqual([]);
    booked.push([data.confirmBooking.booking.id, buyer]);
    return data.confirmBooking.booking.id as string;
  };
  /** The statements the server sent since `server.statements` was emptied, but the look-up of PostgreSQL's array types each new connection makes. */
  const statementsSent = () => server.statements.filter((statement) => !statement.includes('pg_catalog.pg_type')).length;
  const salesAs = async (token: string | undefined, id = event.id) => (await server.graphql(SALES, { id }, token)).data.event.sales;

  beforeAll(async () => {
    [organizer, otherOrganizer] = (await createBuyers(database.sql, 2, 'ORGANIZER')) as [Buyer, Buyer];
    [admin] = (await createBuyers(database.sql, 1, 'ADMIN')) as [Buyer];
    fans = await createBuyers(database.sql, 6);
    // Stalls: 40 seats at 120.00; Floor: 20 units at 50.00. 60 tickets in all.
    event = await createOnSaleEvent(database.sql, organizer.userId);
    const [a, b, c, d, e, f] = fans as [Buyer, Buyer, Buyer, Buyer, Buyer, Buyer];
    // 23:30 on 31 December in New York: 2 seats and 3 units.
    clock.set(at('04:30:00'));
    await buy(a, event.seats[0]!.slice(0, 2));
    await buy(b, event.units.slice(0, 3));
    // 00:30 on 1 January in New York: a seat and a unit; two units bought and cancelled (refunded).
    clock.set(at('05:30:00'));
    await buy(c, [event.seats[1]![0]!, event.units[3]!]);
    const cancelled = await buy(d, event.units.slice(4, 6));
    const { data } = await server.graphql(CANCEL, { input: { bookingId: cancelled, idempotencyKey: randomUUID() } }, d.token);
    expect(data.cancelBooking.userErrors).toEqual([]);
    // A hold that has run out by the reading (its seat is available) and one that is live (2 seats held).
    clock.set(at('05:48:00'));
    await reserve(f, [event.seats[2]![0]!]);
    clock.set(at('05:59:00'));
    await reserve(e, event.seats[3]!.slice(0, 2));
    // New prices apply to tickets not sold: the revenue stays what the holds fixed.
    await database.sql`UPDATE tickets SET price = price + 100 WHERE event_id = ${event.eventId}`;
  });
  // Reports are read at 01:00 in New York: the live hold has ten minutes left.
  beforeEach(() => clock.set(at('06:00:00')));

  it('adds up a known set of purchases: sold, held (a lapsed hold counts available), gross, refunded, per section and per day in the venue time zone', async () => {
    const usd = (amount: number) => ({ amount, currency: 'USD' });
    expect(await salesAs(organizer.token)).toEqual({
      ticketsSold: 7,
      ticketsHeld: 2,
      ticketsAvailable: 51,
      grossRevenue: usd(2 * 12_000 + 3 * 5_000 + 12_000 + 5_000 + 2 * 5_000),
      refunded: usd(2 * 5_000),
      netRevenue: usd(2 * 12_000 + 3 * 5_000 + 12_000 + 5_000),
      bySection: [
        { section: { id: toGlobalId('Section', event.reservedSectionId), name: 'Stalls' }, ticketsSold: 3, revenue: usd(3 * 12_000) },
        { section: { id: toGlobalId('Section', event.gaSectionId), name: 'Floor' }, ticketsSold: 4, revenue: usd(4 * 5_000) },
      ],
      byDay: [
        { date: '2029-12-31', ticketsSold: 5, revenue: usd(2 * 12_000 + 3 * 5_000) },
        { date: '2030-01-01', ticketsSold: 2, revenue: usd(12_000 + 5_000) },
      ],
    });
    // The live hold runs out: its seats are available from that moment, with no sweeper.
    clock.set(at('06:09:00'));
    expect(await salesAs(organizer.token)).toMatchObject({ ticketsSold: 7, ticketsHeld: 0, ticketsAvailable: 53 });
  });

  it('lists every priced section, with none sold, and no day, for an event without sales', async () => {
    const quiet = await createOnSaleEvent(database.sql, organizer.userId, { rows: 1, seatsPerRow: 5, gaCapacity: 3 });
    expect(await salesAs(organizer.token, quiet.id)).toMatchObject({
      ticketsSold: 0,
      ticketsHeld: 0,
      ticketsAvailable: 8,
      grossRevenue: { amount: 0 },
      netRevenue: { amount: 0 },
      bySection: [
        { ticketsSold: 0, revenue: { amount: 0 } },
        { ticketsSold: 0, revenue: { amount: 0 } },
      ],
      byDay: [],
    });
  });

  it('shows sales and bookings to the organizer and admins, and null to anonymous callers, fans and other organizers', async () => {
    const ownSales = await salesAs(organizer.token);
    expect(await salesAs(admin.token)).toEqual(ownSales);
    const bookingsAs = async (token?: string) => (await server.graphql(BOOKINGS, { id: event.id }, token)).data.event.bookings;
    const asAdmin = (await bookingsAs(admin.token)).edges.map((edge: any) => edge.node);
    expect(asAdmin).toEqual((await bookingsAs(organizer.token)).edges.map((edge: any) => edge.node));
    expect(asAdmin.map((booking: any) => booking.buyer.email)).toHaveLength(booked.length);
    for (const token of [undefined, fans[0]!.token, otherOrganizer.token]) {
      const { data, errors } = await server.graphql(SALES, { id: event.id }, token);
      expect(errors).toBeUndefined();
      expect(data.event).toEqual({ sales: null });
      expect(await bookingsAs(token)).toBeNull();
    }
  });

  it('pages through the event bookings newest first, with no gaps or repeats, each with its buyer, tickets and payment', async () => {
    const seen: any[] = [];
    let after: string | null = null;
    do {
      const { data }: { data?: any } = await server.graphql(BOOKINGS, { id: event.id, first: 2, after }, organizer.token);
      seen.push(...data.event.bookings.edges.map((edge: any) => edge.node));
      after = data.event.bookings.pageInfo.hasNextPage ? data.event.bookings.pageInfo.endCursor : null;
    } while (after);
    expect(seen.map((booking) => booking.id)).toEqual(booked.map(([id]) => id).reverse());
    const users = await database.sql<{ id: number; name: string; email: string }[]>`SELECT id, name, email FROM users`;
    const buyerOf = (buyer: Buyer) => users.find((user) => user.id === buyer.userId);
    expect(seen.map((booking) => booking.buyer)).toEqual(booked.map(([, buyer]) => ({ name: buyerOf(buyer)!.name, email: buyerOf(buyer)!.email })).reverse());
    expect(seen.map((booking) => [booking.status, booking.tickets.length])).toEqual([
      ['CANCELLED', 2],
      ['CONFIRMED', 2],
      ['CONFIRMED', 3],
      ['CONFIRMED', 2],
    ]);
    expect(seen[1]).toMatchObject({ total: { amount: 17_000, currency: 'USD' }, payment: { status: 'CAPTURED', last4: expect.stringMatching(/^\d{4}$/) } });
  });

  it('refuses page sizes out of range and cursors it did not issue', async () => {
    for (const variables of [{ first: 0 }, { first: 101 }, { after: 'not-a-cursor' }]) {
      const { data, errors } = await server.graphql(BOOKINGS, { id: event.id, ...variables }, organizer.token);
      expect(errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
      expect(data.event.bookings).toBeNull();
    }
  });

  it("shows a booking's buyer to the buyer and admins, while the other paths to a booking stay its buyer's and admins'", async () => {
    const [bookingId, buyer] = booked[0]!;
    const [{ name, email }] = await database.sql<[{ name: string; email: string }]>`SELECT name, email FROM users WHERE id = ${buyer.userId}`;
    const mine = `{ me { bookings { edges { node { id buyer { name email } } } } } }`;
    expect((await server.graphql(mine, {}, buyer.token)).data.me.bookings.edges).toEqual([{ node: { id: bookingId, buyer: { name, email } } }]);
    const paths = {
      node: `query ($id: ID!) { node(id: $id) { ... on Booking { id buyer { name } } } }`,
      booking: `query ($id: ID!) { booking(id: $id) { id buyer { name } } }`,
    };
    for (const [field, query] of Object.entries(paths)) {
      for (const token of [buyer.token, admin.token]) {
        expect((await server.graphql(query, { id: bookingId }, token)).data[field]).toEqual({ id: bookingId, buyer: { name } });
      }
      // The event's organizer reads it in Event.bookings, and nowhere else.
      for (const token of [undefined, organizer.token, otherOrganizer.token, fans[5]!.token]) {
        expect((await server.graphql(query, { id: bookingId }, token)).data[field], field).toBeNull();
      }
    }
  });

  it('reads sales in a constant, small number of statements, however many bookings', async () => {
    const count = async (id: string) => {
      server.statements.length = 0;
      await salesAs(organizer.token, id);
      return statementsSent();
    };
    const quiet = await createOnSaleEvent(database.sql, organizer.userId, { rows: 1, seatsPerRow: 2 });
    const statements = await count(event.id);
    expect(statements).toBe(await count(quiet.id));
    // The session check, the event, and the report (its sections' names included).
    expect(statements).toBe(3);
  });

  it("reads a list of events' sales and bookings in one statement each, each event's as it reads alone", async () => {
    const list = `query ($first: Int) { me { organizedEvents(first: $first) { edges { node {
      id
      sales { ticketsSold ticketsHeld grossRevenue { amount } bySection { section { name } ticketsSold } byDay { date ticketsSold } }
      bookings(first: 2) { edges { node { id buyer { name } tickets { id } } } pageInfo { hasNextPage } }
    } } } } }`;
    const read = async (first: number) => {
      server.statements.length = 0;
      const { data, errors } = await server.graphql(list, { first }, organizer.token);
      expect(errors).toBeUndefined();
      return { events: data.me.organizedEvents.edges.map((edge: any) => edge.node), statements: statementsSent() };
    };
    await createOnSaleEvent(database.sql, organizer.userId, { rows: 1, seatsPerRow: 2 });
    const one = await read(1);
    const all = await read(10);
    expect(all.events.length).toBeGreaterThanOrEqual(3);
    expect(all.statements).toBe(one.statements);
    // The session, the caller, the events, their sales, their bookings; the bookings' events (is the caller their organizer?), tickets and buyers.
    expect(all.statements).toBe(8);
    for (const listed of all.events) {
      const alone = `query ($id: ID!) { event(id: $id) {
        id
        sales { ticketsSold ticketsHeld grossRevenue { amount } bySection { section { name } ticketsSold } byDay { date ticketsSold } }
        bookings(first: 2) { edges { node { id buyer { name } tickets { id } } } pageInfo { hasNextPage } }
      } }`;
      expect((await server.graphql(alone, { id: listed.id }, organizer.token)).data.event).toEqual(listed);
    }
    expect(all.events.find((listed: any) => listed.id === event.id).bookings.edges).toHaveLength(2);
  });
});

describe('organizer reports: organizedEvents', () => {
  const { database, server } = useTestServer({ events: 3 });
  let organizer: Buyer;
  let otherOrganizer: Buyer;
  let admin: Buyer;
  let fan: Buyer;
  /** The organizer's events in (startsAt, id) order. */
  let events: { id: string; status: string; startsAt: string }[];

  const page = async (token: string, variables: Record<string, unknown>) => {
    const { data, errors } = await server.graphql(ORGANIZED, variables, token);
    expect(errors).toBeUndefined();
    return data.me.organizedEvents;
  };
  const all = async (token: string, filter?: Record<string, unknown>) => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const { edges, pageInfo } = await page(token, { filter, first: 2, after });
      seen.push(...edges.map((edge: any) => edge.node.id));
      after = pageInfo.hasNextPage ? pageInfo.endCursor : null;
    } while (after);
    return seen;
  };

  beforeAll(async () => {
    ({ organizer, otherOrganizer, admin, fan } = await createCast(database.sql));
    const shapes = [
      { startsAt: new Date('2030-05-01T20:00:00Z'), status: 'ON_SALE' },
      { startsAt: new Date('2030-03-01T20:00:00Z'), status: 'DRAFT' },
      { startsAt: new Date('2030-04-01T20:00:00Z'), status: 'CANCELLED' },
      // Two at the same time: ordered by id.
      { startsAt: new Date('2030-04-01T20:00:00Z'), status: 'ON_SALE' },
      { startsAt: new Date('2030-06-01T20:00:00Z'), status: 'DRAFT' },
    ] as const;
    const made = [];
    for (const shape of shapes) {
      const created = await createOnSaleEvent(database.sql, organizer.userId, { ...shape, rows: 1, seatsPerRow: 1, gaCapacity: 1 });
      made.push({ id: created.id, eventId: created.eventId, status: shape.status, startsAt: shape.startsAt.toISOString() });
    }
    await createOnSaleEvent(database.sql, otherOrganizer.userId, { status: 'DRAFT', rows: 1, seatsPerRow: 1, gaCapacity: 1 });
    events = made.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.eventId - b.eventId).map(({ id, status, startsAt }) => ({ id, status, startsAt }));
  });

  it('pages through the organizer events, drafts included, in start order with no gaps or repeats', async () => {
    expect(await all(organizer.token)).toEqual(events.map((event) => event.id));
    expect((await page(organizer.token, { first: 10 })).edges.map((edge: any) => edge.node)).toEqual(events);
    // The seeded events and the other organizer's draft are not theirs.
    expect(await all(otherOrganizer.token)).toHaveLength(1);
    expect(await all(fan.token)).toEqual([]);
  });

  it('filters by statuses and start times', async () => {
    const ids = (keep: (event: (typeof events)[number]) => boolean) => events.filter(keep).map((event) => event.id);
    expect(await all(organizer.token, { status: ['DRAFT'] })).toEqual(ids((e) => e.status === 'DRAFT'));
    expect(await all(organizer.token, { status: ['DRAFT', 'CANCELLED'] })).toEqual(ids((e) => e.status !== 'ON_SALE'));
    expect(await all(organizer.token, { status: [] })).toEqual([]);
    const window = { startsAfter: '2030-04-01T20:00:00.000Z', startsBefore: '2030-06-01T20:00:00.000Z' };
    expect(await all(organizer.token, window)).toEqual(ids((e) => e.startsAt >= window.startsAfter && e.startsAt < window.startsBefore));
    expect(await all(organizer.token, { ...window, status: ['ON_SALE'] })).toEqual(
      ids((e) => e.status === 'ON_SALE' && e.startsAt >= window.startsAfter && e.startsAt < window.startsBefore),
    );
  });

  it('refuses an empty time window, bad page sizes and foreign cursors', async () => {
    const cases = [
      { filter: { startsAfter: '2030-05-01T00:00:00Z', startsBefore: '2030-05-01T00:00:00Z' } },
      { first: 0 },
      { first: 101 },
      { after: 'bm90IGEgY3Vyc29y' },
    ];
    for (const variables of cases) {
      const { data, errors } = await server.graphql(ORGANIZED, variables, organizer.token);
      expect(errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
      expect(data.me.organizedEvents).toBeNull();
    }
  });

  it("shows an organizer's events to themself and admins, and null to anyone else", async () => {
    const id = toGlobalId('User', organizer.userId);
    expect((await server.graphql(ORGANIZED_OF, { id }, admin.token)).data.node.organizedEvents.edges).toHaveLength(events.length);
    for (const token of [undefined, fan.token, otherOrganizer.token]) {
      const { data, errors } = await server.graphql(ORGANIZED_OF, { id }, token);
      expect(errors).toBeUndefined();
      expect(data.node).toEqual({ organizedEvents: null });
    }
  });
});
