/**
 * Venues with seating plans through the API, over HTTP: creating one (seats
 * given as rows, as single seats, and standing areas; a 20,000-seat arena in
 * one call), every rule of a plan refused as a typed userError naming its
 * field with nothing written, the size limits, editing a venue and replacing
 * its plan (frozen once a published event sells its seats, serialized with a
 * publish by the venue's row lock, with a negative control), search seeing
 * a renamed venue, and who may do each.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import type { Viewer } from '../../src/accounts/policy.js';
import { createTickets } from '../../src/catalog/store.js';
import { InputErrors } from '../../src/organizer/input-errors.js';
import { checkSeatingPlan, type SectionPlan } from '../../src/organizer/seating-plan.js';
import { changeVenue } from '../../src/organizer/venues.js';
import { fromGlobalIdOf, toGlobalId } from '../../src/relay/global-id.js';
import { type Buyer, createCast, createOnSaleEvent } from '../support/booking.js';
import { untilBlocked } from '../support/database.js';
import { useTestServer } from '../support/fixture.js';

const VENUE_FIELDS = `id name address city region country location { latitude longitude } timezone capacity
  organizer { id name } sections { id name kind capacity }`;
const CREATE_VENUE = `mutation ($input: CreateVenueInput!) { createVenue(input: $input) { venue { ${VENUE_FIELDS} } userErrors { code message field } } }`;
const UPDATE_VENUE = `mutation ($input: UpdateVenueInput!) { updateVenue(input: $input) { venue { ${VENUE_FIELDS} } userErrors { code message field } } }`;
const SEARCH = `query ($query: String, $filter: EventSearchFilter) { searchEvents(query: $query, filter: $filter, first: 100) { edges { node { id } } } }`;

type Input = Record<string, any>;

/** A small theatre: two rows, a box of single seats, a standing area. */
function theatre(): Input {
  return {
    name: 'The Regent Theatre',
    address: '12 Schildergasse',
    city: 'Köln',
    region: 'NRW',
    country: 'de',
    latitude: 50.9375,
    longitude: 6.9603,
    timezone: 'europe/berlin',
    sections: [
      {
        name: 'Stalls',
        kind: 'RESERVED',
        rows: [
          { label: 'A', seats: 4, x: -1, y: 5 },
          { label: 'B', seats: 3, firstNumber: 101, x: -1.25, y: 6, seatSpacing: 0.65 },
        ],
      },
      {
        name: 'Box',
        kind: 'RESERVED',
        seats: [
          { row: 'K', number: 1, x: 8, y: 2 },
          { row: 'K', number: 2, x: 8.44, y: 2.36 },
        ],
      },
      { name: 'Standing', kind: 'GENERAL_ADMISSION', capacity: 300 },
    ],
  };
}

/** `sections` sections of `rows` rows of `seats` seats, side by side, each row a metre behind the last. */
function rowsPlan(sections: number, rows: number, seats: number): Input[] {
  return Array.from({ length: sections }, (_, s) => ({
    name: `Block ${s + 1}`,
    kind: 'RESERVED',
    rows: Array.from({ length: rows }, (_, r) => ({ label: `R${r + 1}`, seats, x: s * (seats * 0.5 + 2), y: r })),
  }));
}

