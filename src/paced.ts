/**
 * Fan-out that leaves the process answering requests meanwhile. One event
 * pushed to thousands of sockets is a write per socket, about 40 µs each on a
 * 2-core VM (BENCHMARKS.md): 2,500 seat-map watchers, or a round of 20,000
 * waiting fans, would hold every request of the process for 100 ms to over
 * a second if written in one go. Written a few hundred at a time with the
 * event loop's waiting I/O handled in between, a request waits for one slice
 * at most (about 10 ms).
 */

/** Calls between two turns of the event loop, by default. */
export const CALLS_PER_TURN = 250;

/** Resolves after the event loop has handled the I/O that is waiting (setImmediate runs after the poll phase). */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Calls `each` with every item, in order, `perTurn` of them between two turns of the event loop; Infinity: all in one go. */
export async function forEachPaced<T>(items: readonly T[], each: (item: T) => void, perTurn: number = CALLS_PER_TURN): Promise<void> {
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % perTurn === 0) await nextTurn();
    each(items[i]!);
  }
}
