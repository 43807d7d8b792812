/**
 * Creating, editing and deleting events through the API, as organizers and
 * admins do over HTTP: who may (anonymous, fan, another organizer, admin),
 * what each rule refuses (a typed userError naming the field, with every
 * row as it was), a price change on sale (tickets not sold, live holds, the
 * seat map) and new times recorded for buyers. Publishing: publish.test.ts;
 * a price change racing reservations: price-race.test.ts.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { fromGlobalIdOf, toGlobalId } from '../../src/relay/global-id.js';
import { type Buyer, createBuyers, createCast, createOnSaleEvent } from '../support/booking.js';
import { CANCEL, CONFIRM, RELEASE, RESERVE } from '../support/booking-operations.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestServer } from '../support/fixture.js';
import { watchSeatMap } from '../support/seat-map-watcher.js';
import { manualClock } from '../support/server.js';
import {
  CREATE_EVENT,
  createDraft,
  DELETE_EVENT,
  draftInput,
  eventRows,
  mutate,
  PUBLISH_EVENT,
  storePerformer,
  storeTestVenue,
  type TestVenue,
  TIMES,
  UPDATE_EVENT,
} from './events-support.js';

const EVENT = `query ($id: ID!) { event(id: $id) { id status } }`;
const DAY = 86_400_000;

describe('events: create, update, delete', () => {
  const clock = manualClock(ANCHOR);
  const { database, server } = useTestServer({ clock });
  let organizer: Buyer;
  let rival: Buyer;
  let admin: Buyer;
  let fan: Buyer;
  let venue: TestVenue;
  let rivalVenue: TestVenue;

  beforeAll(async () => {
    ({ organizer, otherOrganizer: rival, admin, fan } = await createCast(database.sql));
    venue = await storeTestVenue(database.sql, organizer.userId);
    rivalVenue = await storeTestVenue(database.sql, rival.userId);
  });
  beforeEach(() => clock.set(ANCHOR));

  const eventOf = async (id: string) =>
    (
      await database.sql<[{ organizerId: number; status: string; currency: string }]>`
        SELECT organizer_id AS "organizerId", status, currency FROM events WHERE id = ${fromGlobalIdOf('Event', id)}`
    )[0];

  describe('createEvent', () => {
    it('creates a DRAFT run by the caller, with its bill and prices, seen only by its organizer and admins', async () => {
      const [headliner, support] = [await storePerformer(database.sql, 'Headliner'), await storePerformer(database.sql, 'Support')];
      const { payload } = await mutate(
        server,
        CREATE_EVENT,
        draftInput(venue, { performerIds: [headliner, support], title: '  Opening Night  ', ticketLimitPerUser: 4 }),
        organizer.token,
      );
      expect(payload.userErrors).toEqual([]);
      expect(payload.event).toMatchObject({
        title: 'Opening Night',
        status: 'DRAFT',
        category: 'CONCERT',
        ...TIMES,
        ticketLimitPerUser: 4,
        holdTtlSeconds: 600,
        venue: { id: venue.id },
        performers: [{ id: headliner }, { id: support }],
        sections: [
          { section: { id: venue.sectionIds[0] }, price: { amount: 12_000, currency: 'USD' } },
          { section: { id: venue.sectionIds[1] }, price: { amount: 5_000, currency: 'USD' } },
        ],
      });
      const { id } = payload.event;
      expect(await eventOf(id)).toEqual({ organizerId: organizer.userId, status: 'DRAFT', currency: 'USD' });
      expect(await database.sql`SELECT count(*)::int AS n FROM tickets t JOIN events e ON e.id = t.event_id WHERE e.title = 'Opening Night'`).toEqual([
        { n: 0 },
      ]);

      for (const outsider of [undefined, fan.token, rival.token]) expect((await server.graphql(EVENT, { id }, outsider)).data.event).toBeNull();
      for (const insider of [organizer.token, admin.token]) expect((await server.graphql(EVENT, { id }, insider)).data.event).toEqual({ id, status: 'DRAFT' });
    });

    it('takes a venue the platform keeps; without prices the draft has no currency (XXX) until it gets them', async () => {
      const platformVenue = await storeTestVenue(database.sql, null);
      const { payload } = await mutate(server, CREATE_EVENT, draftInput(platformVenue, { prices: null }), organizer.token);
      expect(payload.userErrors).toEqual([]);
      expect(payload.event.sections).toEqual([]);
      expect((await eventOf(payload.event.id)).currency).toBe('XXX');
      const priced = await mutate(
        server,
        UPDATE_EVENT,
        { eventId: payload.event.id, prices: [{ sectionId: platformVenue.sectionIds[1], amount: 2_500, currency: 'eur' }] },
        organizer.token,
      );
      expect(priced.payload.event.sections).toEqual([{ section: { id: platformVenue.sectionIds[1] }, price: { amount: 2_500, currency: 'EUR' } }]);
    });

    it('needs a login and the ORGANIZER or ADMIN role; another organizer’s venue is not found; an admin may use any venue', async () => {
      const before = await eventRows(database.sql);
      expect((await mutate(server, CREATE_EVENT, draftInput(venue))).code).toBe('UNAUTHENTICATED');
      const asFan = await mutate(server, CREATE_EVENT, draftInput(venue), fan.token);
      expect([asFan.code, asFan.payload]).toEqual(['FORBIDDEN', null]);
      const asRival = await mutate(server, CREATE_EVENT, draftInput(venue), rival.token);
      expect(asRival.payload).toEqual({ event: null, userErrors: [{ code: 'VENUE_NOT_FOUND', message: expect.any(String), field: ['input', 'venueId'] }] });
      expect(await eventRows(database.sql)).toEqual(before);

      const byAdmin = await mutate(server, CREATE_EVENT, draftInput(rivalVenue), admin.token);
      expect(byAdmin.payload.userErrors).toEqual([]);
      expect(await eventOf(byAdmin.payload.event.id)).toMatchObject({ organizerId: admin.userId, status: 'DRAFT' });
    });

    it('refuses each bad input with a typed userError naming the field, and writes nothing', async () => {
      const performer = await storePerformer(database.sql);
      const [stalls, floor] = venue.sectionIds;
      const price = (sectionId: string, amount = 1_000, currency = 'USD') => ({ sectionId, amount, currency });
      const past = new Date(ANCHOR.getTime() - DAY).toISOString();
      const cases: [Record<string, unknown>, string, string[]][] = [
        [{ title: '   ' }, 'INVALID_TITLE', ['title']],
        [{ venueId: rivalVenue.id }, 'VENUE_NOT_FOUND', ['venueId']],
        [{ venueId: toGlobalId('Venue', 2_000_000) }, 'VENUE_NOT_FOUND', ['venueId']],
        [{ performerIds: [performer, toGlobalId('Performer', 2_000_000)] }, 'PERFORMER_NOT_FOUND', ['performerIds', '1']],
        [{ performerIds: [performer, performer] }, 'INVALID_EVENT', ['performerIds', '1']],
        [{ startsAt: past, onSaleAt: new Date(ANCHOR.getTime() - 2 * DAY).toISOString() }, 'INVALID_DATES', ['startsAt']],
        [{ onSaleAt: TIMES.startsAt }, 'INVALID_DATES', ['onSaleAt']],
        [{ endsAt: TIMES.startsAt }, 'INVALID_DATES', ['endsAt']],
        [{ holdTtlSeconds: 59 }, 'INVALID_EVENT', ['holdTtlSeconds']],
        [{ holdTtlSeconds: 3_601 }, 'INVALID_EVENT', ['holdTtlSeconds']],
        [{ ticketLimitPerUser: 0 }, 'INVALID_EVENT', ['ticketLimitPerUser']],
        [{ ticketLimitPerUser: 51 }, 'INVALID_EVENT', ['ticketLimitPerUser']],
        [{ prices: [price(stalls, -1)] }, 'INVALID_PRICE', ['prices', '0', 'amount']],
        [{ prices: [price(stalls), price(floor, 100_000_001)] }, 'INVALID_PRICE', ['prices', '1', 'amount']],
        [{ prices: [price(stalls, 1_000, 'ABC')] }, 'INVALID_PRICE', ['prices', '0', 'currency']],
        [{ prices: [price(stalls, 1_000, 'XXX')] }, 'INVALID_PRICE', ['prices', '0', 'currency']],
        [{ prices: [price(stalls), price(floor, 1_000, 'EUR')] }, 'INVALID_PRICE', ['prices', '1', 'currency']],
        [{ prices: [price(stalls), price(stalls)] }, 'INVALID_PRICE', ['prices', '1', 'sectionId']],
        [{ prices: [price(stalls), price(rivalVenue.sectionIds[0])] }, 'INVALID_PRICE', ['prices', '1', 'sectionId']],
      ];
      const before = await eventRows(database.sql);
      for (const [overrides, code, field] of cases) {
        const { payload, errors } = await mutate(server, CREATE_EVENT, draftInput(venue, overrides), organizer.token);
        expect(errors, JSON.stringify(overrides)).toBeUndefined();
        expect(payload, JSON.stringify(overrides)).toEqual({ event: null, userErrors: [{ code, message: expect.any(String), field: ['input', ...field] }] });
      }
      // What the schema's limits refuse comes before any rule: BAD_USER_INPUT naming the argument.
      const tooLong = await mutate(server, CREATE_EVENT, draftInput(venue, { title: 'x'.repeat(201) }), organizer.token);
      expect(tooLong.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'input.title', requestId: expect.any(String) });
      const wrongType = await mutate(server, CREATE_EVENT, draftInput(venue, { prices: [price(venue.id)] }), organizer.token);
      expect(wrongType.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'input.prices[0].sectionId', requestId: expect.any(String) });
      expect(await eventRows(database.sql)).toEqual(before);
    });
  });

  describe('updateEvent', () => {
    it('needs a login and the role; another organizer’s event, draft or published, is not found; an admin may edit any', async () => {
      const draft = await createDraft(server, organizer.token, draftInput(venue));
      const published = await createDraft(server, organizer.token, draftInput(venue));
      expect((await mutate(server, PUBLISH_EVENT, { eventId: published.id }, organizer.token)).payload.userErrors).toEqual([]);
      const before = await eventRows(database.sql);
      for (const { id } of [draft, published]) {
        expect((await mutate(server, UPDATE_EVENT, { eventId: id, title: 'Anonymous' })).code).toBe('UNAUTHENTICATED');
        const asFan = await mutate(server, UPDATE_EVENT, { eventId: id, title: 'Fan was here' }, fan.token);
        expect([asFan.code, asFan.payload]).toEqual(['FORBIDDEN', null]);
        const asRival = await mutate(server, UPDATE_EVENT, { eventId: id, title: 'Hijacked' }, rival.token);
        expect(asRival.payload.userErrors).toEqual([{ code: 'EVENT_NOT_FOUND', message: expect.any(String), field: ['input', 'eventId'] }]);
      }
      const unknown = await mutate(server, UPDATE_EVENT, { eventId: toGlobalId('Event', 2_000_000), title: 'Nobody' }, admin.token);
      expect(unknown.payload.userErrors[0].code).toBe('EVENT_NOT_FOUND');
      expect(await eventRows(database.sql)).toEqual(before);

      for (const { id } of [draft, published]) {
        const byAdmin = await mutate(server, UPDATE_EVENT, { eventId: id, title: 'Renamed by an admin' }, admin.token);
        expect(byAdmin.payload).toMatchObject({ event: { id, title: 'Renamed by an admin' }, userErrors: [] });
      }
    });

    it('changes every field of a draft and leaves the fields left out as they were', async () => {
      const { id } = await createDraft(server, organizer.token, draftInput(venue));
      const other = await storeTestVenue(database.sql, organizer.userId);
      const [a, b] = [await storePerformer(database.sql, 'A'), await storePerformer(database.sql, 'B')];
      const times = {
        onSaleAt: new Date(ANCHOR.getTime() + 2 * DAY).toISOString(),
        startsAt: new Date(ANCHOR.getTime() + 40 * DAY).toISOString(),
        endsAt: new Date(ANCHOR.getTime() + 41 * DAY).toISOString(),
      };
      const changes = {
        title: 'Second Night',
        description: 'Moved.',
        category: 'THEATRE',
        venueId: other.id,
        performerIds: [b, a],
        ...times,
        holdTtlSeconds: 120,
        ticketLimitPerUser: 2,
        prices: [{ sectionId: other.sectionIds[0], amount: 9_000, currency: 'GBP' }],
      };
      const { payload } = await mutate(server, UPDATE_EVENT, { eventId: id, ...changes }, organizer.token);
      expect(payload.userErrors).toEqual([]);
      const { venueId, performerIds, prices, ...fields } = changes;
      expect(payload.event).toEqual({
        id,
        status: 'DRAFT',
        ...fields,
        ticketLimitPerUser: 2,
        holdTtlSeconds: 120,
        venue: { id: venueId },
        performers: performerIds.map((performer) => ({ id: performer })),
        // The old venue's prices went with it: only the new venue's section given is priced, in its currency.
        sections: [{ section: { id: prices[0]!.sectionId }, price: { amount: 9_000, currency: 'GBP' } }],
      });

      const renamed = await mutate(server, UPDATE_EVENT, { eventId: id, title: 'Third Night', performerIds: [a] }, organizer.token);
      expect(renamed.payload.event).toEqual({ ...payload.event, title: 'Third Night', performers: [{ id: a }] });

      // Moving venue without prices drops them all: the draft has no currency again.
      const moved = await mutate(server, UPDATE_EVENT, { eventId: id, venueId: venue.id }, organizer.token);
      expect(moved.payload.event.sections).toEqual([]);
      expect((await eventOf(id)).currency).toBe('XXX');
    });

    it('refuses each rule broken with a typed userError naming the field, and writes nothing', async () => {
      const draft = await createDraft(server, organizer.token, draftInput(venue));
      const onSale = await createDraft(server, organizer.token, draftInput(venue, { onSaleAt: new Date(ANCHOR.getTime() - DAY).toISOString() }));
      expect((await mutate(server, PUBLISH_EVENT, { eventId: onSale.id }, organizer.token)).payload.userErrors).toEqual([]);
      const cancelled = await createOnSaleEvent(database.sql, organizer.userId, { status: 'CANCELLED' });
      const halfPriced = await createDraft(
        server,
        organizer.token,
        draftInput(venue, { prices: [{ sectionId: venue.sectionIds[0], amount: 100, currency: 'USD' }] }),
      );
      const other = await storeTestVenue(database.sql, organizer.userId);
      const performer = await storePerformer(database.sql);
      const [stalls, floor] = venue.sectionIds;
      const past = new Date(ANCHOR.getTime() - DAY).toISOString();
      const cases: [string, Record<string, unknown>, string, string[]][] = [
        [draft.id, { title: ' ' }, 'INVALID_TITLE', ['title']],
        [draft.id, { holdTtlSeconds: 30 }, 'INVALID_EVENT', ['holdTtlSeconds']],
        [draft.id, { ticketLimitPerUser: 100 }, 'INVALID_EVENT', ['ticketLimitPerUser']],
        [draft.id, { performerIds: [performer, performer] }, 'INVALID_EVENT', ['performerIds', '1']],
        [draft.id, { performerIds: [toGlobalId('Performer', 2_000_000)] }, 'PERFORMER_NOT_FOUND', ['performerIds', '0']],
        [draft.id, { venueId: rivalVenue.id }, 'VENUE_NOT_FOUND', ['venueId']],
        [draft.id, { startsAt: past }, 'INVALID_DATES', ['startsAt']],
        // The merged times: a new start before the sale opens, a new end before the start, a start after the end.
        [draft.id, { startsAt: new Date(ANCHOR.getTime() + 2 * HOUR_MS).toISOString() }, 'INVALID_DATES', ['startsAt']],
        [draft.id, { endsAt: TIMES.onSaleAt }, 'INVALID_DATES', ['endsAt']],
        [draft.id, { onSaleAt: TIMES.endsAt }, 'INVALID_DATES', ['onSaleAt']],
        [draft.id, { prices: [{ sectionId: other.sectionIds[0], amount: 1, currency: 'USD' }] }, 'INVALID_PRICE', ['prices', '0', 'sectionId']],
        [draft.id, { prices: [{ sectionId: stalls, amount: -5, currency: 'USD' }] }, 'INVALID_PRICE', ['prices', '0', 'amount']],
        // A draft keeps the prices not given: a new one must be in their currency.
        [halfPriced.id, { prices: [{ sectionId: floor, amount: 1, currency: 'EUR' }] }, 'INVALID_PRICE', ['prices', '0', 'currency']],
        [onSale.id, { venueId: other.id }, 'EVENT_NOT_DRAFT', ['venueId']],
        [onSale.id, { onSaleAt: new Date(ANCHOR.getTime() + DAY).toISOString() }, 'INVALID_DATES', ['onSaleAt']],
        [onSale.id, { prices: [{ sectionId: stalls, amount: 1, currency: 'EUR' }] }, 'INVALID_PRICE', ['prices', '0', 'currency']],
        [cancelled.id, { title: 'Back on' }, 'ALREADY_CANCELLED', ['eventId']],
      ];
      const before = await eventRows(database.sql);
      for (const [eventId, changes, code, field] of cases) {
        const { payload, errors } = await mutate(server, UPDATE_EVENT, { eventId, ...changes }, organizer.token);
        expect(errors, JSON.stringify(changes)).toBeUndefined();
        expect(payload, JSON.stringify(changes)).toEqual({ event: null, userErrors: [{ code, message: expect.any(String), field: ['input', ...field] }] });
      }
      expect(await eventRows(database.sql)).toEqual(before);
    });

    it('refuses pricing anew a section a published event does not sell (EVENT_NOT_DRAFT)', async () => {
      const event = await createOnSaleEvent(database.sql, organizer.userId);
      // A section the event was not published with (a plan can no longer change under a published event: this one is made by hand).
      const [venueOf] = await database.sql<[{ venueId: number }]>`SELECT venue_id AS "venueId" FROM events WHERE id = ${event.eventId}`;
      const [box] = await database.sql<[{ id: number }]>`
        INSERT INTO sections (venue_id, name, kind, capacity) VALUES (${venueOf.venueId}, 'Box', 'GENERAL_ADMISSION', 4) RETURNING id`;
      const before = await eventRows(database.sql);
      const { payload } = await mutate(
        server,
        UPDATE_EVENT,
        { eventId: event.id, prices: [{ sectionId: toGlobalId('Section', box.id), amount: 100, currency: 'USD' }] },
        organizer.token,
      );
      expect(payload.userErrors).toEqual([{ code: 'EVENT_NOT_DRAFT', message: expect.any(String), field: ['input', 'prices', '0', 'sectionId'] }]);
      expect(await eventRows(database.sql)).toEqual(before);
    });
  });

  describe('a price change on sale', () => {
    it('reprices the section and its tickets not sold; a live hold and a sale keep their prices; seat-map subscribers see it', async () => {
      const event = await createOnSaleEvent(database.sql, organizer.userId, { rows: 1, seatsPerRow: 6, onSaleAt: new Date(ANCHOR.getTime() - DAY) });
      const [holder, buyer] = (await createBuyers(database.sql, 2)) as [Buyer, Buyer];
      const seats = event.seats[0]!;
      const reserve = async (who: Buyer, ticketIds: string[]) => {
        const { data } = await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds } }, who.token);
        expect(data.reserveSeats.userErrors).toEqual([]);
        return data.reserveSeats.hold.id as string;
      };
      const sold = await reserve(buyer, seats.slice(0, 1));
      const confirmed = await server.graphql(CONFIRM, { input: { holdId: sold, payment: { token: 'tok_visa' }, idempotencyKey: 'sold-seat' } }, buyer.token);
      expect(confirmed.data.confirmBooking.userErrors).toEqual([]);
      const held = await reserve(holder, seats.slice(1, 2));
      const [{ version }] = await database.sql<[{ version: number }]>`SELECT version::int FROM seat_maps WHERE event_id = ${event.eventId}`;
      const watcher = watchSeatMap(server.url, { eventId: event.id, sinceVersion: version });
      try {
        const { payload } = await mutate(
          server,
          UPDATE_EVENT,
          { eventId: event.id, prices: [{ sectionId: toGlobalId('Section', event.reservedSectionId), amount: 15_000, currency: 'USD' }] },
          organizer.token,
        );
        expect(payload.userErrors).toEqual([]);
        expect(payload.event.sections.map((section: any) => section.price.amount)).toEqual([15_000, event.prices.ga]);

        const prices = async () =>
          database.sql<{ status: string; price: number }[]>`
            SELECT status, price FROM tickets WHERE event_id = ${event.eventId} AND section_id = ${event.reservedSectionId} ORDER BY id`;
        expect(await prices()).toEqual([
          { status: 'SOLD', price: 12_000 },
          { status: 'HELD', price: 15_000 },
          ...seats.slice(2).map(() => ({ status: 'AVAILABLE', price: 15_000 })),
        ]);
        // The hold keeps its price, and so does the sale.
        const [{ total }] = await database.sql<
          [{ total: number }]
        >`SELECT sum(price)::int AS total FROM hold_tickets WHERE hold_id = ${fromGlobalIdOf('Hold', held)}`;
        expect(total).toBe(12_000);
        const delta = await watcher.take();
        expect(delta.changes).toEqual(
          seats.slice(1).map((ticketId, i) => ({ ticketId, status: i === 0 ? 'HELD' : 'AVAILABLE', price: { amount: 15_000, currency: 'USD' } })),
        );
      } finally {
        await watcher.close();
      }

      // Released, the seat sells at the new price.
      expect((await server.graphql(RELEASE, { input: { holdId: held } }, holder.token)).data.releaseHold.userErrors).toEqual([]);
      const again = await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds: seats.slice(1, 2) } }, buyer.token);
      expect(again.data.reserveSeats.hold.total).toEqual({ amount: 15_000, currency: 'USD' });
    });

    it('sells a hold made before a price change at its own price, and puts a cancelled sale back on sale at the price of now', async () => {
      const event = await createOnSaleEvent(database.sql, organizer.userId, { rows: 1, seatsPerRow: 4, onSaleAt: new Date(ANCHOR.getTime() - DAY) });
      const [buyer] = (await createBuyers(database.sql, 1)) as [Buyer];
      const seats = event.seats[0]!;
      const { data } = await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds: seats.slice(0, 1) } }, buyer.token);
      const holdId = data.reserveSeats.hold.id as string;
      const reprice = (amount: number) =>
        mutate(
          server,
          UPDATE_EVENT,
          { eventId: event.id, prices: [{ sectionId: toGlobalId('Section', event.reservedSectionId), amount, currency: 'USD' }] },
          organizer.token,
        );
      expect((await reprice(15_000)).payload.userErrors).toEqual([]);
      const ticket = async () =>
        (await database.sql<[{ status: string; price: number }]>`SELECT status, price FROM tickets WHERE id = ${fromGlobalIdOf('Ticket', seats[0]!)}`)[0];

      const bought = await server.graphql(CONFIRM, { input: { holdId, payment: { token: 'tok_visa' }, idempotencyKey: 'held-before' } }, buyer.token);
      expect(bought.data.confirmBooking.booking.total).toEqual({ amount: 12_000, currency: 'USD' });
      expect(await ticket()).toEqual({ status: 'SOLD', price: 12_000 });

      expect((await reprice(9_000)).payload.userErrors).toEqual([]);
      expect(await ticket()).toEqual({ status: 'SOLD', price: 12_000 });
      const cancelled = await server.graphql(
        CANCEL,
        { input: { bookingId: bought.data.confirmBooking.booking.id, idempotencyKey: 'cancel-held-before' } },
        buyer.token,
      );
      expect(cancelled.data.cancelBooking.userErrors).toEqual([]);
      expect(await ticket()).toEqual({ status: 'AVAILABLE', price: 9_000 });
    });

    it('records new times of an event with buyers in the outbox, in the same transaction; without buyers, or unchanged, nothing', async () => {
      const event = await createOnSaleEvent(database.sql, organizer.userId, { onSaleAt: new Date(ANCHOR.getTime() - DAY) });
      const rescheduled = async () =>
        (await database.sql`SELECT payload FROM outbox WHERE topic = 'event.rescheduled' AND (payload ->> 'eventId')::int = ${event.eventId} ORDER BY id`).map(
          (row) => row.payload,
        );
      const startsAt = new Date('2030-03-08T20:00:00Z');
      const moved = await mutate(
        server,
        UPDATE_EVENT,
        { eventId: event.id, startsAt: startsAt.toISOString(), endsAt: '2030-03-08T23:00:00Z' },
        organizer.token,
      );
      expect(moved.payload.userErrors).toEqual([]);
      expect(await rescheduled()).toEqual([]); // nobody bought yet

      const [buyer] = (await createBuyers(database.sql, 1)) as [Buyer];
      const { data } = await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds: event.seats[0]!.slice(0, 2) } }, buyer.token);
      const bought = await server.graphql(
        CONFIRM,
        { input: { holdId: data.reserveSeats.hold.id, payment: { token: 'tok_visa' }, idempotencyKey: 'reschedule' } },
        buyer.token,
      );
      expect(bought.data.confirmBooking.userErrors).toEqual([]);
      expect(
        (await mutate(server, UPDATE_EVENT, { eventId: event.id, startsAt: startsAt.toISOString(), title: 'Same time' }, organizer.token)).payload.userErrors,
      ).toEqual([]);
      expect(await rescheduled()).toEqual([]); // the same start is no change

      const later = await mutate(
        server,
        UPDATE_EVENT,
        { eventId: event.id, startsAt: '2030-03-09T20:00:00Z', endsAt: '2030-03-09T23:00:00Z' },
        organizer.token,
      );
      expect(later.payload.userErrors).toEqual([]);
      expect(await rescheduled()).toEqual([
        {
          eventId: event.eventId,
          startsAt: '2030-03-09T20:00:00.000Z',
          endsAt: '2030-03-09T23:00:00.000Z',
          previousStartsAt: '2030-03-08T20:00:00.000Z',
          previousEndsAt: '2030-03-08T23:00:00.000Z',
        },
      ]);
      // Refused, the change writes no message either.
      const refused = await mutate(server, UPDATE_EVENT, { eventId: event.id, startsAt: '2030-03-10T20:00:00Z', title: ' ' }, organizer.token);
      expect(refused.payload.userErrors[0].code).toBe('INVALID_TITLE');
      expect(await rescheduled()).toHaveLength(1);
      // Kept for the mail consumer (registered by migration 0014) when the outbox is drained of what every consumer has handled.
      await server.indexSearch();
      expect(await rescheduled()).toHaveLength(1);
    });
  });

  describe('deleteEvent', () => {
    it('deletes a draft with its bill, prices and waiting room, leaving nothing that names it once search has caught up', async () => {
      const performer = await storePerformer(database.sql);
      const { id, eventId } = await createDraft(server, organizer.token, draftInput(venue, { performerIds: [performer] }));
      const configure = `mutation ($input: ConfigureWaitingRoomInput!) { configureWaitingRoom(input: $input) { userErrors { code } } }`;
      expect((await server.graphql(configure, { input: { eventId: id, enabled: true } }, organizer.token)).data.configureWaitingRoom.userErrors).toEqual([]);
      expect(await namesOf(eventId)).not.toEqual(nothing);

      const before = await eventRows(database.sql);
      for (const token of [undefined, fan.token, rival.token]) {
        const refused = await mutate(server, DELETE_EVENT, { eventId: id }, token);
        if (token === rival.token)
          expect(refused.payload.userErrors).toEqual([{ code: 'EVENT_NOT_FOUND', message: expect.any(String), field: ['input', 'eventId'] }]);
        else expect(refused.code).toBe(token ? 'FORBIDDEN' : 'UNAUTHENTICATED');
      }
      expect(await eventRows(database.sql)).toEqual(before);

      const { payload } = await mutate(server, DELETE_EVENT, { eventId: id }, organizer.token);
      expect(payload).toEqual({ deletedEventId: id, userErrors: [] });
      await server.indexSearch();
      expect(await namesOf(eventId)).toEqual(nothing);
      expect((await server.graphql(EVENT, { id }, organizer.token)).data.event).toBeNull();

      const byAdmin = await createDraft(server, organizer.token, draftInput(venue));
      expect((await mutate(server, DELETE_EVENT, { eventId: byAdmin.id }, admin.token)).payload).toEqual({ deletedEventId: byAdmin.id, userErrors: [] });
    });

    it('refuses a published event: it has tickets, and is cancelled instead', async () => {
      const { id } = await createDraft(server, organizer.token, draftInput(venue));
      expect((await mutate(server, PUBLISH_EVENT, { eventId: id }, organizer.token)).payload.userErrors).toEqual([]);
      const before = await eventRows(database.sql);
      const { payload } = await mutate(server, DELETE_EVENT, { eventId: id }, admin.token);
      expect(payload).toEqual({
        deletedEventId: null,
        userErrors: [{ code: 'EVENT_HAS_TICKETS', message: expect.stringMatching(/cancel/), field: ['input', 'eventId'] }],
      });
      expect(await eventRows(database.sql)).toEqual(before);
    });
  });

  const nothing = { rows: 0, outbox: 0, documents: 0 };
  /** Rows that name the event: its own and those with an event_id (foreign key or not), outbox messages about it, its search document. */
  async function namesOf(eventId: number) {
    const [counts] = await database.sql<[{ rows: number; outbox: number; documents: number }]>`
      SELECT (SELECT count(*) FROM events WHERE id = ${eventId}) + (SELECT count(*) FROM event_performers WHERE event_id = ${eventId})
           + (SELECT count(*) FROM event_sections WHERE event_id = ${eventId}) + (SELECT count(*) FROM tickets WHERE event_id = ${eventId})
           + (SELECT count(*) FROM holds WHERE event_id = ${eventId}) + (SELECT count(*) FROM bookings WHERE event_id = ${eventId})
           + (SELECT count(*) FROM seat_maps WHERE event_id = ${eventId}) + (SELECT count(*) FROM seat_map_changes WHERE event_id = ${eventId})
           + (SELECT count(*) FROM waiting_rooms WHERE event_id = ${eventId}) + (SELECT count(*) FROM waiting_room_queues WHERE event_id = ${eventId})
           + (SELECT count(*) FROM queue_passes WHERE event_id = ${eventId}) + (SELECT count(*) FROM event_cancellations WHERE event_id = ${eventId})
           AS rows,
             (SELECT count(*)::int FROM outbox WHERE (payload ->> 'eventId')::int = ${eventId}) AS outbox,
             (SELECT count(*)::int FROM search_documents WHERE event_id = ${eventId}) AS documents`;
    return { ...counts, rows: Number(counts.rows) };
  }
});

const HOUR_MS = 3_600_000;
