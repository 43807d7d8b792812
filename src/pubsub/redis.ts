/**
 * PubSub over Redis. One subscriber connection per process holds one Redis
 * subscription per channel, shared by every local listener of that channel.
 * Channels are prefixed so several deployments can share a Redis.
 *
 * Subscriptions are renewed here, not by ioredis (`autoResubscribe: false`),
 * so that `onReconnect` fires only once they are all back in place: a
 * listener that catches up then cannot miss a message published after it.
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
  const subscriber = redis.duplicate({ lazyConnect: true, autoResubscribe: false });
  subscriber.on('error', (error: Error) => redis.emit('error', error)); // reported where the connection's owner listens
  await subscriber.connect();
  /** Per Redis channel: its local listeners, and the SUBSCRIBE they all wait for. */
  const channels = new Map<string, { listeners: Set<(message: string) => void>; subscribed: Promise<unknown> }>();
  const reconnectListeners = new Set<() => void>();
  const connected = () => subscriber.status === 'ready';

  subscriber.on('message', (channel: string, message: string) => {
    for (const listener of channels.get(channel)?.listeners ?? []) listener(message);
  });
  // Every 'ready' from here on is a reconnection (the first one resolved connect() above).
  subscriber.on('ready', async () => {
    try {
      if (channels.size > 0) await subscriber.subscribe(...channels.keys());
    } catch {
      return; // lost again before it was done: the next 'ready' tries again
    }
    for (const listener of reconnectListeners) listener();
  });

  return {
    async publish(channel, message) {
      await redis.publish(prefix + channel, message);
    },
    async subscribe(channel, listener) {
      const key = prefix + channel;
      const own = (message: string) => listener(message); // one entry per subscription, even for the same function
      let entry = channels.get(key);
      if (!entry) {
        // Out of reach now: the 'ready' handler subscribes when the connection is back.
        const subscribed = connected() ? subscriber.subscribe(key).catch(() => {}) : Promise.resolve();
        channels.set(key, (entry = { listeners: new Set(), subscribed }));
      }
      entry.listeners.add(own);
      await entry.subscribed;
      return async () => {
        entry.listeners.delete(own);
        if (entry.listeners.size === 0 && channels.get(key) === entry) {
          channels.delete(key);
          if (connected()) await subscriber.unsubscribe(key).catch(() => {}); // a new connection starts without it anyway
        }
      };
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
    },
    async close() {
      channels.clear();
      reconnectListeners.clear();
      subscriber.disconnect();
    },
  };
}
