/** The seat-map cache on its own: which reads it starts, and what each starts from. */
import { describe, expect, it } from 'vitest';

import type { SeatMapView } from '../src/seatmap/seat-map.js';
import { createSeatMapCache } from '../src/seatmap/seat-map-cache.js';
import { manualClock } from './support/server.js';

const START = new Date('2026-01-01T00:00:00Z');

/** A read that finishes when the test says, remembering what it was asked to start from. */
function controlledReads() {
  const calls: { previous: SeatMapView | undefined; finish: (map: SeatMapView) => void }[] = [];
  const read = (previous: SeatMapView | undefined) => new Promise<SeatMapView>((finish) => calls.push({ previous, finish }));
  return { calls, read };
}

const aMap = (version: number) => ({ version, nextExpiry: null }) as unknown as SeatMapView;

describe('seat-map cache', () => {
  it('serves a read still under way to requests arriving after the map it replaces went stale', async () => {
    const clock = manualClock(START);
    const cache = createSeatMapCache({ maxAgeMs: 250, clock });
    const { calls, read } = controlledReads();

    const first = cache.get(1, read);
    clock.set(new Date(START.getTime() + 5_000)); // long past the cache's life, the read still under way
    const second = cache.get(1, read);
    expect(calls).toHaveLength(1);
    calls[0]!.finish(aMap(3));
    expect(await second).toBe(await first);
  });

  it('starts each read from the last map read, and the first from nothing', async () => {
    const clock = manualClock(START);
    const cache = createSeatMapCache({ maxAgeMs: 250, clock });
    const { calls, read } = controlledReads();

    const first = cache.get(1, read);
    calls[0]!.finish(aMap(3));
    await first;
    clock.set(new Date(START.getTime() + 250));
    const second = cache.get(1, read);
    calls[1]!.finish(aMap(5));
    expect((await second).version).toBe(5);
    expect(calls.map((call) => call.previous?.version)).toEqual([undefined, 3]);
  });

  it('lends its last map without reading while fresh or while the next read is under way, and not once stale', async () => {
    const clock = manualClock(START);
    const cache = createSeatMapCache({ maxAgeMs: 250, clock });
    const { calls, read } = controlledReads();
    const after = (ms: number) => clock.set(new Date(START.getTime() + ms));

    const first = cache.get(1, read);
    expect(cache.inMemory(1)).toBeUndefined(); // nothing read yet
    calls[0]!.finish(aMap(3));
    await first;
    expect(cache.inMemory(1)?.version).toBe(3);
    after(250);
    expect(cache.inMemory(1)).toBeUndefined(); // stale, and nobody is reading it again
    void cache.get(1, read);
    expect(cache.inMemory(1)?.version).toBe(3); // the next read under way: the last map, at most a read older
    expect(calls).toHaveLength(2); // inMemory itself never reads
  });

  it('reads every time, from nothing, with the cache off', async () => {
    const cache = createSeatMapCache({ maxAgeMs: 0, clock: manualClock(START) });
    const { calls, read } = controlledReads();
    const first = cache.get(1, read);
    void cache.get(1, read);
    expect(calls.map((call) => call.previous)).toEqual([undefined, undefined]);
    calls[0]!.finish(aMap(3));
    await first;
    expect(cache.inMemory(1)).toBeUndefined();
  });
});
