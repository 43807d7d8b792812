import { randomBytes } from 'node:crypto';

import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { memoryPubSub } from '../src/pubsub/memory.js';
import type { PubSub } from '../src/pubsub/pubsub.js';
import { redisPubSub } from '../src/pubsub/redis.js';
import { createBuyers } from './support/booking.js';
import { useTestServer } from './support/fixture.js';
import { openSocket } from './support/ws.js';

const redisUrl = process.env.REDIS_URL;

/** Collects what a listener hears. */
function inbox() {
  const messages: string[] = [];
  return { messages, listener: (message: string) => void messages.push(message) };
}

/** Two "processes" of one deployment: over Redis, two PubSubs with their own connections; in memory, one shared. */
const backends = [
  { name: 'in memory', open: async () => ({ peers: [memoryPubSub()].flatMap((p) => [p, p]), raw: undefined }) },
  ...(redisUrl
    ? [
        {
          name: 'in Redis',
          open: async () => {
            const prefix = `test-${randomBytes(4).toString('hex')}:`;
            const connections = [new Redis(redisUrl), new Redis(redisUrl)];
            return { peers: await Promise.all(connections.map((redis) => redisPubSub({ redis, prefix }))), raw: connections[0]!, prefix };
          },
        },
      ]
    : []),
];

describe.each(backends)('pub/sub $name', ({ name, open }) => {
  let peers: PubSub[];
  let raw: Redis | undefined;
  let prefix: string | undefined;

  beforeAll(async () => {
    ({ peers, raw, prefix } = (await open()) as { peers: PubSub[]; raw?: Redis; prefix?: string });
  });
  afterAll(async () => {
    await Promise.all(peers.map((peer) => peer.close()));
    raw?.disconnect();
  });

  it('delivers a message to every subscriber of its channel, in every process, and to no other channel', async () => {
    const [a, b, other] = [inbox(), inbox(), inbox()];
    await peers[0]!.subscribe('seats', a.listener);
    await peers[1]!.subscribe('seats', b.listener);
    await peers[1]!.subscribe('other', other.listener);
    await peers[0]!.publish('seats', 'one');
    await peers[1]!.publish('seats', 'two');
    await vi.waitFor(() =>
      expect([a.messages, b.messages]).toEqual([
        ['one', 'two'],
        ['one', 'two'],
      ]),
    );
    expect(other.messages).toEqual([]);
  });

  it('stops delivering to a subscription once it ends, and keeps the others', async () => {
    const [kept, ended] = [inbox(), inbox()];
    await peers[1]!.subscribe('ending', kept.listener);
    const end = await peers[1]!.subscribe('ending', ended.listener);
    await end();
    await peers[0]!.publish('ending', 'after');
    await vi.waitFor(() => expect(kept.messages).toEqual(['after']));
    expect(ended.messages).toEqual([]);
  });

  it.runIf(name === 'in Redis')('holds one Redis subscription per channel per process, however many listen, and drops it after the last', async () => {
    const channel = 'shared';
    const subscriptions = async () => {
      const [, count] = (await raw!.pubsub('NUMSUB', prefix + channel)) as [string, number];
      return Number(count);
    };
    const ends = await Promise.all([1, 2, 3].map(() => peers[0]!.subscribe(channel, () => {})));
    expect(await subscriptions()).toBe(1);
    await Promise.all(ends.map((end) => end()));
    expect(await subscriptions()).toBe(0);
  });
});

describe.runIf(redisUrl)('sessions ended in one process', () => {
  const redisKeyPrefix = `test-${randomBytes(4).toString('hex')}:`;
  const { database, server } = useTestServer({ events: 2, redisUrl, redisKeyPrefix });
  const { server: other } = useTestServer({ database, redisUrl, redisKeyPrefix });
  const servers = [server, other];

  it('close their sockets on every process at once', async () => {
    const [buyer] = await createBuyers(database.sql, 1);
    const socket = openSocket(servers[1]!.url, buyer!.token);
    expect((await socket.execute('{ me { id } }')).data?.me).not.toBeNull();
    const loggedOut = await servers[0]!.graphql('mutation { logOut { userErrors { code } } }', {}, buyer!.token);
    expect(loggedOut.data.logOut.userErrors).toEqual([]);
    expect(await socket.closed).toBe(4403);
  });
});
