/**
 * How a round of queuePassChanged pushes reaches thousands of fans in one
 * process (src/waitingroom/live.ts): a few hundred pushes at a time, with the
 * event loop free in between (so an admitted fan's reservation is answered
 * during a round, not after it), the fans whose status changed first, and a
 * round as soon as the admitter has moved the room.
 * The queue's store is a stand-in holding one room: what is tested is the
 * feeds' scheduling, not the store (store-contract.test.ts).
 */
import { describe, expect, it, onTestFinished, vi } from 'vitest';

import { createLogger } from '../../src/logger.js';
import { createQueueFeeds } from '../../src/waitingroom/live.js';
import type { QueuePassRecord, QueueStore, RoomSnapshot } from '../../src/waitingroom/queue-store.js';
import type { PassView } from '../../src/waitingroom/waiting-rooms.js';

const FANS = 2_000;
const now = new Date('2030-01-01T10:00:00Z');

/** A room of FANS numbered, waiting fans, each watched once; `admit(n)` lets number n in, moving everyone behind up. */
async function watchedRoom({ pushesPerTurn, intervalMs = 0 }: { pushesPerTurn?: number; intervalMs?: number } = {}) {
  const room: RoomSnapshot = { servingNumber: 0, lastNumber: FANS, waitingCount: FANS, admittedCount: 0, leftAhead: [], admittedLastMinute: 0, numbered: true };
  const passes = Array.from({ length: FANS }, (_, i): QueuePassRecord => ({
    id: String(i + 1),
    eventId: 1,
    userId: i + 1,
    status: 'WAITING',
    number: i + 1,
    joinedAt: now,
    admittedUntil: null,
    holdId: null,
  }));
  const store: Pick<QueueStore, 'snapshot' | 'pass'> = {
    snapshot: async () => ({ ...room }),
    pass: async (passId) => passes[Number(passId) - 1],
  };
  const feeds = createQueueFeeds({
    store: store as QueueStore,
    settingsOf: async () => undefined,
    clock: () => now,
    logger: createLogger('silent'),
    intervalMs,
    pushesPerTurn,
  });
  const pushes: PassView[] = [];
  // The last fan in the queue subscribes first, the first fan last.
  for (const pass of [...passes].reverse()) (await feeds.watch(pass)).listen((view) => pushes.push(view));
  pushes.length = 0;
  return {
    feeds,
    pushes,
    admit(number: number) {
      passes[number - 1] = { ...passes[number - 1]!, status: 'ADMITTED', admittedUntil: new Date(now.getTime() + 600_000) };
      Object.assign(room, { servingNumber: number, waitingCount: FANS - number, admittedCount: number });
    },
  };
}

/** Runs a round, noting how many pushes each turn of the event loop saw written. */
async function roundByTurn(feeds: Awaited<ReturnType<typeof watchedRoom>>['feeds'], pushes: PassView[]): Promise<number[]> {
  const perTurn: number[] = [];
  let seen = 0;
  let done = false;
  const everyTurn = () => {
    perTurn.push(pushes.length - seen);
    seen = pushes.length;
    if (!done) setImmediate(everyTurn);
  };
  setImmediate(everyTurn);
  await feeds.job.tick();
  done = true;
  await new Promise((resolve) => setImmediate(resolve));
  return perTurn.filter((count) => count > 0);
}

describe('a round of queue-pass pushes', () => {
  it('pushes every fan whose position moved, at most 250 between two turns of the event loop, the admitted fan first', async () => {
    const { feeds, pushes, admit } = await watchedRoom();
    admit(1);
    const perTurn = await roundByTurn(feeds, pushes);
    expect(pushes).toHaveLength(FANS);
    expect(Math.max(...perTurn)).toBeLessThanOrEqual(250);
    expect(perTurn.length).toBeGreaterThanOrEqual(FANS / 250);
    expect(pushes[0]).toMatchObject({ id: '1', status: 'ADMITTED' }); // subscribed last, pushed first
    expect(pushes.slice(1).every((view) => view.status === 'WAITING' && view.position === Number(view.number) - 1)).toBe(true);
  });

  it('would hold the event loop for the whole round with the pacing off (the negative control)', async () => {
    const { feeds, pushes, admit } = await watchedRoom({ pushesPerTurn: Infinity });
    admit(1);
    expect(await roundByTurn(feeds, pushes)).toEqual([FANS]);
  });

  it('runs as soon as the admitter moves the room, and again when it moves during a round, not a minute later', async () => {
    const { feeds, pushes, admit } = await watchedRoom({ intervalMs: 60_000 });
    feeds.job.start();
    onTestFinished(() => feeds.job.stop());
    admit(1);
    feeds.roomMoved();
    await vi.waitFor(() => expect(pushes.length).toBeGreaterThan(0), { interval: 1 });
    admit(2); // while the round is still pushing
    feeds.roomMoved();
    await vi.waitFor(() => expect(pushes.filter((view) => view.status === 'ADMITTED').map((view) => view.id)).toEqual(['1', '2']), { interval: 1 });
  });
});
