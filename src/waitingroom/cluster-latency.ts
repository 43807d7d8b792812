/**
 * The reserve p99 of the whole cluster, which an adaptive room's rate follows
 * (admission-rate.ts). Each process records the reservations it answers in
 * its own window (latency-window.ts) and shares the window about once a
 * second through the queue's store (Redis, or PostgreSQL); the admitter,
 * which runs in one process, takes the p99 of every process's window
 * together. Its own window alone would be a guess: behind a load balancer the
 * admitter's process may answer few reservations, or none.
 */
import type { Clock } from '../clock.js';
import { type LatencyWindow, p99Of } from './latency-window.js';
import type { QueueStore } from './queue-store.js';

export interface ClusterLatencyOptions {
  /** This process's reservations. */
  window: LatencyWindow;
  /** Where the processes share their windows. */
  store: Pick<QueueStore, 'shareLatencies' | 'sharedLatencies'>;
  clock: Clock;
  /** Names this process's share; a new one per process (a restarted process's old share ages out). */
  processId: string;
  /**
   * A share counts while it is at most this old, in ms (3,000): a process that
   * stopped sharing has stopped, or has answered no reservation for a whole
   * window.
   */
  freshMs?: number;
}

export interface ClusterLatency {
  /** Shares this process's window, when it holds any latency. */
  share(): Promise<void>;
  /** The p99 of every process's fresh share together, this process's shared first; undefined when none holds any. */
  p99(): Promise<number | undefined>;
}

export function createClusterLatency({ window, store, clock, processId, freshMs = 3_000 }: ClusterLatencyOptions): ClusterLatency {
  async function share(): Promise<void> {
    const counts = window.counts();
    if (counts.length > 0) await store.shareLatencies(processId, counts, clock());
  }
  return {
    share,
    async p99() {
      await share();
      return p99Of(await store.sharedLatencies(new Date(clock().getTime() - freshMs)));
    },
  };
}
