/**
 * Which subscription events are rendered once and shared, over real sockets
 * and the real WebSocket endpoint, on a small schema of the test's own: only
 * a field the schema declares `@shared` is rendered once per event and
 * selection, with no viewer, and the same bytes go to everyone; any other
 * field is rendered for each subscriber with their own context, so a
 * per-user payload reaches its user only. Both ways keep the socket limits
 * (the slow-consumer close 1013, operations per socket). No database.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';

import { makeExecutableSchema } from '@graphql-tools/schema';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';

import type { Viewer } from '../src/accounts/policy.js';
import { invalidToken, unauthenticated } from '../src/errors.js';
import { createEventStream } from '../src/event-stream.js';
import { maskInternalErrors } from '../src/format-error.js';
import { loadTypeDefs } from '../src/graphql-schema.js';
import { createQueryCost } from '../src/limits/query-cost.js';
import { attachGraphQLWebSocket, TOO_MANY_SUBSCRIPTIONS } from '../src/ws/endpoint.js';
import { sharedSubscriptionFields, SLOW_CONSUMER_CLOSE_CODE } from '../src/ws/shared-subscriptions.js';
import { openSocket, type TestSocket } from './support/ws.js';

const MAX_SUBSCRIPTIONS = 3;
const MAX_BUFFERED_BYTES = 64 * 1024;

/** Everyone's users, by token. */
const viewers: Record<string, Viewer> = {
  alice: { userId: 1, role: 'FAN', sessionId: 'alice' },
  bob: { userId: 2, role: 'FAN', sessionId: 'bob' },
};
const nameOf = (viewer: Viewer | null | undefined) => (viewer ? viewer.sessionId : null);

/**
 * `tick` is the same for everyone (declared so); `whoAmI` is each subscriber's
 * own name, on every tick. `sharedWhoAmI` says whether whoAmI is (wrongly)
 * declared shared too.
 */
const typeDefs = (sharedWhoAmI: boolean) => `
  directive @shared on FIELD_DEFINITION
  type Query { ok: Boolean }
  type Tick { n: Int! viewer: String }
  type Subscription {
    tick: Tick! @shared
    whoAmI(repeat: Int = 1): String ${sharedWhoAmI ? '@shared' : ''}
  }
`;

type Context = { viewer: Viewer | null };
interface Tick {
  n: number;
}

