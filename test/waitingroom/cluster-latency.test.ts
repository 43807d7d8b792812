/**
 * The reserve p99 the admitter follows is the cluster's
 * (src/waitingroom/cluster-latency.ts): two processes, each with its own
 * window and its own connection to the queue's store (PostgreSQL here; the
 * store contract runs the sharing on Redis too), the admitter's process
 * answering only fast reservations and the other only slow ones.
 */
import { describe, expect, it } from 'vitest';

import { createClusterLatency } from '../../src/waitingroom/cluster-latency.js';
import { createLatencyWindow, p99Of } from '../../src/waitingroom/latency-window.js';
import { createPostgresQueueStore } from '../../src/waitingroom/postgres-queue.js';
import { useTestDatabase } from '../support/fixture.js';
import { manualClock } from '../support/server.js';

const T0 = new Date('2030-01-01T10:00:00.000Z');

describe("the cluster's reserve p99", () => {
  const { database } = useTestDatabase();

  function process(name: string, clock: ReturnType<typeof manualClock>) {
    const window = createLatencyWindow({ clock });
    return { window, latency: createClusterLatency({ window, store: createPostgresQueueStore(database.sql), clock, processId: name }) };
  }

  it("is the p99 of every process's reservations, not only those the admitter's own process answered", async () => {
    const clock = manualClock(T0);
    const admitters = process('admitter', clock);
    const other = process('other', clock);
    for (let i = 0; i < 90; i++) admitters.window.record(10);
    for (let i = 0; i < 10; i++) other.window.record(400);
    await other.latency.share();
    expect(p99Of([admitters.window.counts()])).toBeLessThan(11); // its own window alone: what the admitter used to follow
    expect(await admitters.latency.p99()).toBeGreaterThanOrEqual(400);
    expect(await admitters.latency.p99()).toBeLessThan(400 * 1.02);
  });

  it('leaves out a process that has not shared for 3 s (stopped, or answering no reservation)', async () => {
    const clock = manualClock(T0);
    const admitters = process('admitter-2', clock);
    const other = process('other-2', clock);
    for (let i = 0; i < 10; i++) other.window.record(400);
    await other.latency.share();
    expect(await admitters.latency.p99()).toBeGreaterThanOrEqual(400);
    clock.set(new Date(T0.getTime() + 3_001));
    expect(await admitters.latency.p99()).toBeUndefined(); // and its own window holds nothing: no load measured
  });
});
