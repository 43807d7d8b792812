/**
 * The booking path's latency window (src/waitingroom/latency-window.ts): the
 * p99 of the last seconds' latencies (its counts, through p99Of), within 2 %
 * above the true value, and forgetting what left the window.
 */
import { describe, expect, it } from 'vitest';

import { createLatencyWindow, type LatencyWindow, p99Of } from '../../src/waitingroom/latency-window.js';
import { manualClock } from '../support/server.js';

const T0 = new Date('2030-01-01T10:00:00.000Z');
/** A window's own p99, as the admitter would take it were this the only process. */
const p99 = (window: LatencyWindow) => p99Of([window.counts()]);
const at = (ms: number) => new Date(T0.getTime() + ms);

/** The nearest-rank 99th percentile of `values`. */
function trueP99(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.99 * sorted.length) - 1]!;
}

/** A deterministic stream of numbers in [0, 1). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
}

describe('the latency window', () => {
  it('has no p99 before any latency', () => {
    expect(p99(createLatencyWindow({ clock: manualClock(T0) }))).toBeUndefined();
  });

  it('answers the p99 at or at most 2 % above the true one', () => {
    const clock = manualClock(T0);
    const window = createLatencyWindow({ clock });
    const next = random(7);
    const values: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      clock.set(at(i / 4)); // 20,000 over 5 s
      const ms = 0.5 + 2_000 * next() ** 4; // mostly fast, a long tail
      values.push(ms);
      window.record(ms);
    }
    const answered = p99(window)!;
    expect(answered).toBeGreaterThanOrEqual(trueP99(values));
    expect(answered).toBeLessThanOrEqual(trueP99(values) * 1.02);
  });

  it('is the tail, not the mass: 1 % slow is under the p99, 1.1 % slow is the p99', () => {
    const clock = manualClock(T0);
    const onePercent = createLatencyWindow({ clock });
    const more = createLatencyWindow({ clock });
    for (let i = 0; i < 1_000; i++) {
      onePercent.record(i < 990 ? 10 : 500);
      more.record(i < 989 ? 10 : 500);
    }
    expect(p99(onePercent)).toBeGreaterThanOrEqual(10);
    expect(p99(onePercent)).toBeLessThanOrEqual(10.2);
    expect(p99(more)).toBeGreaterThanOrEqual(500);
    expect(p99(more)).toBeLessThanOrEqual(510);
  });

  it('looks back over the current second and the nine before it, by default', () => {
    const clock = manualClock(T0);
    const window = createLatencyWindow({ clock });
    window.record(300);
    clock.set(at(9_999));
    expect(p99(window)).toBeGreaterThanOrEqual(300);
    clock.set(at(10_000));
    expect(p99(window)).toBeUndefined();
  });

  it('forgets a slow spike once it leaves the window, and honours another window length', () => {
    const clock = manualClock(T0);
    const window = createLatencyWindow({ clock, windowSeconds: 3 });
    for (let second = 0; second < 10; second++) {
      clock.set(at(second * 1_000));
      for (let i = 0; i < 100; i++) window.record(second < 2 ? 800 : 5);
      if (second === 3) expect(p99(window)).toBeGreaterThanOrEqual(800); // second 1 is still in the window
      if (second === 4) expect(p99(window)).toBeLessThanOrEqual(5.1);
    }
  });

  it('counts what is outside its range at the ends, and keeps memory fixed however many it records', () => {
    const clock = manualClock(T0);
    const window = createLatencyWindow({ clock });
    for (const ms of [0, -3, Number.NaN]) window.record(ms);
    expect(p99(window)).toBeLessThanOrEqual(0.1);
    for (let i = 0; i < 1_000_000; i++) window.record(i % 50 === 0 ? 3_600_000 : 1); // a million in one second: counters, not samples
    expect(p99(window)).toBeGreaterThanOrEqual(600_000);
    expect(p99(window)).toBeLessThanOrEqual(612_000);
  });
});

describe('windows of several processes together', () => {
  it('have the p99 of one window holding all their latencies', () => {
    const clock = manualClock(T0);
    const next = random(7);
    const [one, other, both] = [createLatencyWindow({ clock }), createLatencyWindow({ clock }), createLatencyWindow({ clock })];
    for (let i = 0; i < 3_000; i++) {
      const slow = next() < 0.05;
      const ms = slow ? 200 + next() * 800 : 5 + next() * 20;
      (slow ? other : one).record(ms); // every slow one answered by the other process
      both.record(ms);
    }
    expect(p99Of([one.counts(), other.counts()])).toBe(p99(both));
    expect(p99(both)).toBeGreaterThan(200);
    expect(p99(one)).toBeLessThan(26);
    expect(p99Of([[], []])).toBeUndefined();
  });
});
