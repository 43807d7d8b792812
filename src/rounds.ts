/**
 * The rounds of a background job (the hold sweeper, the payment reconciler):
 * one every interval, never two at once; after a failed round the next comes
 * sooner or later by backoff, so a job waits out a database or processor
 * outage and resumes by itself once it is over. An outage of the database is
 * logged once where it is watched (db/availability.ts), not by every job.
 */
import { isDatabaseUnavailable } from './db/availability.js';
import type { Logger } from './logger.js';

export interface RoundsOptions<T> {
  /** Names the job in logs. */
  job: string;
  logger: Logger;
  /** One round of the job. */
  round(): Promise<T>;
  /** Time between rounds; 0: no rounds of its own (tick() still runs one). */
  intervalMs: number;
  /** After a failed round, the next comes after `first` ms, doubling with each failure in a row up to `max`. */
  retryMs: { first: number; max: number };
  /** The first round runs at once, rather than after one interval. */
  startAtOnce?: boolean;
}

export interface Rounds<T> {
  /** Runs a round now, or joins the one under way. */
  tick(): Promise<T>;
  /** No more rounds; waits for the one under way. */
  stop(): Promise<void>;
}

export function startRounds<T>({ job, logger, round, intervalMs, retryMs, startAtOnce = false }: RoundsOptions<T>): Rounds<T> {
  let running: Promise<T> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;
  let stopped = false;
  const tick = () => (running ??= round().finally(() => (running = undefined)));

  function schedule(ms: number): void {
    if (stopped || intervalMs === 0) return;
    timer = setTimeout(() => void tick().then(succeeded, failed), ms);
    timer.unref();
  }
  function succeeded(): void {
    failures = 0;
    schedule(intervalMs);
  }
  function failed(error: unknown): void {
    const retryInMs = Math.min(retryMs.max, retryMs.first * 2 ** failures++);
    if (isDatabaseUnavailable(error)) logger.debug({ err: error, job, failures, retryInMs }, 'round failed: the database is unavailable');
    else logger.error({ err: error, job, failures, retryInMs }, 'round failed; retrying');
    schedule(retryInMs);
  }
  schedule(startAtOnce ? 0 : intervalMs);

  return {
    tick,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}
