/**
 * The indexer as a job of every process (they take turns, see indexer.ts):
 * drains the outbox, then polls it every interval. When the backend or the
 * database fails, it retries with exponential backoff (with jitter, up to
 * 30 s; up to 5 s for an unreachable database, so that indexing resumes soon
 * after it is back), so an outage is waited out, not hammered.
 */
import { type PollLoop, pollLoop, type PollLoopOptions } from '../jobs/poll-loop.js';
import type { Logger } from '../logger.js';
import type { Indexer } from './indexer.js';

export interface IndexerLoopOptions extends Pick<PollLoopOptions<number>, 'defer' | 'signals'> {
  /** What each round drains. */
  indexer: Indexer;
  /** Where failed rounds are logged. */
  logger: Logger;
  /** Pause between polls of an empty outbox; 0: no polls of its own (tick() still drains). */
  intervalMs: number;
}

/** 200 ms, 400 ms, 800 ms, ... each between half and all of that. */
const BACKOFF = { firstMs: 200, maxMs: 30_000, databaseMaxMs: 5_000 };

/** The indexer's rounds: each drains the outbox and resolves to the changes it took in. */
export function indexerLoop({ indexer, logger, intervalMs, defer, signals }: IndexerLoopOptions): PollLoop<number> {
  return pollLoop({
    job: 'search indexer',
    logger,
    round: () => indexer.drain(),
    intervalMs,
    backoff: BACKOFF,
    jitter: true,
    startAtOnce: true,
    failure: { level: 'warn', message: 'search indexing failed; the changes stay in the outbox and are retried' },
    defer,
    signals,
  });
}
