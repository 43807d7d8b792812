/**
 * A seat-map delta reaches thousands of watchers of one process a few hundred
 * at a time, with the event loop free in between (src/seatmap/live.ts over
 * src/paced.ts): an admitted fan's reservation waits for one slice of the
 * fan-out, not for all of it. The feed is the real one, on the test database
 * and the in-process pub/sub; the watchers listen as the WebSocket layer does.
 */
import { describe, expect, it, onTestFinished } from 'vitest';

import { createLogger } from '../src/logger.js';
import { memoryPubSub } from '../src/pubsub/memory.js';
import { createLiveSeatMaps } from '../src/seatmap/live.js';
import { useTestDatabase } from './support/fixture.js';

const WATCHERS = 2_000;

describe('the fan-out of a seat-map delta', () => {
  const { database } = useTestDatabase();

  /** The turns of the event loop it took for a delta to reach every watcher, and how many each turn saw reached. */
  async function fanOut(eventId: number, watchersPerTurn?: number): Promise<number[]> {
    const pubsub = memoryPubSub();
    const seatMaps = createLiveSeatMaps({
      pubsub,
      sql: database.sql,
      logger: createLogger('silent'),
      windowMs: 1,
      reconcileIntervalMs: 60_000,
      watchersPerTurn,
    });
    onTestFinished(() => seatMaps.close());
    let reached = 0;
    for (let i = 0; i < WATCHERS; i++) (await seatMaps.watch({ id: eventId, currency: 'EUR' })).listen(() => void reached++);
    const perTurn: number[] = [];
    let seen = 0;
    const everyTurn = () => {
      perTurn.push(reached - seen);
      seen = reached;
      if (reached < WATCHERS) setImmediate(everyTurn);
    };
    seatMaps.publish({ eventId, version: 1, changes: [{ ticketId: 1, status: 'HELD', price: 5_000 }] });
    await new Promise<void>((resolve) => {
      const check = () => (reached === WATCHERS ? resolve() : setImmediate(check));
      setImmediate(everyTurn);
      setImmediate(check);
    });
    return perTurn.filter((count) => count > 0);
  }

  it('hands a delta to at most 250 watchers between two turns of the event loop', async () => {
    const perTurn = await fanOut(101);
    expect(perTurn.reduce((sum, count) => sum + count, 0)).toBe(WATCHERS);
    expect(Math.max(...perTurn)).toBeLessThanOrEqual(250);
  });

  it('would hold the event loop for the whole fan-out with the pacing off (the negative control)', async () => {
    expect(await fanOut(102, Infinity)).toEqual([WATCHERS]);
  });
});
