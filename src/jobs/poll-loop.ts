/**
 * The rounds of a background job: one every interval, never two at once;
 * after a failed round the next comes sooner or later by backoff, so a job
 * waits out an outage (the database, a search backend, the card processor)
 * and resumes by itself once it is over. An outage of the database is logged
 * once where it is watched (db/availability.ts), not by every job: a round it
 * fails is logged at debug only.
 */
import { isDatabaseUnavailable } from '../db/availability.js';
import type { Logger } from '../logger.js';
import type { Job } from './lifecycle.js';

export interface Backoff {
  /** The wait after a failed round; each failure in a row after it doubles the wait. */
  firstMs: number;
  /** The longest wait. */
  maxMs: number;
  /** The longest wait while the database is unreachable, when shorter than maxMs: the job resumes soon after the database is back. */
  databaseMaxMs?: number;
}

export interface PollLoopOptions<T> {
  /** Names the job in logs. */
  job: string;
  /** Where failed rounds are logged. */
  logger: Logger;
  /** One round of the job. */
  round(): Promise<T>;
  /** Time between rounds; 0: no rounds of its own (tick() still runs one). */
  intervalMs: number;
  /** When the round after a failed one comes. */
  backoff: Backoff;
  /** Each wait after a failure is between half and all of the backoff's, at random, so that processes that failed together (a database restart) do not retry together. */
  jitter?: boolean;
  /** The first round runs at start, rather than one interval later. */
  startAtOnce?: boolean;
  /** How a round that failed for another reason than the database is logged; by default an error, 'round failed; retrying'. */
  failure?: { level: 'warn' | 'error'; message: string };
  /** Test-only: puts `run` off by `ms`, returning what cancels it; by default a timer that does not keep the process alive. */
  defer?: (ms: number, run: () => void) => () => void;
  /** Told of each failed round (the metrics count them). */
  signals?: JobSignals;
}

/** What a job tells the metrics, so that jobs need not know prom-client. */
export interface JobSignals {
  /** A round of `job` failed, whatever the cause (a database outage too). */
  failed(job: string): void;
}

export interface PollLoop<T> extends Job {
  /** Runs a round now, or joins the one under way; the loop's next round counts from its end, as after any round. */
  tick(): Promise<T>;
  /** For a failure seen outside the rounds: the next round comes after the first backoff wait, unless the loop backs off already. */
  retrySoon(): void;
}

export function pollLoop<T>(options: PollLoopOptions<T>): PollLoop<T> {
  const { job, logger, round, intervalMs, backoff, jitter = false, startAtOnce = false, defer = unrefTimer, signals } = options;
  const failure = options.failure ?? { level: 'error', message: 'round failed; retrying' };
  let state: 'new' | 'started' | 'stopped' = 'new';
  let running: Promise<T> | undefined;
  let cancel = () => {};
  let failures = 0;

  function tick(): Promise<T> {
    if (running) return running;
    const current = round();
    running = current;
    current.then(succeeded, failed);
    return current;
  }
  /** The next round of the loop's own in `ms`, instead of the one planned. */
  function plan(ms: number): void {
    cancel();
    if (state === 'started' && intervalMs > 0) cancel = defer(ms, () => void tick().catch(() => {})); // failed() logs the failure
  }
  function succeeded(): void {
    running = undefined;
    failures = 0;
    plan(intervalMs);
  }
  function failed(error: unknown): void {
    running = undefined;
    const databaseDown = isDatabaseUnavailable(error);
    const retryInMs = retryDelay(++failures, databaseDown);
    const fields = { err: error, job, failures, retryInMs };
    signals?.failed(job);
    if (databaseDown) logger.debug(fields, 'round failed: the database is unavailable');
    else logger[failure.level](fields, failure.message);
    plan(retryInMs);
  }
  /** The wait after `inARow` failures: firstMs, doubling up to the ceiling, with jitter between half and all of it. */
  function retryDelay(inARow: number, databaseDown: boolean): number {
    const maxMs = databaseDown ? Math.min(backoff.maxMs, backoff.databaseMaxMs ?? backoff.maxMs) : backoff.maxMs;
    const ceiling = Math.min(maxMs, backoff.firstMs * 2 ** (inARow - 1));
    return jitter ? Math.round(ceiling / 2 + (Math.random() * ceiling) / 2) : ceiling;
  }

  return {
    tick,
    start() {
      if (state !== 'new') return;
      state = 'started';
      if (startAtOnce && intervalMs > 0) void tick().catch(() => {});
      else plan(intervalMs);
    },
    retrySoon() {
      if (failures === 0 && !running) plan(retryDelay(1, false));
    },
    async stop() {
      state = 'stopped';
      cancel();
      await running?.catch(() => {});
    },
  };
}

function unrefTimer(ms: number, run: () => void): () => void {
  const timer = setTimeout(run, ms);
  timer.unref(); // the job's timer alone keeps no process alive
  return () => clearTimeout(timer);
}
