/**
 * A stream of events that a consumer either iterates (it is an async
 * iterator) or `listen`s to: then each event is handed over synchronously as
 * it is pushed. A live seat map pushes one delta to thousands of streams at
 * once; listening, the WebSocket layer writes each to its socket in that same
 * loop, with no promise chain per subscriber (src/ws/shared-subscriptions.ts).
 *
 * A producer may end a stream with an error after its last event (a seat map
 * whose event was cancelled): an iterator's `next` then rejects with it once
 * the events before it are taken, and a listener is handed it after them.
 */
export interface EventStream<T> extends AsyncIterableIterator<T> {
  /**
   * From now on, hands every event (first those already waiting) to `listener`
   * instead of to `next`, and the error the producer ends the stream with, if
   * it does, to `failed`.
   */
  listen(listener: (event: T) => void, failed?: (error: Error) => void): void;
}

/** What a producer holds of its stream: pushing events into it, and ending it with an error. */
export interface EventStreamControls<T> {
  stream: EventStream<T>;
  push(event: T): void;
  /** Ends the stream with `error` after the events pushed before; the consumer stops it then (so `onEnd` runs). */
  fail(error: Error): void;
}

/** A stream and the functions that push events into it and fail it; `onEnd` runs once, when its consumer stops it. */
export function createEventStream<T>(onEnd: () => Promise<void>): EventStreamControls<T> {
  const queue: T[] = [];
  let wake: (() => void) | undefined;
  let listener: ((event: T) => void) | undefined;
  let failedListener: ((error: Error) => void) | undefined;
  let failure: Error | undefined;
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
      while (queue.length === 0 && !ended && !failure) await new Promise<void>((resolve) => (wake = resolve));
      if (ended) return { value: undefined, done: true };
      if (queue.length > 0) return { value: queue.shift()!, done: false };
      const error = failure!;
      await end();
      throw error;
    },
    return: end,
    throw: end,
    listen(handler, failed) {
      listener = handler;
      failedListener = failed;
      for (const event of queue.splice(0)) handler(event);
      if (failure) failed?.(failure);
    },
  };
  return {
    stream,
    push(event) {
      if (ended || failure) return;
      if (listener) return listener(event);
      queue.push(event);
      wake?.();
    },
    fail(error) {
      if (ended || failure) return;
      failure = error;
      if (listener) return failedListener?.(error);
      wake?.();
    },
  };
}
