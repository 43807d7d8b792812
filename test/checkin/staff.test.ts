/**
 * addEventStaff and removeEventStaff through the API, and `Event.staff`: who
 * may change an event's staff (anonymous, a fan, a staff member, another
 * organizer, the organizer, an admin), unknown accounts refused with nothing
 * written, repeats harmless, and a removed member refused at the next scan.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { toGlobalId } from '../../src/relay/global-id.js';
import { type Buyer, type Cast, createBuyers, createCast, createOnSaleEvent, type OnSaleEvent } from '../support/booking.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestServer } from '../support/fixture.js';
import { manualClock } from '../support/server.js';
import { ADD_STAFF, buy, doorRows, EVENT_DOOR, REMOVE_STAFF, scan } from './checkin-support.js';

describe('event staff', () => {
  const { database, server } = useTestServer({ clock: manualClock(ANCHOR) });
  let cast: Cast;
  let member: Buyer;
  let event: OnSaleEvent;
  let memberEmail: string;

  beforeAll(async () => {
    cast = await createCast(database.sql);
    [member] = (await createBuyers(database.sql, 1)) as [Buyer];
    event = await createOnSaleEvent(database.sql, cast.organizer.userId);
    memberEmail = (await database.sql<[{ email: string }]>`SELECT email FROM users WHERE id = ${member.userId}`)[0].email;
  });

  const add = (caller: Buyer | undefined, input: Record<string, unknown>) => server.graphql(ADD_STAFF, { input }, caller?.token);
  const remove = (caller: Buyer | undefined, input: Record<string, unknown>) => server.graphql(REMOVE_STAFF, { input }, caller?.token);
  const memberId = () => toGlobalId('User', member.userId);
  const staffAs = async (caller?: Buyer) => (await server.graphql(EVENT_DOOR, { id: event.id }, caller?.token)).data.event.staff;

  it('lets the organizer and admins add and remove staff by email (trimmed, any case), repeats changing nothing', async () => {
    const added = await add(cast.organizer, { eventId: event.id, email: `  ${memberEmail.toUpperCase()} ` });
    expect(added.data.addEventStaff).toEqual({ event: { id: event.id, staff: [{ id: memberId() }] }, user: { id: memberId() }, userErrors: [] });
    expect((await add(cast.admin, { eventId: event.id, email: memberEmail })).data.addEventStaff.userErrors).toEqual([]);
    const rows = await database.sql`SELECT user_id, added_by FROM event_staff WHERE event_id = ${event.eventId}`;
    expect(rows).toEqual([{ user_id: member.userId, added_by: cast.organizer.userId }]);
    for (const caller of [cast.organizer, cast.admin]) expect(await staffAs(caller)).toEqual([{ id: memberId() }]);

    const removed = await remove(cast.admin, { eventId: event.id, userId: memberId() });
    expect(removed.data.removeEventStaff).toEqual({ event: { id: event.id, staff: [] }, user: { id: memberId() }, userErrors: [] });
    expect((await remove(cast.organizer, { eventId: event.id, userId: memberId() })).data.removeEventStaff.userErrors).toEqual([]);
    expect(await database.sql`SELECT 1 FROM event_staff WHERE event_id = ${event.eventId}`).toHaveLength(0);
  });

  it('shows an event’s staff to its organizer and admins only', async () => {
    await add(cast.organizer, { eventId: event.id, email: memberEmail });
    for (const caller of [undefined, cast.fan, member, cast.otherOrganizer]) expect(await staffAs(caller)).toBeNull();
    await remove(cast.organizer, { eventId: event.id, userId: memberId() });
  });

  it('refuses anonymous callers and fans (staff included) as GraphQL errors, another organizer with EVENT_NOT_FOUND; nothing written', async () => {
    await add(cast.organizer, { eventId: event.id, email: memberEmail });
    const before = await doorRows(database.sql);
    const fanEmail = (await database.sql<[{ email: string }]>`SELECT email FROM users WHERE id = ${cast.fan.userId}`)[0].email;
    for (const [caller, code] of [
      [undefined, 'UNAUTHENTICATED'],
      [cast.fan, 'FORBIDDEN'],
      [member, 'FORBIDDEN'],
    ] as const) {
      expect((await add(caller, { eventId: event.id, email: fanEmail })).errors?.[0]?.extensions?.code).toBe(code);
      expect((await remove(caller, { eventId: event.id, userId: memberId() })).errors?.[0]?.extensions?.code).toBe(code);
    }
    const added = await add(cast.otherOrganizer, { eventId: event.id, email: fanEmail });
    expect(added.data.addEventStaff).toEqual({
      event: null,
      user: null,
      userErrors: [expect.objectContaining({ code: 'EVENT_NOT_FOUND', field: ['input', 'eventId'] })],
    });
    const removed = await remove(cast.otherOrganizer, { eventId: event.id, userId: memberId() });
    expect(removed.data.removeEventStaff.userErrors).toMatchObject([{ code: 'EVENT_NOT_FOUND', field: ['input', 'eventId'] }]);
    expect(await doorRows(database.sql)).toEqual(before);
    await remove(cast.organizer, { eventId: event.id, userId: memberId() });
  });

  it('refuses unknown events and accounts with typed errors naming the field; nothing written', async () => {
    const before = await doorRows(database.sql);
    const cases: [typeof add, Record<string, unknown>, string, string][] = [
      [add, { eventId: toGlobalId('Event', 999_999), email: memberEmail }, 'EVENT_NOT_FOUND', 'eventId'],
      [add, { eventId: event.id, email: 'nobody@nowhere.test' }, 'USER_NOT_FOUND', 'email'],
      [add, { eventId: event.id, email: '' }, 'USER_NOT_FOUND', 'email'],
      [remove, { eventId: toGlobalId('Event', 999_999), userId: memberId() }, 'EVENT_NOT_FOUND', 'eventId'],
      [remove, { eventId: event.id, userId: toGlobalId('User', 999_999) }, 'USER_NOT_FOUND', 'userId'],
    ];
    for (const [mutation, input, code, field] of cases) {
      const { data, errors } = await mutation(cast.organizer, input);
      expect(errors, JSON.stringify(input)).toBeUndefined();
      const answer = Object.values(data)[0] as any;
      expect(answer, JSON.stringify(input)).toMatchObject({ event: null, user: null, userErrors: [{ code, field: ['input', field] }] });
    }
    const wrongType = await add(cast.organizer, { eventId: toGlobalId('Venue', 1), email: memberEmail });
    expect(wrongType.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.eventId' });
    expect(await doorRows(database.sql)).toEqual(before);
  });

  it('lets a member scan from the moment they are added until they are removed', async () => {
    const [buyer] = (await createBuyers(database.sql, 1)) as [Buyer];
    const purchase = await buy(server, buyer!, event, event.seats[0]!.slice(0, 2));
    expect((await scan(server, member, purchase.tickets[0]!.code)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await add(cast.organizer, { eventId: event.id, email: memberEmail });
    expect((await scan(server, member, purchase.tickets[0]!.code)).data.checkInTicket.userErrors).toEqual([]);
    await remove(cast.organizer, { eventId: event.id, userId: memberId() });
    expect((await scan(server, member, purchase.tickets[1]!.code)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
