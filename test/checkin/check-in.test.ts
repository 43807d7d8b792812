/**
 * checkInTicket through the API, as a scanner at the door sends it: who may
 * scan (anonymous, a fan, another event's organizer and staff, the
 * organizer, its staff, an admin), every bad input refused with a typed
 * userError naming the field and nothing written, a second scan refused with
 * when and where the first was, a cancelled booking's codes refused at once,
 * a resold ticket's old code refused and its new one let in, and
 * `Event.checkIns` counting it all.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { signTicketCode, verifyTicketCode } from '../../src/checkin/ticket-code.js';
import { fromGlobalIdOf } from '../../src/relay/global-id.js';
import { type Buyer, type Cast, createBuyers, createCast, createOnSaleEvent, type OnSaleEvent } from '../support/booking.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestServer } from '../support/fixture.js';
import { manualClock, TEST_TICKET_SECRET } from '../support/server.js';
import { ADD_STAFF, buy, cancel, doorRows, EVENT_DOOR, type Purchase, scan } from './checkin-support.js';

describe('checkInTicket', () => {
  const clock = manualClock(ANCHOR);
  const { database, server } = useTestServer({ clock });
  let cast: Cast;
  let staff: Buyer;
  let otherStaff: Buyer;
  let buyer: Buyer;
  let event: OnSaleEvent;
  let otherEvent: OnSaleEvent;

  beforeAll(async () => {
    cast = await createCast(database.sql);
    [staff, otherStaff, buyer] = (await createBuyers(database.sql, 3)) as [Buyer, Buyer, Buyer];
    event = await createOnSaleEvent(database.sql, cast.organizer.userId);
    otherEvent = await createOnSaleEvent(database.sql, cast.otherOrganizer.userId);
    for (const [ev, owner, member] of [
      [event, cast.organizer, staff],
      [otherEvent, cast.otherOrganizer, otherStaff],
    ] as const) {
      const email = (await database.sql<[{ email: string }]>`SELECT email FROM users WHERE id = ${member.userId}`)[0].email;
      const added = await server.graphql(ADD_STAFF, { input: { eventId: ev.id, email } }, owner.token);
      expect(added.data.addEventStaff.userErrors).toEqual([]);
    }
  });

  const ticketsOf = (purchase: Purchase) => purchase.tickets.map((ticket) => ticket.id);

  it('lets a ticket in once for the organizer, its staff and admins, and says when and where it got in', async () => {
    const purchase = await buy(server, buyer, event, event.seats[0]!.slice(0, 3));
    for (const [i, caller] of [cast.organizer, staff, cast.admin].entries()) {
      const ticket = purchase.tickets[i]!;
      clock.set(new Date(ANCHOR.getTime() + i * 60_000));
      const { data, errors } = await scan(server, caller, ticket.code, '  Gate A  ');
      expect(errors).toBeUndefined();
      expect(data.checkInTicket).toEqual({
        ticket: { id: ticket.id, row: 'A', number: i + 1, event: { id: event.id } },
        checkedInAt: clock().toISOString(),
        previousCheckIn: null,
        userErrors: [],
      });
    }
    const rows =
      await database.sql`SELECT ticket_id::int, booking_id::int, gate, checked_in_by FROM ticket_check_ins WHERE event_id = ${event.eventId} ORDER BY 1`;
    const bookingId = fromGlobalIdOf('Booking', purchase.bookingId);
    expect(rows).toEqual(
      [cast.organizer, staff, cast.admin].map((caller, i) => ({
        ticket_id: fromGlobalIdOf('Ticket', ticketsOf(purchase)[i]!),
        booking_id: bookingId,
        gate: 'Gate A',
        checked_in_by: caller.userId,
      })),
    );

    // Scanned again, later, elsewhere: refused with the first check-in's time and gate.
    clock.set(new Date(ANCHOR.getTime() + 3_600_000));
    const again = await scan(server, staff, purchase.tickets[0]!.code.toLowerCase(), 'South');
    expect(again.data.checkInTicket).toMatchObject({
      ticket: null,
      checkedInAt: null,
      previousCheckIn: { checkedInAt: ANCHOR.toISOString(), gate: 'Gate A' },
      userErrors: [{ code: 'ALREADY_CHECKED_IN', field: ['input', 'code'] }],
    });
    expect(again.data.checkInTicket.userErrors[0].message).toContain(ANCHOR.toISOString());
    expect(again.data.checkInTicket.userErrors[0].message).toContain('Gate A');
  });

  it('refuses anonymous callers, fans who staff no event, and another event’s organizer and staff', async () => {
    const purchase = await buy(server, buyer, event, event.seats[1]!.slice(0, 1));
    const code = purchase.tickets[0]!.code;
    const before = await doorRows(database.sql);
    expect((await scan(server, undefined, code)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await scan(server, cast.fan, code)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The buyer holding their own ticket is no door staff either.
    expect((await scan(server, buyer, code)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const caller of [cast.otherOrganizer, otherStaff]) {
      const { data, errors } = await scan(server, caller, code);
      expect(errors).toBeUndefined();
      expect(data.checkInTicket.userErrors).toMatchObject([{ code: 'WRONG_EVENT', field: ['input', 'code'] }]);
    }
    expect(await doorRows(database.sql)).toEqual(before);
  });

  it('refuses bad gates and codes with typed errors naming the field, and writes nothing', async () => {
    const purchase = await buy(server, buyer, event, event.seats[1]!.slice(1, 2));
    const code = purchase.tickets[0]!.code;
    const fields = verifyTicketCode(TEST_TICKET_SECRET, code)!;
    const body = code.slice(4);
    const flipped = body[0] === 'A' ? 'B' : 'A';
    // Well signed, but for a ticket that does not exist: a code that outlived its ticket.
    const ghost = signTicketCode(TEST_TICKET_SECRET, { ...fields, ticketId: 999_999_999 });
    const cases: [string, string, string, string[]][] = [
      [code, '', 'INVALID_GATE', ['input', 'gate']],
      [code, '   ', 'INVALID_GATE', ['input', 'gate']],
      [code, 'x'.repeat(51), 'INVALID_GATE', ['input', 'gate']],
      ['', 'North', 'INVALID_TICKET_CODE', ['input', 'code']],
      ['https://example.com/not-a-ticket', 'North', 'INVALID_TICKET_CODE', ['input', 'code']],
      [code.slice(0, -1), 'North', 'INVALID_TICKET_CODE', ['input', 'code']],
      [`TK1.${flipped}${body.slice(1)}`, 'North', 'INVALID_TICKET_CODE', ['input', 'code']],
      [signTicketCode('another-secret-that-is-long-enough-too!!', fields), 'North', 'INVALID_TICKET_CODE', ['input', 'code']],
      [ghost, 'North', 'INVALID_TICKET_CODE', ['input', 'code']],
    ];
    const before = await doorRows(database.sql);
    for (const [badCode, gate, code_, field] of cases) {
      const { data, errors } = await scan(server, cast.organizer, badCode, gate);
      expect(errors, `${badCode} at ${gate}`).toBeUndefined();
      expect(data.checkInTicket, `${badCode} at ${gate}`).toMatchObject({ ticket: null, checkedInAt: null, userErrors: [{ code: code_, field }] });
    }
    expect(await doorRows(database.sql)).toEqual(before);
    // 50 characters once trimmed is a gate.
    expect((await scan(server, cast.organizer, code, ` ${'x'.repeat(50)} `)).data.checkInTicket.userErrors).toEqual([]);
  });

  it('refuses a cancelled booking’s codes at once; a resold ticket’s old code stays refused and its new one gets in', async () => {
    const seat = event.seats[2]![0]!;
    const [first, second] = (await createBuyers(database.sql, 2)) as [Buyer, Buyer];
    const original = await buy(server, first, event, [seat]);
    const oldCode = original.tickets[0]!.code;
    await cancel(server, first, original.bookingId);
    const before = await doorRows(database.sql);
    const refused = await scan(server, staff, oldCode);
    expect(refused.data.checkInTicket).toMatchObject({ ticket: null, userErrors: [{ code: 'TICKET_CANCELLED', field: ['input', 'code'] }] });
    expect(await doorRows(database.sql)).toEqual(before);

    const resold = await buy(server, second, event, [seat]);
    const newCode = resold.tickets[0]!.code;
    expect(newCode).not.toBe(oldCode);
    expect((await scan(server, staff, oldCode)).data.checkInTicket.userErrors).toMatchObject([{ code: 'TICKET_CANCELLED' }]);
    expect((await scan(server, staff, newCode)).data.checkInTicket).toMatchObject({ ticket: { id: seat }, userErrors: [] });
    expect((await scan(server, staff, oldCode)).data.checkInTicket.userErrors).toMatchObject([{ code: 'TICKET_CANCELLED' }]);
  });

  it('refuses the codes of an event called off', async () => {
    const calledOff = await createOnSaleEvent(database.sql, cast.organizer.userId);
    const purchase = await buy(server, buyer, calledOff, calledOff.seats[0]!.slice(0, 1));
    await database.sql`UPDATE events SET status = 'CANCELLED' WHERE id = ${calledOff.eventId}`;
    const before = await doorRows(database.sql);
    expect((await scan(server, cast.organizer, purchase.tickets[0]!.code)).data.checkInTicket.userErrors).toMatchObject([{ code: 'TICKET_CANCELLED' }]);
    expect(await doorRows(database.sql)).toEqual(before);
  });

  it('refuses a code whose MAC is right but whose ticket is not of the booking it names', async () => {
    // Forged with the secret (as a leaked key would allow): ticket of one sale, serial of another. Still no entry.
    const a = await buy(server, buyer, event, event.seats[3]!.slice(0, 1));
    const b = await buy(server, buyer, event, event.seats[3]!.slice(1, 2));
    const fieldsA = verifyTicketCode(TEST_TICKET_SECRET, a.tickets[0]!.code)!;
    const fieldsB = verifyTicketCode(TEST_TICKET_SECRET, b.tickets[0]!.code)!;
    const mixed = signTicketCode(TEST_TICKET_SECRET, { ...fieldsA, serial: fieldsB.serial });
    expect((await scan(server, staff, mixed)).data.checkInTicket.userErrors).toMatchObject([{ code: 'TICKET_CANCELLED' }]);
  });

  it('counts check-ins per gate against the tickets of confirmed bookings, for the organizer, its staff and admins only', async () => {
    const counted = await createOnSaleEvent(database.sql, cast.organizer.userId);
    const email = (await database.sql<[{ email: string }]>`SELECT email FROM users WHERE id = ${staff.userId}`)[0].email;
    await server.graphql(ADD_STAFF, { input: { eventId: counted.id, email } }, cast.organizer.token);
    const door = async (caller?: Buyer) => (await server.graphql(EVENT_DOOR, { id: counted.id }, caller?.token)).data.event.checkIns;
    expect(await door(cast.organizer)).toEqual({ checkedIn: 0, total: 0, byGate: [] });

    const kept = await buy(server, buyer, counted, counted.seats[0]!.slice(0, 4));
    const dropped = await buy(server, buyer, counted, counted.units.slice(0, 2));
    await scan(server, staff, kept.tickets[0]!.code, 'North');
    await scan(server, staff, kept.tickets[1]!.code, 'South');
    await scan(server, staff, kept.tickets[2]!.code, 'South');
    await scan(server, staff, kept.tickets[2]!.code, 'North'); // refused: counted once
    await scan(server, staff, dropped.tickets[0]!.code, 'North');
    await cancel(server, buyer, dropped.bookingId); // after its scan: no longer counted, nor its tickets

    const expected = {
      checkedIn: 3,
      total: 4,
      byGate: [
        { gate: 'South', checkedIn: 2 },
        { gate: 'North', checkedIn: 1 },
      ],
    };
    for (const caller of [cast.organizer, staff, cast.admin]) expect(await door(caller)).toEqual(expected);
    for (const caller of [undefined, cast.fan, buyer, cast.otherOrganizer, otherStaff]) expect(await door(caller)).toBeNull();
  });
});