/** The endpoint on a schema of the test's own, on a server of its own, and what its resolvers saw. */
async function startEndpoint(sharedWhoAmI: boolean, keepAliveMs?: number) {
  /** Where published ticks go: one function per live subscription. */
  const feeds = new Set<(tick: Tick) => void>();
  const seen = {
    /** The viewer of each context a `subscribe` resolver ran with. */
    subscribedAs: [] as (string | null)[],
    /** The viewer of each context a field of an event was rendered with. */
    renderedAs: [] as (string | null)[],
    executions: 0,
  };
  const schema = makeExecutableSchema({
    typeDefs: typeDefs(sharedWhoAmI),
    resolvers: {
      Subscription: {
        tick: {
          // An EventStream, as the seat map's: deliver listens to it.
          subscribe: (_: unknown, __: unknown, { viewer }: Context) => {
            seen.subscribedAs.push(nameOf(viewer));
            const { stream, push } = createEventStream<Tick>(async () => void feeds.delete(push));
            feeds.add(push);
            return stream;
          },
          resolve: (tick: Tick) => tick,
        },
        whoAmI: {
          // A plain async iterator (no `listen`): deliver reads it event by event.
          subscribe: (_: unknown, __: unknown, { viewer }: Context) => {
            seen.subscribedAs.push(nameOf(viewer));
            if (!viewer) throw unauthenticated('Log in to see who you are.'); // authorized per subscriber, when subscribing
            const { stream, push } = createEventStream<Tick>(async () => void feeds.delete(push));
            feeds.add(push);
            const plain: AsyncIterableIterator<Tick> = { [Symbol.asyncIterator]: () => plain, next: () => stream.next(), return: () => stream.return!() };
            return plain;
          },
          resolve: (_: Tick, { repeat }: { repeat: number }, { viewer }: Context) => {
            seen.renderedAs.push(nameOf(viewer));
            return viewer ? viewer.sessionId.repeat(repeat) : null;
          },
        },
      },
      Tick: {
        viewer: (_: Tick, __: unknown, { viewer }: Context) => {
          seen.renderedAs.push(nameOf(viewer));
          return nameOf(viewer);
        },
      },
    },
  });
  const logs: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const httpServer: Server = createServer();
  const endpoint = attachGraphQLWebSocket<Context>({
    httpServer,
    schema,
    authenticate: async (authorization) => {
      if (!authorization) return null;
      const viewer = viewers[authorization.replace(/^Bearer /, '')];
      if (!viewer) throw invalidToken('No such session.');
      return viewer;
    },
    clientAddress: () => '127.0.0.1',
    context: (viewer) => ({ viewer }),
    queryCost: createQueryCost(schema, 1_000),
    formatError: maskInternalErrors(logger),
    logger,
    maxSubscriptionsPerSocket: MAX_SUBSCRIPTIONS,
    maxBufferedBytes: MAX_BUFFERED_BYTES,
    onSubscriptionExecution: () => void seen.executions++,
    keepAliveMs,
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`,
    feeds,
    seen,
    logs,
    /** One tick, the very same object, to every live subscription. */
    publish(n: number) {
      const tick: Tick = { n };
      for (const feed of feeds) feed(tick);
    },
    /** Resolves once `count` subscriptions are live. */
    live: (count: number) => vi.waitFor(() => expect(feeds.size).toBe(count)),
    async stop() {
      await endpoint.close();
      await new Promise((resolve) => httpServer.close(resolve));
    },
  };
}

/** A subscription's results as they come, and the errors that refused or ended it. */
function subscribe(socket: TestSocket, query: string) {
  const results: any[] = [];
  const errors: any[] = [];
  socket.client.subscribe(
    { query },
    { next: (value) => void results.push(value), error: (error) => void errors.push(...(Array.isArray(error) ? error : [error])), complete: () => {} },
  );
  return {
    results,
    errors,
    /** Waits for `count` results. */
    received: (count: number) => vi.waitFor(() => expect(results.length).toBeGreaterThanOrEqual(count)),
  };
}

describe('which subscriptions are shared', () => {
  let endpoint: Awaited<ReturnType<typeof startEndpoint>>;
  const sockets: TestSocket[] = [];
  const open = (token?: string) => {
    const socket = openSocket(endpoint.url, token);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    endpoint = await startEndpoint(false);
  });
  // Each test starts with no subscription live, whatever the last one left.
  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((socket) => socket.client.dispose()));
    await endpoint.live(0);
  });
  afterAll(async () => {
    await endpoint?.stop();
  });

  it('reads @shared from the schema: of the API, seatMapChanged only', () => {
    expect(sharedSubscriptionFields(makeExecutableSchema({ typeDefs: loadTypeDefs() }))).toEqual(new Set(['seatMapChanged']));
    expect(sharedSubscriptionFields(makeExecutableSchema({ typeDefs: typeDefs(false) }))).toEqual(new Set(['tick']));
    // A schema that does not declare the directive shares nothing.
    expect(sharedSubscriptionFields(makeExecutableSchema({ typeDefs: 'type Query { ok: Boolean } type Subscription { tick: Int }' }))).toEqual(new Set());
  });

  it('renders a field that is not @shared for each subscriber, with their own viewer: each gets their own name, never another’s', async () => {
    const alice = subscribe(open('alice'), 'subscription { whoAmI }');
    const bob = subscribe(open('bob'), 'subscription { whoAmI }');
    const anonymous = subscribe(open(), 'subscription { whoAmI }');
    await anonymous.received(1); // refused when subscribing (graphql-ws sends the failed subscribe as a result with errors)
    expect(anonymous.results.map(({ errors }) => errors?.map((error: any) => error.extensions?.code))).toEqual([['UNAUTHENTICATED']]);
    await endpoint.live(2);
    endpoint.seen.executions = 0;
    endpoint.seen.renderedAs.length = 0;

    endpoint.publish(1);
    endpoint.publish(2);
    await Promise.all([alice.received(2), bob.received(2)]);
    expect(alice.results).toEqual([{ data: { whoAmI: 'alice' } }, { data: { whoAmI: 'alice' } }]);
    expect(bob.results).toEqual([{ data: { whoAmI: 'bob' } }, { data: { whoAmI: 'bob' } }]);
    expect(endpoint.seen.executions).toBe(4); // each event once per subscriber: the same selection, not shared
    expect(endpoint.seen.renderedAs.sort()).toEqual(['alice', 'alice', 'bob', 'bob']);
  });

  it('renders a @shared field once per event and selection however many subscribe, with no viewer, and sends everyone the same', async () => {
    const withViewer = 'subscription { tick { n viewer } }';
    const aliceSocket = open('alice');
    const subscriptions = [
      subscribe(aliceSocket, withViewer),
      subscribe(open('bob'), withViewer),
      ...Array.from({ length: 3 }, () => subscribe(open(), withViewer)), // anonymous may watch this one
    ];
    const numbersOnly = subscribe(aliceSocket, 'subscription { tick { n } }'); // alice again, another selection
    await endpoint.live(6);
    expect(endpoint.seen.subscribedAs.slice(-6).sort()).toEqual(['alice', 'alice', 'bob', null, null, null].sort()); // each subscribed as themselves
    endpoint.seen.executions = 0;
    endpoint.seen.renderedAs.length = 0;

    for (let n = 1; n <= 3; n++) endpoint.publish(n);
    await Promise.all([...subscriptions, numbersOnly].map((subscription) => subscription.received(3)));
    for (const { results } of subscriptions) expect(results).toEqual([1, 2, 3].map((n) => ({ data: { tick: { n, viewer: null } } })));
    expect(numbersOnly.results).toEqual([1, 2, 3].map((n) => ({ data: { tick: { n } } })));
    expect(endpoint.seen.executions).toBe(6); // 3 events x 2 selections, not x 6 subscribers
    expect(endpoint.seen.renderedAs).toEqual([null, null, null]); // rendered as nobody, not as the first subscriber
  });

  it(`refuses an operation over ${MAX_SUBSCRIPTIONS} on a socket, shared or not, and those under it go on`, async () => {
    const socket = open('alice');
    const running = [
      subscribe(socket, 'subscription { whoAmI }'),
      subscribe(socket, 'subscription { tick { n } }'),
      subscribe(socket, 'subscription { whoAmI }'),
    ];
    await endpoint.live(3);
    for (const query of ['subscription { whoAmI }', 'subscription { tick { n } }']) {
      const over = subscribe(socket, query);
      await vi.waitFor(() => expect(over.errors.map((error) => error.extensions?.code)).toEqual([TOO_MANY_SUBSCRIPTIONS]));
    }
    endpoint.publish(1);
    await Promise.all(running.map((subscription) => subscription.received(1)));
    expect(running.map(({ results }) => results)).toEqual([[{ data: { whoAmI: 'alice' } }], [{ data: { tick: { n: 1 } } }], [{ data: { whoAmI: 'alice' } }]]);
  });

  // Messages are framed by hand (writeTextFrame): the three ways RFC 6455 writes a length, each read back by a client.
  it('sends a message of any length intact: under 126 bytes, under 64 KiB, and over', async () => {
    const socket = open('alice');
    const sizes = [1, 1_000, 20_000];
    const bySize = sizes.map((repeat) => subscribe(socket, `subscription { whoAmI(repeat: ${repeat}) }`));
    await endpoint.live(sizes.length);
    endpoint.publish(1);
    await Promise.all(bySize.map((subscription) => subscription.received(1)));
    expect(bySize.map(({ results }) => results)).toEqual(sizes.map((repeat) => [{ data: { whoAmI: 'alice'.repeat(repeat) } }]));
  });

  it('closes a subscriber of a field that is not @shared with 1013 when it stops reading, as for a shared one', async () => {
    const socket = new WebSocket(`${endpoint.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    await once(socket, 'open');
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer bob' } }));
    await once(socket, 'message');
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { whoAmI(repeat: 20000) }' } })); // 60 kB a message
    await endpoint.live(1);
    const closed = once(socket, 'close');
    socket.pause(); // the client stops reading; the kernel's buffers fill, then the server's

    let rounds = 0;
    for (; socket.readyState === WebSocket.OPEN && rounds < 1_000; rounds++) {
      endpoint.publish(rounds);
      await nextTurn();
      if (endpoint.logs.some((line) => line.msg === 'closed a WebSocket that did not keep up with its subscription')) break;
    }
    socket.resume();
    const [code] = (await closed) as [number];
    expect(code).toBe(SLOW_CONSUMER_CLOSE_CODE);
    expect(rounds).toBeLessThan(1_000);
    await endpoint.live(0); // its source was let go
  });
});

