/**
 * What one client may hold open over WebSocket: at most
 * MAX_SUBSCRIPTIONS_PER_SOCKET operations per socket (the one over is
 * refused with TOO_MANY_SUBSCRIPTIONS) and MAX_SOCKETS_PER_ADDRESS sockets
 * per client address (the upgrade over is refused with 429). Those under the
 * limits go on working.
 */
import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';

import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import { createBuyers, createOnSaleEvent, type OnSaleEvent } from './support/booking.js';
import { RELEASE, RESERVE } from './support/booking-operations.js';
import { ANCHOR } from './support/catalog.js';
import { useTestServer } from './support/fixture.js';
import { SEAT_MAP_CHANGED } from './support/seat-map-watcher.js';
import { manualClock } from './support/server.js';
import { openSocket, type TestSocket } from './support/ws.js';

const MAX_SUBSCRIPTIONS = 3;
const MAX_SOCKETS = 3;

describe('WebSocket limits', () => {
  const { database, server } = useTestServer({
    events: 2,
    clock: manualClock(ANCHOR),
    env: { MAX_SUBSCRIPTIONS_PER_SOCKET: String(MAX_SUBSCRIPTIONS), MAX_SOCKETS_PER_ADDRESS: String(MAX_SOCKETS), SEAT_MAP_WINDOW_MS: '1' },
  });
  let event: OnSaleEvent;
  let buyerToken: string;

  beforeAll(async () => {
    const [organizer] = await createBuyers(database.sql, 1, 'ORGANIZER');
    event = await createOnSaleEvent(database.sql, organizer!.userId);
    buyerToken = (await createBuyers(database.sql, 1))[0]!.token;
  });

  /** The event's seat-map version now. */
  async function version(): Promise<number> {
    return (await server.graphql(`query ($id: ID!) { seatMap(eventId: $id) { version } }`, { id: event.id })).data.seatMap.version;
  }

  /**
   * Subscribes to the event's seat map on `socket` from `sinceVersion` (so a
   * change made before the subscription is live still reaches it); resolves
   * with the first delta, or the errors that refused it.
   */
  function watch(socket: TestSocket, sinceVersion: number) {
    let refused!: (errors: unknown) => void;
    let delta!: (value: any) => void;
    const outcome = new Promise<{ errors?: any[]; delta?: any }>((resolve) => {
      refused = (errors) => resolve({ errors: errors as any[] });
      delta = (value) => resolve({ delta: value.data.seatMapChanged });
    });
    const unsubscribe = socket.client.subscribe(
      { query: SEAT_MAP_CHANGED, variables: { eventId: event.id, sinceVersion } },
      { next: delta, error: (error) => refused(Array.isArray(error) ? error : [error]), complete: () => {} },
    );
    return { outcome, unsubscribe };
  }

  /** Holds and releases a ticket: a seat-map change for every watcher. */
  async function changeTheMap() {
    const hold = await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds: [event.units[0]] } }, buyerToken);
    expect(hold.data.reserveSeats.userErrors).toEqual([]);
    await server.graphql(RELEASE, { input: { holdId: hold.data.reserveSeats.hold.id } }, buyerToken);
  }

  it(`refuses a socket's subscription over ${MAX_SUBSCRIPTIONS} with TOO_MANY_SUBSCRIPTIONS, and those under it still get their changes`, async () => {
    const socket = openSocket(server.url);
    const since = await version();
    const watchers = Array.from({ length: MAX_SUBSCRIPTIONS }, () => watch(socket, since));
    const over = watch(socket, since);
    const { errors } = await over.outcome;
    expect(errors?.map((error) => [error.extensions?.code, error.extensions?.maxSubscriptions])).toEqual([['TOO_MANY_SUBSCRIPTIONS', MAX_SUBSCRIPTIONS]]);

    await changeTheMap();
    for (const watcher of watchers) expect((await watcher.outcome).delta?.eventId).toBe(event.id);

    // A completed subscription frees its place.
    watchers[0]!.unsubscribe();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const sinceThen = await version();
    const next = watch(socket, sinceThen);
    await changeTheMap();
    expect((await next.outcome).delta?.eventId).toBe(event.id);
    await socket.client.dispose();
  });

  it(`refuses the upgrade of an address's socket over ${MAX_SOCKETS} with 429, and the others still work`, async () => {
    await new Promise((resolve) => setTimeout(resolve, 100)); // the last test's socket has closed
    const sockets = Array.from({ length: MAX_SOCKETS }, () => openSocket(server.url));
    for (const socket of sockets) expect((await socket.execute('{ __typename }')).data).toEqual({ __typename: 'Query' });

    const refused = new WebSocket(`${server.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    const [, response] = (await once(refused, 'unexpected-response')) as [unknown, IncomingMessage];
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('10');
    refused.on('error', () => {}); // terminating a socket that never opened reports it
    refused.terminate();

    for (const socket of sockets) expect((await socket.execute('{ __typename }')).data).toEqual({ __typename: 'Query' });
    // A closed socket frees its place.
    await sockets[0]!.client.dispose();
    await sockets[0]!.closed;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const another = openSocket(server.url);
    expect((await another.execute('{ __typename }')).data).toEqual({ __typename: 'Query' });
    for (const socket of [...sockets.slice(1), another]) await socket.client.dispose();
  });
});