describe('organizer venues', () => {
  const { database, server } = useTestServer();
  let organizer: Buyer, other: Buyer, admin: Buyer, fan: Buyer;

  beforeAll(async () => {
    ({ organizer, otherOrganizer: other, admin, fan } = await createCast(database.sql));
  });

  const createVenue = async (input: Input, token: string | null = organizer.token) => server.graphql(CREATE_VENUE, { input }, token ?? undefined);
  const updateVenue = async (input: Input, token: string | null = organizer.token) => server.graphql(UPDATE_VENUE, { input }, token ?? undefined);
  const created = async (input: Input, token?: string) => {
    const { data, errors } = await createVenue(input, token);
    expect(errors).toBeUndefined();
    expect(data.createVenue.userErrors).toEqual([]);
    return data.createVenue.venue;
  };
  const counts = async () =>
    (
      await database.sql<[{ venues: number; sections: number; seats: number; prices: number }]>`
        SELECT (SELECT count(*) FROM venues)::int AS venues, (SELECT count(*) FROM sections)::int AS sections,
               (SELECT count(*) FROM seats)::int AS seats, (SELECT count(*) FROM event_sections)::int AS prices`
    )[0];
  const seatsOf = (venueId: string) => database.sql<{ section: string; row: string; number: number; x: number; y: number }[]>`
    SELECT s.name AS section, st.row_label AS row, st.number, st.x::numeric::float8 AS x, st.y::numeric::float8 AS y
    FROM seats st JOIN sections s ON s.id = st.section_id WHERE s.venue_id = ${fromGlobalIdOf('Venue', venueId)} ORDER BY st.id`;

  describe('createVenue', () => {
    it("stores an organizer's venue with its plan: rows, single seats and a standing area", async () => {
      const venue = await created(theatre());
      expect(venue).toMatchObject({
        name: 'The Regent Theatre',
        city: 'Köln',
        region: 'NRW',
        country: 'DE',
        location: { latitude: 50.9375, longitude: 6.9603 },
        timezone: 'Europe/Berlin',
        capacity: 4 + 3 + 2 + 300,
        organizer: { id: toGlobalId('User', organizer.userId) },
      });
      expect(venue.sections.map((s: any) => [s.name, s.kind, s.capacity])).toEqual([
        ['Stalls', 'RESERVED', 7],
        ['Box', 'RESERVED', 2],
        ['Standing', 'GENERAL_ADMISSION', 300],
      ]);
      // Each row's seats go east from its first, numbered from firstNumber; positions are kept to the decimetre.
      expect(await seatsOf(venue.id)).toEqual([
        { section: 'Stalls', row: 'A', number: 1, x: -1, y: 5 },
        { section: 'Stalls', row: 'A', number: 2, x: -0.5, y: 5 },
        { section: 'Stalls', row: 'A', number: 3, x: 0, y: 5 },
        { section: 'Stalls', row: 'A', number: 4, x: 0.5, y: 5 },
        { section: 'Stalls', row: 'B', number: 101, x: -1.2, y: 6 }, // -1.25 rounds up
        { section: 'Stalls', row: 'B', number: 102, x: -0.6, y: 6 },
        { section: 'Stalls', row: 'B', number: 103, x: 0.1, y: 6 },
        { section: 'Box', row: 'K', number: 1, x: 8, y: 2 },
        { section: 'Box', row: 'K', number: 2, x: 8.4, y: 2.4 },
      ]);
      const [row] = await database.sql`SELECT organizer_id FROM venues WHERE id = ${fromGlobalIdOf('Venue', venue.id)}`;
      expect(row).toEqual({ organizer_id: organizer.userId });
    });

    it('keeps a venue an admin creates for the platform: no organizer', async () => {
      const venue = await created({ ...theatre(), name: 'Platform Hall' }, admin.token);
      expect(venue.organizer).toBeNull();
      const [row] = await database.sql`SELECT organizer_id FROM venues WHERE id = ${fromGlobalIdOf('Venue', venue.id)}`;
      expect(row).toEqual({ organizer_id: null });
    });

    it('needs a login, and the ORGANIZER or ADMIN role; nothing is written', async () => {
      const before = await counts();
      const anonymous = await createVenue(theatre(), null);
      expect(anonymous.data.createVenue).toBeNull();
      expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      const asFan = await createVenue(theatre(), fan.token);
      expect(asFan.data.createVenue).toBeNull();
      expect(asFan.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(await counts()).toEqual(before);
    });

    it('creates a 20,000-seat arena (40 sections of 25 rows of 20) in one call', async () => {
      const input = { ...theatre(), name: 'Arena', sections: rowsPlan(40, 25, 20) };
      const started = performance.now();
      const venue = await created(input);
      const elapsed = performance.now() - started;
      console.info(`createVenue of a 20,000-seat arena over HTTP: ${elapsed.toFixed(0)} ms`);
      expect(venue.capacity).toBe(20_000);
      expect(venue.sections).toHaveLength(40);
      const [stored] = await database.sql`
        SELECT count(*)::int AS seats, count(DISTINCT (x, y))::int AS places FROM seats
        WHERE section_id IN (SELECT id FROM sections WHERE venue_id = ${fromGlobalIdOf('Venue', venue.id)})`;
      expect(stored).toEqual({ seats: 20_000, places: 20_000 });
      expect(elapsed).toBeLessThan(5_000);
    });

    it('takes 120,000 seats and places, and refuses 121,000 as VENUE_TOO_LARGE', async () => {
      const plan = (standing: number) => [...rowsPlan(1, 40, 500), { name: 'Field', kind: 'GENERAL_ADMISSION', capacity: standing }];
      expect((await created({ ...theatre(), name: 'Stadium', sections: plan(100_000) })).capacity).toBe(120_000);
      const before = await counts();
      const { data } = await createVenue({ ...theatre(), name: 'Bigger Stadium', sections: plan(101_000) });
      expect(data.createVenue).toMatchObject({ venue: null, userErrors: [{ code: 'VENUE_TOO_LARGE', field: ['input', 'sections'] }] });
      expect(data.createVenue.userErrors[0].message).toContain('121,000');
      expect(await counts()).toEqual(before);
    });

    /** Each case breaks one rule of theatre(); the answer is that rule's error at that field, and nothing is written. */
    const badInputs: [string, (input: Input) => void, string, string[]][] = [
      ['a blank name', (i) => (i.name = '   '), 'INVALID_VENUE', ['name']],
      ['a blank address', (i) => (i.address = ''), 'INVALID_VENUE', ['address']],
      ['a blank city', (i) => (i.city = ' \t'), 'INVALID_VENUE', ['city']],
      ['an unknown country', (i) => (i.country = 'ZZ'), 'INVALID_VENUE', ['country']],
      ['a withdrawn country code', (i) => (i.country = 'UK'), 'INVALID_VENUE', ['country']],
      ['a country code that capitals make two letters', (i) => (i.country = 'ß'), 'INVALID_VENUE', ['country']],
      ['an unknown time zone', (i) => (i.timezone = 'Mars/Olympus_Mons'), 'INVALID_VENUE', ['timezone']],
      ['an offset for a time zone', (i) => (i.timezone = '+01:00'), 'INVALID_VENUE', ['timezone']],
      ['a latitude past a pole', (i) => (i.latitude = 90.5), 'INVALID_VENUE', ['latitude']],
      ['a longitude out of range', (i) => (i.longitude = -180.01), 'INVALID_VENUE', ['longitude']],
      ['no sections', (i) => (i.sections = []), 'INVALID_SEATING_PLAN', ['sections']],
      ['a blank section name', (i) => (i.sections[1].name = ' '), 'INVALID_SEATING_PLAN', ['sections', '1', 'name']],
      ['two sections of one name, in other cases', (i) => (i.sections[2].name = 'STALLS'), 'INVALID_SEATING_PLAN', ['sections', '2', 'name']],
      ['a standing area without a capacity', (i) => delete i.sections[2].capacity, 'INVALID_SEATING_PLAN', ['sections', '2', 'capacity']],
      ['a standing area of no places', (i) => (i.sections[2].capacity = 0), 'INVALID_SEATING_PLAN', ['sections', '2', 'capacity']],
      ['a standing area with rows', (i) => (i.sections[2].rows = [{ label: 'A', seats: 2, x: 0, y: 0 }]), 'INVALID_SEATING_PLAN', ['sections', '2', 'rows']],
      ['a standing area with seats', (i) => (i.sections[2].seats = [{ row: 'A', number: 1, x: 0, y: 30 }]), 'INVALID_SEATING_PLAN', ['sections', '2', 'seats']],
      ['a seated section with a capacity', (i) => (i.sections[0].capacity = 7), 'INVALID_SEATING_PLAN', ['sections', '0', 'capacity']],
      [
        'a seated section with rows and seats',
        (i) => (i.sections[1].rows = [{ label: 'Z', seats: 1, x: 0, y: 40 }]),
        'INVALID_SEATING_PLAN',
        ['sections', '1', 'seats'],
      ],
      ['a seated section with neither rows nor seats', (i) => delete i.sections[0].rows, 'INVALID_SEATING_PLAN', ['sections', '0', 'rows']],
      ['a seated section of no rows', (i) => (i.sections[0].rows = []), 'INVALID_SEATING_PLAN', ['sections', '0', 'rows']],
      ['a seated section of no seats', (i) => (i.sections[1].seats = []), 'INVALID_SEATING_PLAN', ['sections', '1', 'seats']],
      ['a blank row label', (i) => (i.sections[0].rows[1].label = ' '), 'INVALID_SEATING_PLAN', ['sections', '0', 'rows', '1', 'label']],
      ['two rows of one label, in other cases', (i) => (i.sections[0].rows[1].label = 'a'), 'INVALID_SEATING_PLAN', ['sections', '0', 'rows', '1', 'label']],
      ['a row of no seats', (i) => (i.sections[0].rows[0].seats = 0), 'INVALID_SEATING_PLAN', ['sections', '0', 'rows', '0', 'seats']],
      ['a row of 501 seats', (i) => (i.sections[0].rows[0].seats = 501), 'INVALID_SEATING_PLAN', ['sections', '0', 'rows', '0', 'seats']],
      ['a negative first number', (i) => (i.sections[0].rows[0].firstNumber = -1), 'INVALID_SEATING_PLAN', ['sections', '0', 'rows', '0', 'firstNumber']],
      [
        'a first number over 100,000',
        (i) => (i.sections[0].rows[1].firstNumber = 100_001),
        'INVALID_SEATING_PLAN',
        ['sections', '0', 'rows', '1', 'firstNumber'],
      ],
      ['seats too close', (i) => (i.sections[0].rows[0].seatSpacing = 0.29), 'INVALID_SEATING_PLAN', ['sections', '0', 'rows', '0', 'seatSpacing']],
      ['seats too far apart', (i) => (i.sections[0].rows[1].seatSpacing = 5.5), 'INVALID_SEATING_PLAN', ['sections', '0', 'rows', '1', 'seatSpacing']],
      ['a row too far east', (i) => (i.sections[0].rows[0].x = 10_000.5), 'INVALID_SEATING_PLAN', ['sections', '0', 'rows', '0', 'x']],
      ['a row too far forward', (i) => (i.sections[0].rows[1].y = -10_001), 'INVALID_SEATING_PLAN', ['sections', '0', 'rows', '1', 'y']],
      ['a blank row of a seat', (i) => (i.sections[1].seats[0].row = ''), 'INVALID_SEATING_PLAN', ['sections', '1', 'seats', '0', 'row']],
      [
        'a seat number twice in a row',
        (i) => Object.assign(i.sections[1].seats[1], { row: 'k', number: 1 }),
        'INVALID_SEATING_PLAN',
        ['sections', '1', 'seats', '1', 'number'],
      ],
      ['a negative seat number', (i) => (i.sections[1].seats[1].number = -2), 'INVALID_SEATING_PLAN', ['sections', '1', 'seats', '1', 'number']],
      ['a seat too far west', (i) => (i.sections[1].seats[1].x = -12_000), 'INVALID_SEATING_PLAN', ['sections', '1', 'seats', '1', 'x']],
      ['a seat too far back', (i) => (i.sections[1].seats[0].y = 1e300), 'INVALID_SEATING_PLAN', ['sections', '1', 'seats', '0', 'y']],
      // Row B's seats lie at x -1.2, -0.6 and 0.1 (y 6): a box seat 4 cm from the first is at the same decimetre.
      [
        'a seat on top of another',
        (i) => Object.assign(i.sections[1].seats[1], { x: -1.24, y: 6.04 }),
        'INVALID_SEATING_PLAN',
        ['sections', '1', 'seats', '1'],
      ],
      [
        'a row on top of another',
        (i) => Object.assign(i.sections[0].rows[1], { x: -1, y: 5, seatSpacing: 0.5 }),
        'INVALID_SEATING_PLAN',
        ['sections', '0', 'rows', '1'],
      ],
      [
        'too many seats in all',
        (i) => (i.sections = rowsPlan(1, 1, 1).concat([{ name: 'Field', kind: 'GENERAL_ADMISSION', capacity: 120_000 }])),
        'VENUE_TOO_LARGE',
        ['sections'],
      ],
    ];

    it.each(badInputs)('refuses %s, naming the field, and writes nothing', async (_, breakRule, code, field) => {
      const input = theatre();
      breakRule(input);
      const before = await counts();
      const { data, errors } = await createVenue(input);
      expect(errors).toBeUndefined();
      expect(data.createVenue.venue).toBeNull();
      // A rule broken by several seats (a row on top of another) is reported at each: one code and field.
      const distinct = new Set(data.createVenue.userErrors.map((e: any) => JSON.stringify([e.code, e.field])));
      expect([...distinct]).toEqual([JSON.stringify([code, ['input', ...field]])]);
      expect(data.createVenue.userErrors[0].message).not.toBe('');
      expect(await counts()).toEqual(before);
    });

    it('reports every fault at once, up to 20, and each with its own field', async () => {
      const input = theatre();
      input.name = '';
      input.sections[0].rows[0].seats = 0;
      input.sections[1].seats = Array.from({ length: 30 }, (_, k) => ({ row: 'K', number: k, x: 1e5, y: 2 }));
      const { data } = await createVenue(input);
      const fields = data.createVenue.userErrors.map((e: any) => e.field.join('.'));
      expect(fields).toHaveLength(20);
      expect(fields.slice(0, 4)).toEqual(['input.name', 'input.sections.0.rows.0.seats', 'input.sections.1.seats.0.x', 'input.sections.1.seats.1.x']);
    });

    it.each([
      ['sections', (i: Input) => (i.sections = rowsPlan(201, 1, 1)), 'input.sections'],
      ['rows', (i: Input) => (i.sections = rowsPlan(1, 2_001, 1)), 'input.sections.rows'],
      ['seats', (i: Input) => (i.sections[1].seats = Array.from({ length: 20_001 }, (_, k) => ({ row: 'A', number: k, x: k, y: 0 }))), 'input.sections.seats'],
    ])('refuses a list of %s over its @maxItems as BAD_USER_INPUT', async (_, tooLong, argument) => {
      const input = theatre();
      tooLong(input);
      const before = await counts();
      const { data, errors } = await createVenue(input);
      expect(data?.createVenue ?? null).toBeNull();
      expect(errors?.map((e) => [e.extensions?.code, e.extensions?.argument])).toEqual([['BAD_USER_INPUT', argument]]);
      expect(await counts()).toEqual(before);
    });
  });

  describe('updateVenue', () => {
    it("changes the fields given of the organizer's venue; an empty region removes it", async () => {
      const venue = await created({ ...theatre(), name: 'Old Name' });
      const { data } = await updateVenue({ venueId: venue.id, name: ' New Name ', region: '', country: 'at', timezone: 'Europe/Vienna', latitude: 48.2 });
      expect(data.updateVenue.userErrors).toEqual([]);
      expect(data.updateVenue.venue).toMatchObject({
        name: 'New Name',
        address: venue.address,
        city: 'Köln',
        region: null,
        country: 'AT',
        timezone: 'Europe/Vienna',
        location: { latitude: 48.2, longitude: 6.9603 },
        sections: venue.sections,
      });
    });

    it('refuses bad fields as create does, changing nothing', async () => {
      const venue = await created({ ...theatre(), name: 'Unchanged' });
      const { data } = await updateVenue({ venueId: venue.id, name: 'Changed', city: '', longitude: 200 });
      expect(data.updateVenue.userErrors.map((e: any) => [e.code, e.field])).toEqual([
        ['INVALID_VENUE', ['input', 'city']],
        ['INVALID_VENUE', ['input', 'longitude']],
      ]);
      const [row] = await database.sql`SELECT name, city, longitude FROM venues WHERE id = ${fromGlobalIdOf('Venue', venue.id)}`;
      expect(row).toEqual({ name: 'Unchanged', city: 'Köln', longitude: 6.9603 });
    });

    it("is for the venue's organizer and admins: another organizer, or an organizer at a platform venue, gets VENUE_NOT_FOUND", async () => {
      const mine = await created({ ...theatre(), name: 'Mine' });
      const platform = await created({ ...theatre(), name: 'Platform' }, admin.token);
      const anonymous = await updateVenue({ venueId: mine.id, name: 'X' }, null);
      expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      const asFan = await updateVenue({ venueId: mine.id, name: 'X' }, fan.token);
      expect(asFan.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      const notFound = { venue: null, userErrors: [{ code: 'VENUE_NOT_FOUND', message: 'No venue you may edit has this ID.', field: ['input', 'venueId'] }] };
      expect((await updateVenue({ venueId: mine.id, name: 'X' }, other.token)).data.updateVenue).toEqual(notFound);
      expect((await updateVenue({ venueId: platform.id, name: 'X' })).data.updateVenue).toEqual(notFound);
      expect((await updateVenue({ venueId: toGlobalId('Venue', 999_999), name: 'X' })).data.updateVenue).toEqual(notFound);
      const names =
        await database.sql`SELECT name FROM venues WHERE id IN ${database.sql([mine.id, platform.id].map((id) => fromGlobalIdOf('Venue', id)))} ORDER BY id`;
      expect(names).toEqual([{ name: 'Mine' }, { name: 'Platform' }]);
      expect((await updateVenue({ venueId: mine.id, name: 'Mine, by an admin' }, admin.token)).data.updateVenue.venue.name).toBe('Mine, by an admin');
      expect((await updateVenue({ venueId: platform.id, name: 'Platform, by an admin' }, admin.token)).data.updateVenue.venue.name).toBe(
        'Platform, by an admin',
      );
    });

    it('replaces the whole plan of a venue only drafts use; the drafts lose their prices', async () => {
      const venue = await created({ ...theatre(), name: 'Replanned' });
      const venueId = fromGlobalIdOf('Venue', venue.id);
      const eventId = await draftAt(venueId);
      const before = await counts();
      const plan = [{ name: 'Floor', kind: 'GENERAL_ADMISSION', capacity: 50 }, ...rowsPlan(1, 2, 3)];
      const { data } = await updateVenue({ venueId: venue.id, sections: plan });
      expect(data.updateVenue.userErrors).toEqual([]);
      expect(data.updateVenue.venue.capacity).toBe(56);
      expect(data.updateVenue.venue.sections.map((s: any) => s.name)).toEqual(['Floor', 'Block 1']);
      expect((await seatsOf(venue.id)).map((s) => `${s.row}-${s.number}`)).toEqual(['R1-1', 'R1-2', 'R1-3', 'R2-1', 'R2-2', 'R2-3']);
      expect(await counts()).toEqual({ venues: before.venues, sections: before.sections - 1, seats: before.seats - 9 + 6, prices: before.prices - 3 });
      expect(await database.sql`SELECT * FROM event_sections WHERE event_id = ${eventId}`).toEqual([]);
    });

    it('refuses a bad plan with the fields of createVenue, changing nothing', async () => {
      const venue = await created({ ...theatre(), name: 'Kept' });
      const before = await counts();
      const { data } = await updateVenue({
        venueId: venue.id,
        name: 'Not kept',
        sections: [{ name: 'Stalls', kind: 'RESERVED', rows: [{ label: 'A', seats: 501, x: 0, y: 0 }] }],
      });
      expect(data.updateVenue).toEqual({
        venue: null,
        userErrors: [
          { code: 'INVALID_SEATING_PLAN', message: 'Seats in a row must be from 1 to 500; got 501.', field: ['input', 'sections', '0', 'rows', '0', 'seats'] },
        ],
      });
      expect(await counts()).toEqual(before);
    });

    it('freezes the plan once a published event sells its seats, saying why; other fields still change', async () => {
      const event = await createOnSaleEvent(database.sql, organizer.userId);
      const [{ venueId }] = await database.sql<[{ venueId: number }]>`
        UPDATE venues SET organizer_id = ${organizer.userId} FROM events e WHERE e.id = ${event.eventId} AND venues.id = e.venue_id RETURNING venues.id AS "venueId"`;
      const before = await counts();
      for (const token of [organizer.token, admin.token]) {
        const { data } = await updateVenue({ venueId: toGlobalId('Venue', venueId), name: 'Not kept', sections: rowsPlan(1, 1, 5) }, token);
        expect(data.updateVenue.venue).toBeNull();
        expect(data.updateVenue.userErrors).toEqual([
          { code: 'VENUE_PLAN_FROZEN', message: expect.stringContaining('a published event sells its seats'), field: ['input', 'sections'] },
        ]);
        expect(data.updateVenue.userErrors[0].message).toContain('Create a new venue');
      }
      expect(await counts()).toEqual(before);
      const renamed = await updateVenue({ venueId: toGlobalId('Venue', venueId), name: 'Renamed Hall' });
      expect(renamed.data.updateVenue).toMatchObject({ venue: { name: 'Renamed Hall' }, userErrors: [] });
    });

    it('takes turns with a publish at the venue: the plan is refused once the publish commits (its tickets are the old seats)', async () => {
      const { venueId, eventId, result } = await publishing(async (venueId) => {
        const update = updateVenue({ venueId: toGlobalId('Venue', venueId), sections: rowsPlan(1, 1, 5) });
        await untilBlocked(database.sql, 1); // the new plan waits for the publish's FOR SHARE
        return { result: update };
      });
      expect((await result).data.updateVenue.userErrors.map((e: any) => e.code)).toEqual(['VENUE_PLAN_FROZEN']);
      expect(await ticketsAndSeats(venueId, eventId)).toEqual({ tickets: 9, seats: 9, prices: 2 });
    });

    it('negative control: without the lock, the plan is replaced under the publish, which goes on sale with no tickets', async () => {
      const caller: Viewer = { userId: admin.userId, role: 'ADMIN', sessionId: 'test' };
      const plan = checkSeatingPlan(rowsPlan(1, 1, 5) as SectionPlan[], new InputErrors(), ['input', 'sections'])!;
      const { venueId, eventId, result } = await publishing(async (venueId) => {
        const result = changeVenue(database.sql, caller, venueId, {}, plan, { unsafeSkipVenueLock: true });
        await result; // nothing to wait for
        return { result };
      });
      expect(await result).toMatchObject({ id: venueId });
      expect(await ticketsAndSeats(venueId, eventId)).toEqual({ tickets: 0, seats: 5, prices: 0 });
    });
  });

  it('sends a renamed venue to search through the outbox: its events are found by the new name and city', async () => {
    const event = await createOnSaleEvent(database.sql, organizer.userId);
    const [{ venueId }] = await database.sql<[{ venueId: number }]>`
      UPDATE venues SET organizer_id = ${organizer.userId} FROM events e WHERE e.id = ${event.eventId} AND venues.id = e.venue_id RETURNING venues.id AS "venueId"`;
    await server.indexSearch();
    const found = async (query: string | null, filter: object = {}) =>
      (await server.graphql(SEARCH, { query, filter })).data.searchEvents.edges.map((e: any) => e.node.id).includes(event.id);
    expect(await found('Philharmonie')).toBe(false);
    const { data } = await updateVenue({ venueId: toGlobalId('Venue', venueId), name: 'Philharmonie Süd', city: 'Lübeck' });
    expect(data.updateVenue.userErrors).toEqual([]);
    expect(await server.indexSearch()).toBeGreaterThan(0);
    expect(await found('philharmonie sud')).toBe(true);
    expect(await found(null, { city: 'lubeck' })).toBe(true);
  });

  /** A draft at the venue priced in each of its sections; its id. */
  async function draftAt(venueId: number): Promise<number> {
    const [{ id }] = await database.sql<[{ id: number }]>`
      INSERT INTO events (title, category, status, starts_at, ends_at, on_sale_at, venue_id, organizer_id, currency)
      VALUES ('Draft', 'CONCERT', 'DRAFT', '2031-01-01T20:00Z', '2031-01-01T23:00Z', '2030-12-01T10:00Z', ${venueId}, ${organizer.userId}, 'EUR')
      RETURNING id`;
    await database.sql`INSERT INTO event_sections (event_id, section_id, price) SELECT ${id}, id, 5000 FROM sections WHERE venue_id = ${venueId}`;
    return id;
  }

  /**
   * Publishes a draft at a new venue of 9 seats in two sections as
   * publishEvent will, locking the venue FOR SHARE first: the draft goes
   * ON_SALE, then `during` starts a change of the venue (done, or waiting for
   * this transaction, when the promise it returns resolves), then the tickets
   * are made from the draft's prices and the publish commits. Resolves once it
   * has, with the change's own result.
   */
  async function publishing<T>(
    during: (venueId: number) => Promise<{ result: Promise<T> }>,
  ): Promise<{ venueId: number; eventId: number; result: Promise<T> }> {
    const venue = await created({ ...theatre(), name: 'Contested', sections: theatre().sections.slice(0, 2) });
    const venueId = fromGlobalIdOf('Venue', venue.id);
    const eventId = await draftAt(venueId);
    let result!: Promise<T>;
    await database.sql.begin(async (tx) => {
      await tx`SELECT id FROM venues WHERE id = ${venueId} FOR SHARE`;
      await tx`UPDATE events SET status = 'ON_SALE' WHERE id = ${eventId}`;
      ({ result } = await during(venueId));
      await createTickets(tx, [eventId]);
    });
    return { venueId, eventId, result };
  }

  async function ticketsAndSeats(venueId: number, eventId: number) {
    const [row] = await database.sql`
      SELECT (SELECT count(*) FROM tickets WHERE event_id = ${eventId})::int AS tickets,
             (SELECT count(*) FROM seats WHERE section_id IN (SELECT id FROM sections WHERE venue_id = ${venueId}))::int AS seats,
             (SELECT count(*) FROM event_sections WHERE event_id = ${eventId})::int AS prices`;
    return row;
  }
});
