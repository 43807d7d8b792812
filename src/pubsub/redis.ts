/**
 * PubSub over Redis. One subscriber connection per process holds one Redis
 * subscription per channel, shared by every local listener of that channel;
 * ioredis subscribes again by itself after a reconnect. Channels are prefixed
 * so several deployments can share a Redis.
 */
import type { Redis } from 'ioredis';
import type { PubSub } from './pubsub.js';

export interface RedisPubSubOptions {
  /** Publishes with this connection and subscribes with a duplicate of it. */
  redis: Redis;
  /** Prepended to every channel name, e.g. "ticketing:". */
  prefix: string;
}

export async function redisPubSub({ redis, prefix }: RedisPubSubOptions): Promise<PubSub> {
  const subscriber = redis.duplicate({ lazyConnect: true });
  await subscriber.connect();
  /** Per Redis channel: its local listeners, and the SUBSCRIBE they all wait for. */
  const channels = new Map<string, { listeners: Set<(message: string) => void>; subscribed: Promise<unknown> }>();
  subscriber.on('message', (channel: string, message: string) => {
    for (const listener of channels.get(channel)?.listeners ?? []) listener(message);
  });

  return {
    async publish(channel, message) {
      await redis.publish(prefix + channel, message);
    },
    async subscribe(channel, listener) {
      const key = prefix + channel;
      const own = (message: string) => listener(message); // one entry per subscription, even for the same function
      let entry = channels.get(key);
      if (!entry) channels.set(key, (entry = { listeners: new Set(), subscribed: subscriber.subscribe(key) }));
      entry.listeners.add(own);
      await entry.subscribed;
      return async () => {
        entry.listeners.delete(own);
        if (entry.listeners.size === 0 && channels.get(key) === entry) {
          channels.delete(key);
          await subscriber.unsubscribe(key);
        }
      };
    },
    async close() {
      channels.clear();
      subscriber.disconnect();
    },
  };
}
