import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { fromGlobalId, toGlobalId } from '../src/relay/global-id.js';
import { type Buyer, createBuyers, createOnSaleEvent } from './support/booking.js';
import { CONFIRM, RELEASE, RESERVE } from './support/booking-operations.js';
import { ANCHOR } from './support/catalog.js';
import { useTestServer } from './support/fixture.js';
import { manualClock } from './support/server.js';

const TICKETS = `query ($id: ID!, $filter: TicketFilter, $first: Int, $after: String) {
  event(id: $id) { tickets(filter: $filter, first: $first, after: $after) { edges { node { id row number status price { amount currency } } } pageInfo { hasNextPage endCursor } } }
}`;
const MY_HOLDS = `{ me { holds { id status } bookings { edges { node { id } } } } }`;

describe('booking: reserving and releasing', () => {
  const clock = manualClock(ANCHOR);
  const { database, server } = useTestServer({ events: 2, clock });
  let organizerId: number;
  let buyers: Buyer[];

  beforeAll(async () => {
    organizerId = (await createBuyers(database.sql, 1, 'ORGANIZER'))[0]!.userId;
    buyers = await createBuyers(database.sql, 4);
  });
  beforeEach(() => clock.set(ANCHOR));

  const reserve = async (buyer: Buyer | undefined, input: Record<string, unknown>) =>
    (await server.graphql(RESERVE, { input }, buyer?.token)) as { data: { reserveSeats: any }; errors?: any[] };
  const countHolds = async (eventId: number) => (await database.sql<[{ n: number }]>`SELECT count(*)::int AS n FROM holds WHERE event_id = ${eventId}`)[0].n;
  const statuses = async (id: string, filter: Record<string, unknown>) =>
    (await server.graphql(TICKETS, { id, filter, first: 100 })).data.event.tickets.edges.map((e: any) => e.node.status);

  it('holds chosen seats for the event hold time, at their prices, and shows them HELD to everyone', async () => {
    const event = await createOnSaleEvent(database.sql, organizerId, { holdTtlSeconds: 300 });
    const chosen = event.seats[1]!.slice(2, 5);
    const { data } = await reserve(buyers[0], { eventId: event.id, ticketIds: chosen });
    expect(data.reserveSeats.userErrors).toEqual([]);
    const hold = data.reserveSeats.hold;
    expect(hold).toMatchObject({ status: 'ACTIVE', expiresAt: new Date(ANCHOR.getTime() + 300_000).toISOString(), event: { id: event.id } });
    expect(hold.total).toEqual({ amount: 3 * event.prices.reserved, currency: 'USD' });
    expect(hold.tickets.map((t: any) => [t.id, t.row, t.number, t.status])).toEqual(chosen.map((id, i) => [id, 'B', 3 + i, 'HELD']));

    const anonymous = await server.graphql(TICKETS, { id: event.id, filter: { status: 'HELD' } });
    expect(anonymous.data.event.tickets.edges.map((e: any) => e.node.id)).toEqual(chosen);
    // The seat map's version moved once, recording the three changes.
    const changes = await database.sql`SELECT version::int, status FROM seat_map_changes WHERE event_id = ${event.eventId}`;
    expect(changes).toEqual(chosen.map(() => ({ version: 1, status: 'HELD' })));
  });

  it('pages through an event tickets by section and status, with no gaps or repeats', async () => {
    const event = await createOnSaleEvent(database.sql, organizerId, { rows: 3, seatsPerRow: 7 });
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const { data }: { data?: any } = await server.graphql(TICKETS, {
        id: event.id,
        filter: { sectionId: toGlobalId('Section', event.reservedSectionId) },
        first: 4,
        after,
      });
      seen.push(...data.event.tickets.edges.map((e: any) => e.node.id));
      after = data.event.tickets.pageInfo.hasNextPage ? data.event.tickets.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(event.seats.flat());
    expect(await statuses(event.id, { status: 'AVAILABLE', sectionId: toGlobalId('Section', event.gaSectionId) })).toHaveLength(event.units.length);
  });

  it('refuses bad selections with typed errors and holds nothing', async () => {
    const event = await createOnSaleEvent(database.sql, organizerId);
    const other = await createOnSaleEvent(database.sql, organizerId);
    const seats = event.seats[0]!;
    const cases: [Record<string, unknown>, string][] = [
      [{ ticketIds: [] }, 'INVALID_SELECTION'],
      [{ ticketIds: [seats[0], seats[0]] }, 'INVALID_SELECTION'],
      [{ ticketIds: event.seats.flat().slice(0, 11) }, 'INVALID_SELECTION'],
      [{ ticketIds: [seats[0], other.seats[0]![0]] }, 'INVALID_SELECTION'],
      [{}, 'INVALID_SELECTION'],
      [{ ticketIds: [seats[0]], bestAvailable: { quantity: 1 } }, 'INVALID_SELECTION'],
      [{ bestAvailable: { quantity: 0 } }, 'INVALID_SELECTION'],
      [{ bestAvailable: { quantity: 11 } }, 'INVALID_SELECTION'],
      [{ bestAvailable: { quantity: 1, maxPrice: -1 } }, 'INVALID_SELECTION'],
      [{ bestAvailable: { quantity: 1, sectionId: toGlobalId('Section', other.reservedSectionId) } }, 'INVALID_SELECTION'],
      [{ bestAvailable: { quantity: 2, maxPrice: 100 } }, 'SEATS_UNAVAILABLE'],
    ];
    for (const [selection, code] of cases) {
      const { data, errors } = await reserve(buyers[0], { eventId: event.id, ...selection });
      expect(errors, JSON.stringify(selection)).toBeUndefined();
      expect(data.reserveSeats.hold).toBeNull();
      expect(
        data.reserveSeats.userErrors.map((e: any) => e.code),
        JSON.stringify(selection),
      ).toEqual([code]);
    }
    expect(await countHolds(event.eventId)).toBe(0);
  });

  it('refuses ids of the wrong type and anonymous callers as GraphQL errors', async () => {
    const event = await createOnSaleEvent(database.sql, organizerId);
    const wrongType = await reserve(buyers[0], { eventId: toGlobalId('Venue', 1), ticketIds: event.seats[0]!.slice(0, 1) });
    expect(wrongType.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(wrongType.errors?.[0].message).toMatch(/must be the ID of a Event/);
    const eventAsTicket = await reserve(buyers[0], { eventId: event.id, ticketIds: [event.id] });
    expect(eventAsTicket.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'input.ticketIds[0]' } });
    const anonymous = await reserve(undefined, { eventId: event.id, ticketIds: event.seats[0]!.slice(0, 1) });
    expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await statuses(event.id, { status: 'HELD' })).toEqual([]);
  });

  it('shows a ticket by node(id) as its event is shown: to everyone, but a draft only to its organizer', async () => {
    const ticket = `query ($id: ID!) { node(id: $id) { ... on Ticket { id row number status section { name } event { id } } } }`;
    const published = await createOnSaleEvent(database.sql, organizerId);
    const draft = await createOnSaleEvent(database.sql, organizerId, { status: 'DRAFT' });
    const seat = published.seats[1]![4]!;
    expect((await server.graphql(ticket, { id: seat })).data.node).toEqual({
      id: seat,
      row: 'B',
      number: 5,
      status: 'AVAILABLE',
      section: { name: 'Stalls' },
      event: { id: published.id },
    });
    expect((await server.graphql(ticket, { id: draft.seats[0]![0] })).data.node).toBeNull();
  });

  it('sells only while the event is on sale, and hides drafts', async () => {
    const later = await createOnSaleEvent(database.sql, organizerId, { onSaleAt: new Date(ANCHOR.getTime() + 3600_000) });
    const cancelled = await createOnSaleEvent(database.sql, organizerId, { status: 'CANCELLED' });
    const draft = await createOnSaleEvent(database.sql, organizerId, { status: 'DRAFT' });
    const past = await createOnSaleEvent(database.sql, organizerId, { startsAt: new Date(ANCHOR.getTime() - 1), onSaleAt: new Date('2029-01-01') });
    for (const [event, code] of [
      [later, 'EVENT_NOT_ON_SALE'],
      [cancelled, 'EVENT_NOT_ON_SALE'],
      [past, 'EVENT_NOT_ON_SALE'],
      [draft, 'EVENT_NOT_FOUND'],
    ] as const) {
      const { data } = await reserve(buyers[0], { eventId: event.id, ticketIds: event.seats[0]!.slice(0, 1) });
      expect(data.reserveSeats.userErrors[0].code).toBe(code);
    }
    expect((await reserve(buyers[0], { eventId: later.id, ticketIds: later.seats[0]!.slice(0, 1) })).data.reserveSeats.userErrors[0].message).toMatch(
      /go on sale at 2030-01-01T01:00:00.000Z/,
    );
    clock.set(new Date(ANCHOR.getTime() + 3600_000));
    expect((await reserve(buyers[0], { eventId: later.id, ticketIds: later.seats[0]!.slice(0, 1) })).data.reserveSeats.userErrors).toEqual([]);
  });

  it('answers SEATS_UNAVAILABLE naming the taken tickets, all or nothing', async () => {
    const event = await createOnSaleEvent(database.sql, organizerId);
    const [a, b, c] = event.seats[0]!;
    expect((await reserve(buyers[0], { eventId: event.id, ticketIds: [b] })).data.reserveSeats.userErrors).toEqual([]);
    const { data } = await reserve(buyers[1], { eventId: event.id, ticketIds: [a, b, c] });
    expect(data.reserveSeats.userErrors[0]).toMatchObject({ code: 'SEATS_UNAVAILABLE', field: ['input', 'ticketIds'] });
    expect(data.reserveSeats.unavailableTicketIds).toEqual([b]);
    expect(await statuses(event.id, { status: 'HELD' })).toEqual(['HELD']); // a and c were not held
  });

  it('limits tickets per user and event, counting live holds and bookings but not expired holds', async () => {
    const event = await createOnSaleEvent(database.sql, organizerId, { ticketLimit: 4 });
    const seats = event.seats[0]!;
    expect((await reserve(buyers[2], { eventId: event.id, ticketIds: seats.slice(0, 3) })).data.reserveSeats.userErrors).toEqual([]);
    const over = await reserve(buyers[2], { eventId: event.id, ticketIds: seats.slice(3, 5) });
    expect(over.data.reserveSeats.userErrors[0]).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      message: expect.stringMatching(/at most 4 .* already hold or bought 3/),
    });
    expect((await reserve(buyers[2], { eventId: event.id, ticketIds: seats.slice(3, 4) })).data.reserveSeats.userErrors).toEqual([]);
    clock.set(new Date(ANCHOR.getTime() + 601_000)); // both holds have expired
    expect((await reserve(buyers[2], { eventId: event.id, ticketIds: seats.slice(5, 9) })).data.reserveSeats.userErrors).toEqual([]);
  });

  it('picks the best available: any units of the cheapest section, else adjacent seats, never stranding one seat when it can help it', async () => {
    const event = await createOnSaleEvent(database.sql, organizerId, { rows: 2, seatsPerRow: 6, gaCapacity: 3 });
    const [rowA, rowB] = [event.seats[0]!, event.seats[1]!];
    const reserved = toGlobalId('Section', event.reservedSectionId);
    const best = async (buyer: Buyer, bestAvailable: Record<string, unknown>) => {
      const { data } = await reserve(buyer, { eventId: event.id, bestAvailable });
      expect(data.reserveSeats.userErrors).toEqual([]);
      return data.reserveSeats.hold.tickets.map((t: any) => t.id);
    };
    // The general-admission floor is cheapest: any units.
    expect(await best(buyers[0]!, { quantity: 2 })).toEqual(event.units.slice(0, 2));
    // One unit left there: a pair goes to the reserved section, front row, from its edge.
    expect(await best(buyers[0]!, { quantity: 2 })).toEqual(rowA.slice(0, 2));
    // Row A has 4 free seats: any 3 of them would strand one, so row B it is.
    expect(await best(buyers[1]!, { quantity: 3, sectionId: reserved })).toEqual(rowB.slice(0, 3));
    expect(await best(buyers[1]!, { quantity: 3, sectionId: reserved })).toEqual(rowB.slice(3, 6));
    // Now stranding one is the only way.
    expect(await best(buyers[2]!, { quantity: 3 })).toEqual(rowA.slice(2, 5));
    const full = await reserve(buyers[2], { eventId: event.id, bestAvailable: { quantity: 2, sectionId: reserved } });
    expect(full.data.reserveSeats.userErrors[0]).toMatchObject({
      code: 'SEATS_UNAVAILABLE',
      message: 'No 2 seats together are available in this section right now.',
    });
    expect(await best(buyers[2]!, { quantity: 1, maxPrice: event.prices.ga })).toEqual(event.units.slice(2, 3));
  });

  it('looks for the best available seats only in sections with a free ticket', async () => {
    const event = await createOnSaleEvent(database.sql, organizerId, { rows: 1, seatsPerRow: 4, gaCapacity: 2 });
    expect((await reserve(buyers[0], { eventId: event.id, ticketIds: event.units })).data.reserveSeats.userErrors).toEqual([]); // the floor, cheapest, is all held
    server.statements.length = 0;
    const { data } = await reserve(buyers[1], { eventId: event.id, bestAvailable: { quantity: 2 } });
    expect(data.reserveSeats.hold.tickets.map((t: any) => t.id)).toEqual(event.seats[0]!.slice(0, 2));
    expect(server.statements.filter((statement) => /ORDER BY t\.ga_number LIMIT/.test(statement))).toEqual([]); // the floor's units were not read
  });

  it('reads the seats again when the ones it found are taken as it tries them, and says so after three attempts', async () => {
    const event = await createOnSaleEvent(database.sql, organizerId, { rows: 2, seatsPerRow: 10, gaCapacity: 1 });
    const input = { eventId: event.id, bestAvailable: { quantity: 1, sectionId: toGlobalId('Section', event.reservedSectionId) } };
    const seatIds = event.seats.flat().map((id) => fromGlobalId(id).id);
    const [buyer] = await createBuyers(database.sql, 1);
    // Other buyers are reserving every seat of the section at this instant: each seat's try-lock fails.
    const others = await database.sql.reserve();
    try {
      await others`BEGIN`;
      await others`SELECT pg_advisory_xact_lock(id) FROM unnest(${seatIds}::bigint[]) AS id`;
      server.statements.length = 0;
      const { data } = await reserve(buyer, input);
      expect(data.reserveSeats).toEqual({
        hold: null,
        unavailableTicketIds: [],
        userErrors: [{ code: 'SEATS_UNAVAILABLE', message: 'The seats found were taken at the same moment; try again.', field: ['input', 'bestAvailable'] }],
      });
      expect(server.statements.filter((statement) => statement === 'ROLLBACK')).toHaveLength(3); // three attempts, each rolled back
    } finally {
      await others`ROLLBACK`;
      others.release();
    }
    expect((await reserve(buyer, input)).data.reserveSeats.userErrors).toEqual([]);
  });

  it('charges the prices fixed when the hold was made, even if they change before payment', async () => {
    const event = await createOnSaleEvent(database.sql, organizerId);
    const [buyer] = await createBuyers(database.sql, 1);
    const hold = (await reserve(buyer, { eventId: event.id, ticketIds: event.seats[0]!.slice(0, 2) })).data.reserveSeats.hold;
    await database.sql`UPDATE tickets SET price = price * 2 WHERE event_id = ${event.eventId}`;
    const { data } = await server.graphql(CONFIRM, { input: { holdId: hold.id, payment: { token: 'tok_visa' }, idempotencyKey: 'price-check' } }, buyer!.token);
    expect(data.confirmBooking.booking.total).toEqual({ amount: 2 * event.prices.reserved, currency: 'USD' });
    const [charge] = await database.sql`SELECT amount FROM simulated_charges WHERE reference = ${`hold:${fromGlobalId(hold.id).id}`}`;
    expect(charge!.amount).toBe(2 * event.prices.reserved);
  });

  it('releases a hold: its seats go back on sale at once, and only its owner may release it', async () => {
    const event = await createOnSaleEvent(database.sql, organizerId);
    const seats = event.seats[2]!.slice(0, 2);
    const holdId = (await reserve(buyers[0], { eventId: event.id, ticketIds: seats })).data.reserveSeats.hold.id;
    const stranger = await server.graphql(RELEASE, { input: { holdId } }, buyers[1]!.token);
    expect(stranger.data.releaseHold.userErrors[0].code).toBe('HOLD_NOT_FOUND');
    expect((await server.graphql(RELEASE, { input: { holdId } }, buyers[0]!.token)).data.releaseHold).toEqual({
      hold: { id: holdId, status: 'RELEASED' },
      userErrors: [],
    });
    expect((await server.graphql(RELEASE, { input: { holdId } }, buyers[0]!.token)).data.releaseHold.hold.status).toBe('RELEASED');
    expect((await reserve(buyers[1], { eventId: event.id, ticketIds: seats })).data.reserveSeats.userErrors).toEqual([]);
  });

  it('frees expired holds at once, before any sweep, and the sweep then releases each once', async () => {
    const event = await createOnSaleEvent(database.sql, organizerId, { holdTtlSeconds: 60 });
    const [first, second] = [event.seats[3]!.slice(0, 2), event.seats[3]!.slice(4, 6)];
    const early = (await reserve(buyers[0], { eventId: event.id, ticketIds: first })).data.reserveSeats.hold.id;
    const other = (await reserve(buyers[0], { eventId: event.id, ticketIds: second })).data.reserveSeats.hold.id;
    clock.set(new Date(ANCHOR.getTime() + 60_000)); // exactly at expiry: expired
    expect(await statuses(event.id, { status: 'HELD' })).toEqual([]);
    const mine = await server.graphql(`query ($id: ID!) { hold(id: $id) { status } }`, { id: early }, buyers[0]!.token);
    expect(mine.data.hold.status).toBe('EXPIRED');
    // Someone else takes the first seats before the sweeper ever ran.
    const taker = await reserve(buyers[1], { eventId: event.id, ticketIds: first });
    expect(taker.data.reserveSeats.userErrors).toEqual([]);

    expect(await server.sweepHolds()).toBe(2);
    expect(await server.sweepHolds()).toBe(0);
    const holds = await database.sql`SELECT id::int, status FROM holds WHERE event_id = ${event.eventId} ORDER BY id`;
    expect(holds.map((h) => h.status)).toEqual(['EXPIRED', 'EXPIRED', 'ACTIVE']);
    // The sweep freed only the seats still held by the expired holds, not the taker's.
    const ticketRows = await database.sql`SELECT status, hold_id::int FROM tickets WHERE event_id = ${event.eventId} AND status = 'HELD'`;
    expect(ticketRows).toHaveLength(2);
    const freedBySweep = await database.sql`SELECT count(*)::int AS n FROM seat_map_changes WHERE event_id = ${event.eventId} AND status = 'AVAILABLE'`;
    expect(freedBySweep[0]!.n).toBe(2);
    expect(other).not.toBe(early);
  });

  it('shows holds and bookings to their owner and admins only', async () => {
    const event = await createOnSaleEvent(database.sql, organizerId);
    const holdId = (await reserve(buyers[3], { eventId: event.id, ticketIds: event.seats[0]!.slice(0, 1) })).data.reserveSeats.hold.id;
    const [admin] = await createBuyers(database.sql, 1, 'ADMIN');
    const byId = `query ($id: ID!) { hold(id: $id) { id } node(id: $id) { id } }`;
    expect((await server.graphql(byId, { id: holdId }, buyers[3]!.token)).data).toEqual({ hold: { id: holdId }, node: { id: holdId } });
    expect((await server.graphql(byId, { id: holdId }, admin!.token)).data).toEqual({ hold: { id: holdId }, node: { id: holdId } });
    expect((await server.graphql(byId, { id: holdId }, buyers[1]!.token)).data).toEqual({ hold: null, node: null });
    expect((await server.graphql(byId, { id: holdId })).data).toEqual({ hold: null, node: null });
    const mine = await server.graphql(MY_HOLDS, {}, buyers[3]!.token);
    expect(mine.data.me.holds).toEqual([{ id: holdId, status: 'ACTIVE' }]);
    const userId = toGlobalId('User', buyers[3]!.userId);
    const theirs = await server.graphql(
      `query ($id: ID!) { node(id: $id) { ... on User { holds { id } bookings { edges { node { id } } } } } }`,
      { id: userId },
      admin!.token,
    );
    expect(theirs.data.node).toEqual({ holds: [{ id: holdId }], bookings: { edges: [] } });
  });
});
