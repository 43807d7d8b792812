/**
 * The door: at most `concurrency` GraphQL requests of a process run at once,
 * and the others wait their turn, first come, first served.
 *
 * Why: in a rush, every request started at once shares the CPU with all the
 * others, and each step of a request (a confirmation makes about sixteen
 * round trips to PostgreSQL) waits behind every other request's steps. All
 * of them slow down together until their deadline stops them, with their
 * work wasted: 1,019 to 3,266 answers of 504 per default on-sale run
 * (BENCHMARKS.md). Taken in turn, a request once in finishes soon, and the
 * time it waited at the door is time it would have spent waiting anyway.
 *
 * A request whose deadline passes, or whose client goes away, while it waits
 * leaves the line without having run.
 */
import PQueue from 'p-queue';

export interface Door {
  /** Runs `work` once a place is free; rejects with `signal`'s reason, without running it, if that aborts first. */
  enter<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T>;
  /** Requests running now. */
  readonly running: number;
  /** Requests waiting for a place. */
  readonly waiting: number;
}

/** A door letting in `concurrency` requests at a time (Infinity: every one at once). */
export function createDoor(concurrency: number): Door {
  const queue = new PQueue({ concurrency });
  return {
    enter(signal, work) {
      // p-queue also gives up on a task whose signal aborts while it runs, and frees its place although the work goes on.
      // The place is the work's until it ends: so the queue is given a signal that follows the request's only while it waits.
      const waiting = new AbortController();
      const leaveLine = () => waiting.abort(signal.reason);
      if (signal.aborted) leaveLine();
      else signal.addEventListener('abort', leaveLine, { once: true });
      return queue.add(
        () => {
          signal.removeEventListener('abort', leaveLine);
          return work();
        },
        { signal: waiting.signal },
      );
    },
    get running() {
      return queue.pending;
    },
    get waiting() {
      return queue.size;
    },
  };
}
