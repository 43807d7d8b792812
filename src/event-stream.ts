/**
 * A stream of events that a consumer either iterates (it is an async
 * iterator) or `listen`s to: then each event is handed over synchronously as
 * it is pushed. A live seat map pushes one delta to thousands of streams at
 * once; listening, the WebSocket layer writes each to its socket in that same
 * loop, with no promise chain per subscriber (src/ws/shared-subscriptions.ts).
 */
export interface EventStream<T> extends AsyncIterableIterator<T> {
  /** From now on, hands every event (first those already waiting) to `listener` instead of to `next`. */
  listen(listener: (event: T) => void): void;
}

/** A stream and the function that pushes events into it; `onEnd` runs once, when its consumer stops it. */
export function createEventStream<T>(onEnd: () => Promise<void>): { stream: EventStream<T>; push(event: T): void } {
  const queue: T[] = [];
  let wake: (() => void) | undefined;
  let listener: ((event: T) => void) | undefined;
  let ended = false;
  const end = async () => {
    if (!ended) {
      ended = true;
      wake?.();
      await onEnd();
    }
    return { value: undefined, done: true as const };
  };
  const stream: EventStream<T> = {
    [Symbol.asyncIterator]: () => stream,
    async next() {
      while (queue.length === 0 && !ended) await new Promise<void>((resolve) => (wake = resolve));
      return ended ? { value: undefined, done: true } : { value: queue.shift()!, done: false };
    },
    return: end,
    throw: end,
    listen(handler) {
      listener = handler;
      for (const event of queue.splice(0)) handler(event);
    },
  };
  return {
    stream,
    push(event) {
      if (ended) return;
      if (listener) return listener(event);
      queue.push(event);
      wake?.();
    },
  };
}