describe('a field wrongly declared @shared', () => {
  let endpoint: Awaited<ReturnType<typeof startEndpoint>>;
  beforeAll(async () => {
    endpoint = await startEndpoint(true);
  });
  afterAll(async () => {
    await endpoint?.stop();
  });

  it('still shows nobody’s data: it is rendered once, with no viewer, so neither subscriber gets the other’s name', async () => {
    const sockets = [openSocket(endpoint.url, 'alice'), openSocket(endpoint.url, 'bob')];
    const [alice, bob] = sockets.map((socket) => subscribe(socket, 'subscription { whoAmI }'));
    await endpoint.live(2);
    endpoint.seen.executions = 0;
    endpoint.publish(1);
    await Promise.all([alice!.received(1), bob!.received(1)]);
    expect([alice!.results, bob!.results]).toEqual([[{ data: { whoAmI: null } }], [{ data: { whoAmI: null } }]]);
    expect(endpoint.seen.executions).toBe(1);
    await Promise.all(sockets.map((socket) => socket.client.dispose()));
  });
});

describe('keep-alive', () => {
  let endpoint: Awaited<ReturnType<typeof startEndpoint>>;
  beforeAll(async () => {
    endpoint = await startEndpoint(false, 50);
  });
  afterAll(async () => {
    await endpoint?.stop();
  });

  it('drops a socket that does not answer a ping by the next, and keeps one that does', async () => {
    const url = `${endpoint.url.replace(/^http/, 'ws')}/graphql`;
    const silent = new WebSocket(url, 'graphql-transport-ws', { autoPong: false });
    const answering = new WebSocket(url, 'graphql-transport-ws');
    await Promise.all([once(silent, 'open'), once(answering, 'open')]);
    let pings = 0;
    answering.on('ping', () => void pings++);
    const [code] = (await once(silent, 'close')) as [number];
    expect(code).toBe(1006); // terminated, with no closing handshake
    await vi.waitFor(() => expect(pings).toBeGreaterThanOrEqual(3));
    expect(answering.readyState).toBe(WebSocket.OPEN);
    answering.terminate();
  });
});
