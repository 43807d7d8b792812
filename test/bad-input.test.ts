/**
 * Issue 14, "Bad input": what a probe sent, each once an internal error or
 * silently wrong, is now refused before anything runs with a typed error
 * naming the argument, over HTTP and WebSocket alike, and writes nothing:
 * NUL characters in any string, impossible dates, forged cursors, lists of
 * 90,000 values, free text past its bound, a subscription sent over HTTP; and
 * in production, error messages that suggest field names, and introspection
 * as a setting.
 */
import { makeExecutableSchema } from '@graphql-tools/schema';
import { getNamedType, type GraphQLArgument, type GraphQLInputField, isInputObjectType, isListType, isNonNullType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { checkName, checkPassword } from '../src/accounts/rules.js';
import { EARLIEST_INSTANT, LATEST_INSTANT, parseInstant } from '../src/date-time.js';
import { loadTypeDefs } from '../src/graphql-schema.js';
import { MAX_LIST_ITEMS, MAX_STRING_LENGTH } from '../src/limits/input.js';
import { decodeCursor, encodeCursor } from '../src/relay/connection.js';
import { toGlobalId } from '../src/relay/global-id.js';
import { type Buyer, createBuyers } from './support/booking.js';
import { useTestServer } from './support/fixture.js';
import type { GraphQLResponse } from './support/server.js';
import { openSocket, type TestSocket } from './support/ws.js';

/** A cursor holding exactly this JSON text (encodeCursor cannot write 1e999). */
const forged = (json: string) => Buffer.from(json).toString('base64url');

const SEARCH = `query ($query: String, $filter: EventSearchFilter, $after: String) { searchEvents(query: $query, filter: $filter, after: $after) { totalCount } }`;
const EVENTS = `query ($filter: EventFilter, $after: String) { events(filter: $filter, after: $after) { edges { node { id } } } }`;
const UPDATE_EVENT = `mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { event { title description } userErrors { code field } } }`;
const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { token userErrors { code } } }`;

describe('bad input', () => {
  const { database, server } = useTestServer({ events: 10 });
  let socket: TestSocket;
  let admin: Buyer;
  let fan: Buyer;
  let eventId: number;

  beforeAll(async () => {
    socket = openSocket(server.url);
    admin = (await createBuyers(database.sql, 1, 'ADMIN'))[0]!;
    fan = (await createBuyers(database.sql, 1))[0]!;
    eventId = (await database.sql<[{ id: number }]>`SELECT min(id)::int AS id FROM events`)[0].id;
  });
  afterAll(async () => {
    await socket?.client.dispose();
  });

  /** Refused before anything ran: HTTP 400, no data, one BAD_USER_INPUT naming `argument`. */
  function expectRefused(response: GraphQLResponse, argument: string, message?: RegExp) {
    expect(response.errors, JSON.stringify(response.errors)).toHaveLength(1);
    // Every error over HTTP names its request (x-request-id): what support looks a report up by.
    expect(response.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', argument, requestId: expect.any(String) });
    if (message) expect(response.errors![0]!.message).toMatch(message);
    expect(response.status).toBe(400);
    expect(response.data).toBeUndefined();
  }
  /** The same over WebSocket. */
  async function expectRefusedOverSocket(query: string, variables: Record<string, unknown>, argument: string) {
    const { data, errors } = await socket.execute(query, variables);
    expect(data).toBeUndefined();
    expect(errors?.map((error) => error.extensions)).toEqual([{ code: 'BAD_USER_INPUT', argument, requestId: expect.any(String) }]);
  }
  /** What an event is now, and how many changes search has waiting: what a refused mutation must leave alone. */
  const eventState = async () =>
    (await database.sql`SELECT e.title, e.description, e.updated_at, (SELECT count(*)::int FROM outbox) AS outbox FROM events e WHERE e.id = ${eventId}`)[0];

  describe('NUL characters', () => {
    it('are refused in variables and literals, at any depth, naming the argument, before any SQL', async () => {
      server.statements.length = 0;
      expectRefused(await server.graphql(SEARCH, { query: 'taylor\u0000swift' }), 'query', /query contains a NUL character \(U\+0000\)/);
      expectRefused(await server.graphql(SEARCH, { filter: { city: 'K\u0000ln' } }), 'filter.city');
      expectRefused(await server.graphql(`{ searchEvents(query: "taylor\\u0000") { totalCount } }`), 'query');
      expectRefused(await server.graphql(`{ events(filter: { city: "\\u0000" }) { edges { cursor } } }`), 'filter.city');
      // An argument of a nested field, a variable inside a literal object, a list item, a directive's argument's sibling.
      expectRefused(
        await server.graphql(`query ($a: String) { venue(id: "${toGlobalId('Venue', 1)}") { upcomingEvents(after: $a) { edges { cursor } } } }`, {
          a: '\u0000',
        }),
        'after',
      );
      expectRefused(await server.graphql(`query ($c: String) { events(filter: { city: $c }) { edges { cursor } } }`, { c: 'a\u0000' }), 'filter.city');
      expectRefused(await server.graphql(`query ($id: ID!) { node(id: $id) { id } }`, { id: '\u0000' }), 'id');
      expectRefused(await server.graphql(`query ($n: ID!) { event(id: $n) { id } }`, { n: 'RXZlbnQ6MQ\u0000' }), 'id');
      expect(server.statements).toEqual([]);

      await expectRefusedOverSocket(SEARCH, { query: 'taylor\u0000swift' }, 'query');
      await expectRefusedOverSocket(`{ searchEvents(query: "\\u0000") { totalCount } }`, {}, 'query');
      await expectRefusedOverSocket(`subscription ($id: ID!) { seatMapChanged(eventId: $id) { version } }`, { id: '\u0000' }, 'eventId');
      expect(server.statements).toEqual([]);
    });

    it('in a mutation change nothing: no event, account or hold is written', async () => {
      const before = await eventState();
      const event = toGlobalId('Event', eventId);
      expectRefused(
        await server.graphql(UPDATE_EVENT, { input: { eventId: event, title: 'Renamed', description: 'nul \u0000 here' } }, admin.token),
        'input.description',
      );
      expectRefused(
        await server.graphql(`mutation { updateEvent(input: { eventId: "${event}", title: "Re\\u0000named" }) { event { id } } }`, {}, admin.token),
        'input.title',
      );
      expect(await eventState()).toEqual(before);

      const users = async () => (await database.sql<[{ n: number }]>`SELECT count(*)::int AS n FROM users`)[0].n;
      const usersBefore = await users();
      expectRefused(await server.graphql(SIGN_UP, { input: { email: 'nul@example.com', password: 'a fine long password', name: 'Ada\u0000' } }), 'input.name');
      expect(await users()).toBe(usersBefore);

      const holds = async () => (await database.sql<[{ n: number }]>`SELECT count(*)::int AS n FROM holds`)[0].n;
      const holdsBefore = await holds();
      const reserve = `mutation ($input: ReserveSeatsInput!) { reserveSeats(input: $input) { hold { id } userErrors { code } } }`;
      expectRefused(
        await server.graphql(reserve, { input: { eventId: event, ticketIds: [toGlobalId('Ticket', 1), 'x\u0000'] } }, fan.token),
        'input.ticketIds',
      );
      expectRefused(
        await server.graphql(reserve, { input: { eventId: event, bestAvailable: { quantity: 1 }, idempotencyKey: '\u0000' } }, fan.token),
        'input.idempotencyKey',
      );
      expect(await holds()).toBe(holdsBefore);
    });

    it('are the only characters refused: a lone surrogate arrives as U+FFFD and runs', async () => {
      const { errors, data } = await server.graphql(SEARCH, { query: 'taylor \uD800 swift' });
      expect(errors).toBeUndefined();
      expect(data.searchEvents.totalCount).toBeGreaterThanOrEqual(0);
    });
  });

  describe('DateTime', () => {
    it('reads only real instants with a zone, from 1970 to 9999', () => {
      const read = (text: string) => parseInstant(text).toISOString();
      expect(read('2027-02-28T20:00:00Z')).toBe('2027-02-28T20:00:00.000Z');
      expect(read('2028-02-29T12:00:00.5+14:00')).toBe('2028-02-28T22:00:00.500Z'); // a leap day, an offset
      expect(read('2027-03-01T00:30:00+01:00')).toBe('2027-02-28T23:30:00.000Z');
      expect(read('2027-01-01T00:00-05:30')).toBe('2027-01-01T05:30:00.000Z'); // seconds may be left out
      expect(read('2027-01-01T00:00:00.123456789Z')).toBe('2027-01-01T00:00:00.123Z'); // kept to the millisecond
      expect(read('1970-01-01T00:00:00Z')).toBe(EARLIEST_INSTANT.toISOString());
      expect(read('1969-12-31T23:30:00-01:00')).toBe('1970-01-01T00:30:00.000Z'); // the instant counts, not the local date
      expect(read('9999-12-31T23:59:59.999Z')).toBe(LATEST_INSTANT.toISOString());
      const refused: [string, RegExp][] = [
        ['2027-02-30T00:00:00Z', /2027-02-30 is not a day of the calendar/],
        ['2027-02-29T00:00:00Z', /not a day of the calendar/], // not a leap year
        ['2100-02-29T00:00:00Z', /not a day of the calendar/], // nor is 2100
        ['2027-13-01T00:00:00Z', /not a day of the calendar/],
        ['2027-04-31T00:00:00Z', /not a day of the calendar/],
        ['2027-00-10T00:00:00Z', /not a day of the calendar/],
        ['2027-02-28T24:00:00Z', /not a time of day/],
        ['2016-12-31T23:59:60Z', /no leap seconds/],
        ['2027-02-28T10:61:00Z', /not a time of day/],
        ['2027-02-28T10:00:00+24:00', /not a time zone offset/],
        ['0000-01-01T00:00:00Z', /outside 1970-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z/],
        ['0070-01-01T00:00:00Z', /outside/], // not read as 1970
        ['1969-12-31T23:59:59.999Z', /outside/],
        ['9999-12-31T23:59:59-01:00', /outside/],
        ['2027-02-28', /a date without a time; give the instant, e.g. 2027-02-28T00:00:00Z/],
        ['2027-02-28T10:00:00', /has no time zone/],
        ['+275760-09-13T00:00:00Z', /expected an ISO-8601 date-time/],
        ['2027-02-28 10:00:00Z', /expected an ISO-8601 date-time/],
        ['2027-02-28t10:00:00z', /expected an ISO-8601 date-time/],
        ['next tuesday', /expected an ISO-8601 date-time/],
        ['', /expected an ISO-8601 date-time/],
      ];
      for (const [text, reason] of refused) expect(() => parseInstant(text), text).toThrow(reason);
    });

    it('refuses an impossible date, in a variable or a literal, with BAD_USER_INPUT naming the argument', async () => {
      server.statements.length = 0;
      expectRefused(
        await server.graphql(SEARCH, { filter: { startsAfter: '2027-02-30T00:00:00Z' } }),
        'filter.startsAfter',
        /filter\.startsAfter: DateTime must be .*2027-02-30 is not a day of the calendar/,
      );
      expectRefused(await server.graphql(EVENTS, { filter: { startsBefore: '0000-01-01T00:00:00Z' } }), 'filter.startsBefore', /outside/);
      expectRefused(await server.graphql(EVENTS, { filter: { startsAfter: '2027-02-28' } }), 'filter.startsAfter', /a date without a time/);
      expectRefused(await server.graphql(EVENTS, { filter: { startsAfter: 1_800_000_000 } }), 'filter.startsAfter', /got 1800000000/);
      expectRefused(
        await server.graphql(`{ events(filter: { startsAfter: "2027-02-30T00:00:00Z" }) { edges { cursor } } }`),
        'filter.startsAfter',
        /not a day of the calendar/,
      );
      expectRefused(
        await server.graphql(`{ searchEvents(filter: { startsBefore: "soon" }) { totalCount } }`),
        'filter.startsBefore',
        /DateTime must be an ISO-8601 string/,
      );
      expect(server.statements).toEqual([]);
      await expectRefusedOverSocket(EVENTS, { filter: { startsAfter: '2027-02-30T00:00:00Z' } }, 'filter.startsAfter');
      await expectRefusedOverSocket(`{ events(filter: { startsAfter: "0000-01-01T00:00:00Z" }) { edges { cursor } } }`, {}, 'filter.startsAfter');

      // A literal of another kind still fails validation, as any literal of the wrong type does.
      const number = await server.graphql(`{ events(filter: { startsAfter: 5 }) { edges { cursor } } }`);
      expect(number.errors?.map((error) => error.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      // Real instants run, offsets and all.
      const fine = await server.graphql(EVENTS, { filter: { startsAfter: '2028-02-29T23:00:00-01:00', startsBefore: '9999-12-31T23:59:59.999Z' } });
      expect(fine.errors).toBeUndefined();
      expect(fine.data.events.edges.length).toBeGreaterThan(0);
    });
  });

  describe('cursors', () => {
    it('decode only the kinds of value they were made of', () => {
      const at = '2030-01-01T20:00:00.000Z';
      expect(decodeCursor(encodeCursor([at, 7]), ['timestamp', 'integer'] as const)).toEqual([at, 7]);
      expect(decodeCursor(encodeCursor([2 ** 40]), ['bigint'] as const)).toEqual([2 ** 40]);
      const refused: [string, readonly ('string' | 'integer' | 'bigint' | 'timestamp')[]][] = [
        ['[1e999]', ['bigint']],
        ['[-1e999]', ['integer']],
        ['[1.5]', ['bigint']],
        ['[-1]', ['bigint']],
        ['[9007199254740993]', ['bigint']],
        ['[2147483648]', ['integer']],
        ['["7"]', ['integer']],
        ['[null]', ['integer']],
        ['[[1]]', ['integer']],
        ['{"0":1}', ['integer']],
        ['"NaN"', ['integer']],
        ['["2030-01-01T20:00:00Z", 1]', ['timestamp', 'integer']], // not as toISOString writes it
        ['["0000-01-01T00:00:00.000Z", 1]', ['timestamp', 'integer']],
        ['["+275760-09-13T00:00:00.000Z", 1]', ['timestamp', 'integer']],
        ['["2030-02-30T00:00:00.000Z", 1]', ['timestamp', 'integer']],
        [`["${'x'.repeat(65)}"]`, ['string']],
      ];
      for (const [json, kinds] of refused) {
        expect(() => decodeCursor(forged(json), kinds), json).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', argument: 'after' } }));
      }
    });

    it('forged with floats, huge numbers or other types are BAD_USER_INPUT naming `after`, on every connection', async () => {
      const start = '"2030-01-01T20:00:00.000Z"';
      const events = [
        `[${start},1e999]`,
        `[${start},1.5]`,
        `[${start},3000000000]`,
        `[${start},-5]`,
        `["0000-01-01T00:00:00.000Z",1]`,
        `["-271821-04-20T00:00:00.000Z",1]`,
        `[${start},"1"]`,
        `[1e999,1]`,
      ];
      for (const json of events) {
        const { errors, data } = await server.graphql(EVENTS, { after: forged(json) });
        expect(
          errors?.map((error) => error.extensions),
          json,
        ).toEqual([{ code: 'BAD_USER_INPUT', argument: 'after', requestId: expect.any(String) }]);
        expect(data, json).toBeNull();
      }
      const searches = [
        `["DATE","0x10",${start},1]`,
        `["DATE","1e999",${start},1]`,
        `["DATE","Infinity",${start},1]`,
        `["DATE","0",${start},1e999]`,
        `["DATE","0",${start},2147483648]`,
        `["DATE","0","2030-02-30T00:00:00.000Z",1]`,
      ];
      for (const json of searches) {
        const { errors } = await server.graphql(SEARCH, { after: forged(json) });
        expect(
          errors?.map((error) => error.extensions),
          json,
        ).toEqual([{ code: 'BAD_USER_INPUT', argument: 'after', requestId: expect.any(String) }]);
      }
      for (const json of ['[1e999]', '[1.5]', '[9007199254740993]', '["1"]']) {
        const tickets = await server.graphql(`query ($id: ID!, $after: String) { event(id: $id) { tickets(after: $after) { edges { cursor } } } }`, {
          id: toGlobalId('Event', eventId),
          after: forged(json),
        });
        expect(
          tickets.errors?.map((error) => error.extensions),
          json,
        ).toEqual([{ code: 'BAD_USER_INPUT', argument: 'after', requestId: expect.any(String) }]);
        const bookings = await server.graphql(
          `query ($after: String) { me { bookings(after: $after) { edges { cursor } } } }`,
          { after: forged(json) },
          fan.token,
        );
        expect(
          bookings.errors?.map((error) => error.extensions),
          json,
        ).toEqual([{ code: 'BAD_USER_INPUT', argument: 'after', requestId: expect.any(String) }]);
      }
      // The cursors the API gives still page.
      const first = await server.graphql(`{ events(first: 2) { pageInfo { endCursor } } }`);
      expect((await server.graphql(EVENTS, { after: first.data.events.pageInfo.endCursor })).errors).toBeUndefined();
    });
  });

  describe('lists', () => {
    it(`of more than ${MAX_LIST_ITEMS} values are refused, not sent to PostgreSQL as 90,000 parameters`, async () => {
      const statuses = (count: number) => Array(count).fill('ON_SALE');
      server.statements.length = 0;
      expectRefused(
        await server.graphql(EVENTS, { filter: { status: statuses(90_000) } }),
        'filter.status',
        /filter\.status has 90000 items; at most 100 are allowed/,
      );
      expectRefused(await server.graphql(SEARCH, { filter: { status: statuses(MAX_LIST_ITEMS + 1) } }), 'filter.status');
      expect(server.statements).toEqual([]);
      await expectRefusedOverSocket(EVENTS, { filter: { status: statuses(5_000) } }, 'filter.status'); // a WebSocket message is at most 64 KiB
      expect((await server.graphql(EVENTS, { filter: { status: statuses(MAX_LIST_ITEMS) } })).errors).toBeUndefined();

      const holds = async () => (await database.sql<[{ n: number }]>`SELECT count(*)::int AS n FROM holds`)[0].n;
      const before = await holds();
      const reserve = `mutation ($input: ReserveSeatsInput!) { reserveSeats(input: $input) { hold { id } userErrors { code } } }`;
      const ticketIds = Array.from({ length: 20_000 }, (_, i) => toGlobalId('Ticket', i + 1));
      expectRefused(await server.graphql(reserve, { input: { eventId: toGlobalId('Event', eventId), ticketIds } }, fan.token), 'input.ticketIds');
      expect(await holds()).toBe(before);
    });
  });

  describe('free text', () => {
    it('is bounded: a 5,001-character description or a 201-character title changes nothing', async () => {
      const event = toGlobalId('Event', eventId);
      const before = await eventState();
      expectRefused(
        await server.graphql(UPDATE_EVENT, { input: { eventId: event, description: 'd'.repeat(5_001) } }, admin.token),
        'input.description',
        /input\.description is 5001 characters long; at most 5000 are allowed/,
      );
      expectRefused(await server.graphql(UPDATE_EVENT, { input: { eventId: event, description: 'x'.repeat(980_000) } }, admin.token), 'input.description');
      expectRefused(await server.graphql(UPDATE_EVENT, { input: { eventId: event, title: 't'.repeat(201) } }, admin.token), 'input.title');
      expect(await eventState()).toEqual(before);

      // At the bounds, counted in characters as a person counts them (an emoji is one).
      const atBounds = await server.graphql(UPDATE_EVENT, { input: { eventId: event, title: 't'.repeat(200), description: '🎸'.repeat(5_000) } }, admin.token);
      expect(atBounds.errors).toBeUndefined();
      expect(atBounds.data.updateEvent.event.description).toBe('🎸'.repeat(5_000));

      const users = async () => (await database.sql<[{ n: number }]>`SELECT count(*)::int AS n FROM users`)[0].n;
      const usersBefore = await users();
      expectRefused(
        await server.graphql(SIGN_UP, { input: { email: 'long@example.com', password: 'a fine long password', name: 'n'.repeat(101) } }),
        'input.name',
      );
      expectRefused(await server.graphql(SIGN_UP, { input: { email: 'long@example.com', password: 'p'.repeat(257), name: 'Ada' } }), 'input.password');
      expect(await users()).toBe(usersBefore);
      // Any other String or ID takes up to MAX_STRING_LENGTH characters.
      expectRefused(await server.graphql(EVENTS, { after: 'a'.repeat(MAX_STRING_LENGTH + 1) }), 'after');
    });

    it('is counted in characters by the rules of the domains too: a title, name or password of emoji up to its bound is taken', async () => {
      // Each emoji is two UTF-16 units: counted in units, these were refused as blank (INVALID_TITLE, NAME_REQUIRED) or weak.
      const titled = await server.graphql(UPDATE_EVENT, { input: { eventId: toGlobalId('Event', eventId), title: '🎸'.repeat(200) } }, admin.token);
      expect(titled.data.updateEvent).toEqual({ event: expect.objectContaining({ title: '🎸'.repeat(200) }), userErrors: [] });
      const signedUp = await server.graphql(SIGN_UP, { input: { email: 'emoji@example.com', password: '🔑'.repeat(256), name: '🎸'.repeat(100) } });
      expect(signedUp.data.signUp.userErrors).toEqual([]);
      expect(signedUp.data.signUp.token).toEqual(expect.any(String));
    });

    it('past its bound is BAD_USER_INPUT naming the field in the rules of the domains as well, not a user error', () => {
      expect(() => checkName(` ${'n'.repeat(101)} `)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', argument: 'input.name' } }));
      expect(() => checkName('🎸'.repeat(101), ['input', 'name'])).toThrow('input.name is 101 characters long; at most 100 are allowed.');
      expect(checkName('🎸'.repeat(100))).toBeUndefined();
      expect(checkName('   ')).toMatchObject({ code: 'NAME_REQUIRED', field: ['input', 'name'] });
      expect(() => checkPassword('p'.repeat(257), 'a@example.com', ['input', 'password', 'new'])).toThrow(
        expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', argument: 'input.password.new' } }),
      );
      expect(checkPassword('🔑'.repeat(256), 'a@example.com')).toBeUndefined();
      expect(checkPassword('short', 'a@example.com')).toMatchObject({ code: 'WEAK_PASSWORD' });
    });

    it('bounds are in the schema: every String and ID input says its own bound, or takes the default', () => {
      const schema = makeExecutableSchema({ typeDefs: loadTypeDefs() });
      const inputs: [string, GraphQLArgument | GraphQLInputField][] = [];
      for (const type of Object.values(schema.getTypeMap())) {
        if (type.name.startsWith('__')) continue;
        if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) inputs.push([`${type.name}.${field.name}`, field]);
        else if ('getFields' in type) {
          for (const field of Object.values(type.getFields()))
            for (const arg of field.args ?? []) inputs.push([`${type.name}.${field.name}(${arg.name})`, arg]);
        }
      }
      let bounded = 0;
      for (const [name, input] of inputs) {
        const directive = input.astNode?.directives?.find((d) => d.name.value === 'maxLength');
        if (!directive) continue;
        bounded++;
        const named = getNamedType(input.type).name;
        expect(['String', 'ID'], name).toContain(named);
        const characters = Number((directive.arguments![0]!.value as { value: string }).value);
        // The description, which partners read, says the bound (with or without a thousands separator).
        expect(input.description ?? '', name).toMatch(new RegExp(`\\b(${characters}|${characters.toLocaleString('en-US')})\\b`));
      }
      expect(bounded).toBeGreaterThanOrEqual(15);
      const lists = inputs.filter(([, input]) => isListType(isNonNullType(input.type) ? input.type.ofType : input.type));
      expect(lists.map(([name]) => name)).toEqual(expect.arrayContaining(['EventFilter.status', 'ReserveSeatsInput.ticketIds', 'CreateVenueInput.sections']));
      for (const [name, input] of lists) {
        // 100 items, or what its @maxItems says; the description says which.
        const directive = input.astNode?.directives?.find((d) => d.name.value === 'maxItems');
        const items = directive ? Number((directive.arguments![0]!.value as { value: string }).value) : 100;
        expect(input.description ?? '', name).toMatch(new RegExp(`\\b(${items}|${items.toLocaleString('en-US')})\\b`));
      }
    });
  });

  it('answers a subscription sent over HTTP with 400 BAD_REQUEST saying where subscriptions run, running nothing', async () => {
    server.statements.length = 0;
    const response = await server.graphql(`subscription ($id: ID!) { seatMapChanged(eventId: $id) { version } }`, { id: toGlobalId('Event', eventId) });
    expect(response.status).toBe(400);
    expect(response.data).toBeUndefined();
    expect(response.errors).toEqual([
      {
        message: 'Subscriptions run over WebSocket (graphql-ws) at /graphql, not over HTTP: open a WebSocket to the same URL with a graphql-ws client.',
        extensions: { code: 'BAD_REQUEST', requestId: expect.any(String) },
      },
    ]);
    expect(server.statements).toEqual([]);
  });

  it('suggests names in error messages, and answers introspection, by default', async () => {
    const typo = await server.graphql(`{ events { edges { node { titel } } } }`);
    expect(typo.errors![0]!.message).toBe('Cannot query field "titel" on type "Event". Did you mean "title"?');
    expect((await server.graphql(`{ __schema { queryType { name } } }`)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect((await fetch(`${server.url}/schema.graphql`)).status).toBe(200);
  });
});

describe('in production, or with the settings', () => {
  const { server } = useTestServer({ events: 2, env: { NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'false' } });
  let socket: TestSocket;
  beforeAll(() => {
    socket = openSocket(server.url);
  });
  afterAll(async () => {
    await socket?.client.dispose();
  });

  it('errors suggest no names, over HTTP and WebSocket, in validation and in variables', async () => {
    const typo = `{ events { edges { node { titel } } } }`;
    expect((await server.graphql(typo)).errors?.map((error) => error.message)).toEqual(['Cannot query field "titel" on type "Event".']);
    expect((await socket.execute(typo)).errors?.map((error) => error.message)).toEqual(['Cannot query field "titel" on type "Event".']);
    const argument = await server.graphql(`{ events(frist: 2) { edges { cursor } } }`);
    expect(argument.errors![0]!.message).toBe('Unknown argument "frist" on field "Query.events".');
    const enumValue = `query ($f: EventFilter) { events(filter: $f) { edges { cursor } } }`;
    for (const { errors } of [await server.graphql(enumValue, { f: { status: ['ON_SAL'] } }), await socket.execute(enumValue, { f: { status: ['ON_SAL'] } })]) {
      expect(errors).toHaveLength(1);
      expect(errors![0]!.message).toMatch(/Value "ON_SAL" does not exist in "EventStatus" enum\.$/);
      expect(errors![0]!.message).not.toMatch(/Did you mean/);
    }
  });

  it('GRAPHQL_INTROSPECTION=false refuses introspection over HTTP and WebSocket, and stops serving the SDL', async () => {
    for (const query of [`{ __schema { types { name } } }`, `{ __type(name: "Event") { fields { name } } }`]) {
      const overHttp = await server.graphql(query);
      expect(overHttp.status).toBe(400);
      expect(overHttp.data).toBeUndefined();
      expect(overHttp.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
        ['GRAPHQL_VALIDATION_FAILED', expect.stringMatching(/^Introspection is turned off on this server/)],
      ]);
      expect((await socket.execute(query)).errors?.map((error) => error.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    }
    expect((await server.graphql(`{ __typename events(first: 1) { edges { cursor } } }`)).errors).toBeUndefined();
    expect((await fetch(`${server.url}/schema.graphql`)).status).toBe(404);
    expect(await (await fetch(`${server.url}/`)).text()).not.toContain('/schema.graphql');
  });
});
