/**
 * How many a room admits a round (src/waitingroom/admission-rate.ts): a fixed
 * rate exactly, with fractions carried; the cap and the queue respected, with
 * no burst after them; the adaptive rate down when the reserve p99 is over its
 * target (to no less than 90% of the rate fans are served at) and up when it
 * is under, within its bounds, never stopping.
 */
import { describe, expect, it } from 'vitest';

import { admissionsThisRound, DEFAULT_ADAPTIVE_RATE, type RateState, type RoundInput } from '../../src/waitingroom/admission-rate.js';

const T0 = Date.parse('2030-01-01T10:00:00.000Z');
const base: RoundInput = {
  now: T0,
  intervalMs: 1_000,
  maxElapsedMs: 5_000,
  admitPerMinute: 90,
  maxActiveBuyers: null,
  admittedCount: 0,
  waitingCount: 1_000_000,
  reserveP99Ms: undefined,
};

/**
 * Rounds at the given times (ms after T0), each with `input(i)` over the base;
 * the counts and the last state. Unless `input` says how many are admitted,
 * every fan let in stays (none finishes).
 */
function rounds(times: number[], input: (i: number) => Partial<RoundInput> = () => ({}), state?: RateState) {
  const counts: number[] = [];
  const rates: number[] = [];
  for (const [i, time] of times.entries()) {
    const round = admissionsThisRound(state, { ...base, admittedCount: sum(counts), ...input(i), now: T0 + time });
    counts.push(round.count);
    rates.push(round.state.perMinute);
    state = round.state;
  }
  return { counts, rates, state: state!, total: counts.reduce((sum, count) => sum + count, 0) };
}
const everySecond = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i * 1_000);
const sum = (counts: number[]) => counts.reduce((total, count) => total + count, 0);

describe('a fixed admission rate', () => {
  it('admits 1 and 2 alternately at 90 a minute, 90 in 60 rounds', () => {
    const { counts, total } = rounds(everySecond(60));
    expect(counts.slice(0, 6)).toEqual([1, 2, 1, 2, 1, 2]);
    expect(total).toBe(90);
  });

  it('admits exactly the rate in any minute of rounds a second apart, whatever the rate', () => {
    for (const admitPerMinute of [1, 7, 59, 60, 61, 90, 100, 137, 600, 999, 6_000]) {
      const { counts } = rounds(everySecond(180), () => ({ admitPerMinute }));
      for (const start of [0, 60, 120]) expect([admitPerMinute, sum(counts.slice(start, start + 60))]).toEqual([admitPerMinute, admitPerMinute]);
    }
  });

  it('keeps the rate by the time between rounds, however irregular', () => {
    // 60 seconds of rounds: the first earns one nominal interval, the others the time since the one before.
    const gaps = [700, 1_300, 1_000, 450, 1_550, 2_000, 0, 1_000];
    const times = [0];
    while (times.length < 59) times.push(times.at(-1)! + gaps[times.length % gaps.length]!);
    times.push(59_000);
    expect(rounds(times, () => ({ admitPerMinute: 137 })).total).toBe(137);
  });

  it('admits no more than the fans waiting, and drops what they left unused', () => {
    const { counts } = rounds(everySecond(10), (i) => ({ admitPerMinute: 600, waitingCount: i < 5 ? 3 : 1_000 }));
    expect(counts).toEqual([3, 3, 3, 3, 3, 10, 10, 10, 10, 10]);
  });

  it('never takes admitted fans over maxActiveBuyers, and admits no burst once slots free', () => {
    const admitted = [0, 8, 10, 25, 10, 10, 10, 0, 0];
    const { counts } = rounds(everySecond(admitted.length), (i) => ({ admitPerMinute: 600, maxActiveBuyers: 10, admittedCount: admitted[i]! }));
    expect(counts).toEqual([10, 2, 0, 0, 0, 0, 0, 10, 10]);
  });

  it('earns for at most maxElapsedMs after a stall, and nothing for a round when the clock went back', () => {
    expect(rounds([0, 60_000], () => ({ admitPerMinute: 600 })).counts).toEqual([10, 50]);
    expect(rounds([0, -5_000, -4_000], () => ({ admitPerMinute: 600 })).counts).toEqual([10, 0, 10]);
  });
});

