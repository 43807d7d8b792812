/** The limits of the WebSocket endpoint: validation as over HTTP, bad tokens, subscribers that do not read. */
import { once } from 'node:events';

import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import { MAX_QUERY_ALIASES, MAX_QUERY_DEPTH } from '../src/validation.js';
import { createBuyers, createOnSaleEvent } from './support/booking.js';
import { RELEASE, RESERVE } from './support/booking-operations.js';
import { ANCHOR } from './support/catalog.js';
import { useTestServer } from './support/fixture.js';
import { manualClock } from './support/server.js';
import { openSocket } from './support/ws.js';

/** A subscription nested `levels` inline fragments deep: valid GraphQL, but deeper than any client needs. */
const nestedSubscription = (levels: number) =>
  `subscription ($eventId: ID!) { seatMapChanged(eventId: $eventId) { ${'... on SeatMapDelta { '.repeat(levels)}version${' }'.repeat(levels)} } }`;

/** A query `depth` fields deep, going back and forth between a venue and its sections. */
const nestedQuery = (depth: number) => {
  const hops = Array.from({ length: depth - 5 }, (_, i) => (i % 2 === 0 ? 'sections' : 'venue'));
  return `{ events(first: 1) { edges { node { venue { ${hops.map((hop) => `${hop} { `).join('')}name${' }'.repeat(hops.length)} } } } } }`;
};

/** A subscription whose payload is every change `copies` times over (as many as the alias limit allows): many bytes per delta. */
const heavySubscription = (copies: number) =>
  `subscription ($eventId: ID!) { seatMapChanged(eventId: $eventId) { ${Array.from({ length: copies }, (_, i) => `c${i}: changes { ticketId status price { amount currency } }`).join(' ')} } }`;

describe('live seat map limits', () => {
  const { database, server } = useTestServer({
    events: 2,
    clock: manualClock(ANCHOR),
    env: { WS_MAX_BUFFERED_BYTES: String(64 * 1024), SEAT_MAP_WINDOW_MS: '1' },
  });

  it('refuses an over-deep operation over WebSocket as over HTTP, and runs one at the limit', async () => {
    const [organizer] = await createBuyers(database.sql, 1, 'ORGANIZER');
    const event = await createOnSaleEvent(database.sql, organizer!.userId);
    const socket = openSocket(server.url);
    const tooDeep = await socket.execute(nestedSubscription(MAX_QUERY_DEPTH), { eventId: event.id });
    expect(tooDeep.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
      ['GRAPHQL_VALIDATION_FAILED', `Query depth limit of ${MAX_QUERY_DEPTH} exceeded, found ${MAX_QUERY_DEPTH + 2}.`],
    ]);
    const overHttp = await server.graphql(nestedQuery(MAX_QUERY_DEPTH + 1));
    expect(overHttp.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
      ['GRAPHQL_VALIDATION_FAILED', `Query depth limit of ${MAX_QUERY_DEPTH} exceeded, found ${MAX_QUERY_DEPTH + 1}.`],
    ]);
    const overSocket = await socket.execute(nestedQuery(MAX_QUERY_DEPTH + 1));
    expect(overSocket.errors?.map((error) => error.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect((await server.graphql(nestedQuery(MAX_QUERY_DEPTH))).errors).toBeUndefined();
    expect((await socket.execute(nestedQuery(MAX_QUERY_DEPTH))).errors).toBeUndefined();
    expect((await socket.execute('{ events(first: 1) { edges { node { id } } ')).errors?.map((error) => error.extensions?.code)).toEqual([
      'GRAPHQL_PARSE_FAILED',
    ]);
    await socket.client.dispose();
  });

  it('closes a socket with a token that is not good with 4403 before it can subscribe', async () => {
    expect(await openSocket(server.url, 'not-a-token').closed).toBe(4403);
  });

  it('closes a subscriber that stops reading with 1013 instead of buffering for it without bound', async () => {
    const [organizer] = await createBuyers(database.sql, 1, 'ORGANIZER');
    const event = await createOnSaleEvent(database.sql, organizer!.userId, { gaCapacity: 10, ticketLimit: 10 });
    const [buyer] = await createBuyers(database.sql, 1);
    const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    await once(socket, 'open');
    socket.send(JSON.stringify({ type: 'connection_init' }));
    await once(socket, 'message');
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: heavySubscription(MAX_QUERY_ALIASES), variables: { eventId: event.id } } }));
    const closed = once(socket, 'close');
    socket.pause(); // the client stops reading; the kernel's buffers fill, then the server's

    const warned = () => server.logs.some((line) => line.msg === 'closed a WebSocket that did not keep up with its subscription');
    let rounds = 0;
    for (; !warned() && rounds < 400; rounds++) {
      const hold = await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds: event.units } }, buyer!.token);
      await server.graphql(RELEASE, { input: { holdId: hold.data.reserveSeats.hold.id } }, buyer!.token);
    }
    expect(warned()).toBe(true);
    const buffered = server.logs.find((line) => typeof line.bufferedBytes === 'number')!.bufferedBytes as number;
    expect(buffered).toBeGreaterThan(64 * 1024);
    expect(buffered).toBeLessThan(64 * 1024 + 256 * 1024); // the limit, plus at most the delta that crossed it (about 30 KiB here)
    socket.resume();
    const [code] = (await closed) as [number];
    expect(code).toBe(1013);
  });
});
