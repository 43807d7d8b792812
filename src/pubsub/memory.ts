/** The PubSub of a single process (the embedded default): delivery never leaves it. */
import type { PubSub } from './pubsub.js';

export function memoryPubSub(): PubSub {
  const listeners = new Map<string, Set<(message: string) => void>>();
  return {
    async publish(channel, message) {
      // Delivered after the publisher goes on, as a broker would, so no listener runs inside its caller.
      for (const listener of listeners.get(channel) ?? []) queueMicrotask(() => listener(message));
    },
    async subscribe(channel, listener) {
      const own = (message: string) => listener(message); // one entry per subscription, even for the same function
      const channelListeners = listeners.get(channel) ?? new Set();
      listeners.set(channel, channelListeners.add(own));
      return async () => {
        channelListeners.delete(own);
        if (channelListeners.size === 0) listeners.delete(channel);
      };
    },
    onReconnect() {}, // there is no connection to lose
    async close() {
      listeners.clear();
    },
  };
}