describe('the adaptive admission rate', () => {
  const adaptive =
    (p99: (i: number) => number | undefined, extra: (i: number) => Partial<RoundInput> = () => ({})) =>
    (i: number) => ({
      admitPerMinute: null,
      reserveP99Ms: p99(i),
      ...extra(i),
    });
  const { startPerMinute, increasePerMinute, minPerMinute, maxPerMinute, targetP99Ms } = DEFAULT_ADAPTIVE_RATE;

  it('speeds up round by round while the p99 is under the target (or unmeasured) and fans wait', () => {
    const { rates } = rounds(
      everySecond(5),
      adaptive((i) => (i < 2 ? undefined : targetP99Ms)),
    );
    expect(rates).toEqual([1, 2, 3, 4, 5].map((n) => startPerMinute + n * increasePerMinute));
  });

  it('slows down when the injected p99 rises over the target, and speeds up again when it falls', () => {
    const p99 = (i: number) => (i < 10 ? 40 : i < 30 ? 250 : 40);
    const { rates, counts } = rounds(everySecond(60), adaptive(p99));
    const fast = rates[9]!;
    expect(fast).toBe(startPerMinute + 10 * increasePerMinute);
    expect(rates[10]).toBe(fast / 2); // halved at once
    expect(rates.slice(11, 15)).toEqual([fast / 2, fast / 2, fast / 2, fast / 2]); // held for 5 s: the window still holds the cause
    expect(rates[15]).toBe(fast / 4);
    expect(rates[29]).toBeLessThan(fast / 8);
    expect(rates[59]).toBe(rates[29]! + 30 * increasePerMinute); // back up, step by step
    expect(sum(counts.slice(20, 30))).toBeLessThan(sum(counts.slice(0, 10)));
    expect(sum(counts.slice(50, 60))).toBeGreaterThan(sum(counts.slice(20, 30)));
  });

  it('never stops: at its lowest rate the queue still moves', () => {
    // A p99 that keeps growing, 1% a round, whatever the rate: always over 1.5 times its lowest of the last minute.
    const { rates, counts } = rounds(
      everySecond(600),
      adaptive((i) => 200 * 1.01 ** i),
    );
    expect(Math.min(...rates)).toBe(minPerMinute);
    expect(rates.at(-1)).toBe(minPerMinute);
    expect(sum(counts.slice(-60))).toBe(minPerMinute);
  });

  it('never goes over its highest rate', () => {
    const { rates } = rounds(
      everySecond(2_000),
      adaptive(() => 1),
    );
    expect(rates.at(-1)).toBe(maxPerMinute);
  });

  it('does not speed up when the queue or the cap, not the rate, held the round back', () => {
    const fewWaiting = rounds(
      everySecond(5),
      adaptive(
        () => 10,
        () => ({ waitingCount: 3 }),
      ),
    );
    expect(fewWaiting.rates).toEqual(Array(5).fill(startPerMinute));
    const full = rounds(
      everySecond(5),
      adaptive(
        () => 10,
        () => ({ maxActiveBuyers: 50, admittedCount: 48 }),
      ),
    );
    expect(full.rates).toEqual(Array(5).fill(startPerMinute));
    expect(full.counts).toEqual([2, 2, 2, 2, 2]);
  });

  it('keeps admitted fans under maxActiveBuyers while speeding up', () => {
    let admittedCount = 0;
    let state: RateState | undefined;
    for (let i = 0; i < 120; i++) {
      const round = admissionsThisRound(state, { ...base, now: T0 + i * 1_000, admitPerMinute: null, reserveP99Ms: 5, maxActiveBuyers: 100, admittedCount });
      admittedCount += round.count - Math.min(admittedCount, 7); // 7 finish each second
      expect(admittedCount).toBeLessThanOrEqual(100);
      state = round.state;
    }
  });

  it('slows down no lower than 90% of the rate admitted fans finish at, so the sale goes on at what the system serves', () => {
    /** 120 rounds a second apart, admitted fans finishing at most 20 a second (1,200 a minute): p99 under the target for a minute, then over it. */
    const sale = (options: Partial<typeof DEFAULT_ADAPTIVE_RATE> = {}) => {
      let admittedCount = 0;
      let state: RateState | undefined;
      const rates: number[] = [];
      for (let i = 0; i < 120; i++) {
        const reserveP99Ms = i < 60 ? 40 : 250 * 1.01 ** (i - 60); // then growing with the fans let in
        const input = { ...base, now: T0 + i * 1_000, admitPerMinute: null, reserveP99Ms, admittedCount };
        const round = admissionsThisRound(state, input, { ...DEFAULT_ADAPTIVE_RATE, ...options });
        admittedCount += round.count - Math.min(admittedCount + round.count, 20);
        rates.push(round.state.perMinute);
        state = round.state;
      }
      return rates;
    };
    const rates = sale();
    expect(rates[59]).toBe(startPerMinute + 60 * increasePerMinute); // 4,200: well over what is served
    expect(rates[60]).toBe(rates[59]! / 2);
    expect(Math.min(...rates.slice(60))).toBeGreaterThanOrEqual(0.9 * 1_200 * 0.97); // the served rate, smoothed
    expect(rates.at(-1)).toBeLessThan(1_200); // under it: the fans in the system drain
    // The guard off (no share of the served rate kept): the rate halves to its floor.
    expect(sale({ servedShare: 0 }).at(-1)).toBe(minPerMinute);
  });

  it('does not starve the sale for a latency it cannot lower: over a target under the floor, it keeps the p99 near the floor', () => {
    /** The p99: 180 ms however few are let in (the floor), plus 1 ms for each 60 a minute over 1,200 (the fans the rate lets in). */
    const p99At = (perMinute: number) => 180 + Math.max(0, perMinute - 1_200) / 60;
    const sale = (options: Partial<typeof DEFAULT_ADAPTIVE_RATE> = {}) => {
      let state: RateState | undefined;
      const rates: number[] = [];
      for (let i = 0; i < 300; i++) {
        const input = { ...base, now: T0 + i * 1_000, admitPerMinute: null, reserveP99Ms: p99At(state?.perMinute ?? startPerMinute) };
        state = admissionsThisRound(state, input, { ...DEFAULT_ADAPTIVE_RATE, ...options }).state;
        rates.push(state.perMinute);
      }
      return rates;
    };
    const rates = sale();
    expect(Math.min(...rates.slice(100))).toBeGreaterThan(startPerMinute); // sped up past its start, and stays there
    expect(Math.max(...rates.slice(100).map(p99At))).toBeLessThanOrEqual(1.5 * 180 * 1.01); // no higher than 1.5 times the floor, but for the step
    // The guard off (the target alone, which no rate can meet): the rate halves to its floor.
    expect(sale({ baselineTolerance: 0 }).at(-1)).toBe(minPerMinute);
  });

  it('starts from the fixed rate when a room switches to adaptive', () => {
    const { rates } = rounds(everySecond(3), (i) => (i < 2 ? { admitPerMinute: 900 } : { admitPerMinute: null, reserveP99Ms: 10 }));
    expect(rates).toEqual([900, 900, 900 + increasePerMinute]);
  });
});
