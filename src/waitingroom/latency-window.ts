/**
 * The booking path's recent latencies (reserveSeats, in ms), for the adaptive
 * admission rate: `record` on every reservation; `counts` once a round, which
 * each process shares and `p99Of` adds up (cluster-latency.ts).
 *
 * Memory is fixed whatever the load: one histogram per second of the window,
 * in a ring, each with buckets growing by 2 % from 0.1 ms to 10 minutes
 * (under 800 counters). Recording is one logarithm and one increment;
 * `counts` adds the window's histograms, and `p99Of` walks the buckets once.
 * The p99 answered is the upper edge of the bucket that holds it: never
 * below the true value, and at most 2 % above it (values outside the range
 * count at its ends).
 */
import type { Clock } from '../clock.js';

export interface LatencyWindowOptions {
  /** Where each latency's time comes from. */
  clock: Clock;
  /** How many seconds the p99 looks back: the current one and those before it (10). */
  windowSeconds?: number;
}

export interface LatencyWindow {
  /** Records one latency, in ms, at the clock's now. */
  record(ms: number): void;
  /** The window ending at the clock's now as counts per bucket, for p99Of (with other processes' windows); [] when it holds none. */
  counts(): LatencyCounts;
}

/** A window's latencies as [bucket, count] pairs, for the buckets that hold any: what processes share (cluster-latency.ts). */
export type LatencyCounts = [bucket: number, count: number][];

const MIN_MS = 0.1;
const MAX_MS = 600_000;
const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);
/** Bucket i holds latencies in (MIN_MS × GROWTH^(i−1), MIN_MS × GROWTH^i]; bucket 0 everything up to MIN_MS. */
const BUCKETS = Math.ceil(Math.log(MAX_MS / MIN_MS) / LOG_GROWTH) + 1;

/** A window of the last `windowSeconds` seconds of latencies. */
export function createLatencyWindow({ clock, windowSeconds = 10 }: LatencyWindowOptions): LatencyWindow {
  const counts = Array.from({ length: windowSeconds }, () => new Uint32Array(BUCKETS));
  /** The second each slot of the ring holds (a slot of an older second is stale: empty). */
  const seconds = new Float64Array(windowSeconds).fill(-Infinity);
  const currentSecond = () => Math.floor(clock().getTime() / 1000);

  function windowCounts(): LatencyCounts {
    const second = currentSecond();
    const total = new Float64Array(BUCKETS);
    for (const [slot, bucketCounts] of counts.entries()) {
      if (second - seconds[slot]! >= windowSeconds || seconds[slot]! > second) continue; // outside the window
      for (let i = 0; i < BUCKETS; i++) total[i]! += bucketCounts[i]!;
    }
    const held: LatencyCounts = [];
    for (let i = 0; i < BUCKETS; i++) if (total[i]! > 0) held.push([i, total[i]!]);
    return held;
  }

  return {
    record(ms) {
      const second = currentSecond();
      const slot = mod(second, windowSeconds);
      if (seconds[slot] !== second) {
        counts[slot]!.fill(0); // the second it held has left the window
        seconds[slot] = second;
      }
      counts[slot]![bucketOf(ms)]!++;
    },
    counts: windowCounts,
  };
}

/** The 99th percentile (nearest rank) of the latencies of several windows together; undefined when they hold none. */
export function p99Of(windows: readonly LatencyCounts[]): number | undefined {
  const total = new Float64Array(BUCKETS);
  let n = 0;
  for (const window of windows) {
    for (const [bucket, count] of window) {
      total[Math.min(Math.max(bucket, 0), BUCKETS - 1)]! += count;
      n += count;
    }
  }
  if (n === 0) return undefined;
  const rank = Math.ceil(0.99 * n);
  let seen = 0;
  for (let i = 0; i < BUCKETS; i++) {
    seen += total[i]!;
    if (seen >= rank) return upperEdge(i);
  }
  return MAX_MS; // not reached: the buckets hold all n
}

function bucketOf(ms: number): number {
  if (!(ms > MIN_MS)) return 0; // NaN and negatives too: a clock stepping back is no latency
  return Math.min(Math.ceil(Math.log(ms / MIN_MS) / LOG_GROWTH), BUCKETS - 1);
}

function upperEdge(bucket: number): number {
  return MIN_MS * GROWTH ** bucket;
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}
