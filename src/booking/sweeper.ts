/**
 * Releases expired holds so that seat maps and counts show their tickets free.
 * Correctness never waits for it (every read and claim treats an expired hold
 * as free); it only tidies. One process in the cluster sweeps: the one holding
 * a session advisory lock, which passes to another process when that one's
 * connection ends. Batches skip holds another transaction has locked (a
 * confirmation in flight, or a second sweeper), so each hold ends once.
 *
 * A database restart ends every session, the leader's with it: each round
 * first checks that the leader's session still answers, and when it does not,
 * the election is held again (with backoff while the database stays down).
 */
import type { Clock } from '../clock.js';
import { holdSweeperLock } from '../db/advisory-locks.js';
import type { Sql } from '../db/client.js';
import { gaveWay, limitLockWaits, LOCK_WAIT_MS } from '../db/lock-waits.js';
import { leaderLoop } from '../jobs/leader-loop.js';
import type { Job } from '../jobs/lifecycle.js';
import type { JobSignals } from '../jobs/poll-loop.js';
import type { Logger } from '../logger.js';
import type { SeatMapLog } from '../seatmap/change-log.js';
import { endHolds } from './holds.js';
import type { Idempotency } from './idempotency.js';
import { lockExpiredHolds } from './store/holds.js';

export const SWEEP_BATCH_SIZE = 500;

/**
 * Ends up to `batchSize` expired holds in one transaction; returns how many it ended. A reservation may be taking
 * an expired hold's seats meanwhile: the sweep gives way to it (src/db/lock-waits.ts) rather than deadlock, and
 * throws what gaveWay() knows (its holds stay for a later sweep; nobody waits for them, since an expired hold is free).
 */
export async function sweepExpiredHolds(
  seatMapLog: SeatMapLog,
  clock: Clock,
  batchSize = SWEEP_BATCH_SIZE,
  { unsafeWaitForLocks = false } = {},
): Promise<number> {
  return seatMapLog.transaction(async (tx) => {
    const now = clock();
    const expired = await lockExpiredHolds(tx, now, batchSize);
    if (expired.length === 0) return 0;
    if (!unsafeWaitForLocks) await limitLockWaits(tx, LOCK_WAIT_MS);
    return (await endHolds(tx, expired, 'EXPIRED', now)).length;
  });
}

export interface SweeperOptions {
  sql: Sql;
  clock: Clock;
  logger: Logger;
  idempotency: Idempotency;
  /** Time between sweeps; 0: no sweeps of its own (tick() still runs one). */
  intervalMs: number;
  /** Where each batch records the seats it frees. */
  seatMapLog: SeatMapLog;
  /** Told of failed rounds (the metrics). */
  signals?: JobSignals;
}

export interface Sweeper extends Job {
  /** True while this process is the one that sweeps. */
  isLeader(): boolean;
  /** Runs one round now if leader (or once elected): every expired hold, then old idempotency keys. Returns holds ended. */
  tick(): Promise<number>;
  /** Stops sweeping and gives up leadership. */
  stop(): Promise<void>;
}

const JOB = 'hold sweeper';
/** The longest wait between failed rounds (each failure in a row doubles the wait, from one interval). */
const MAX_RETRY_MS = 5_000;

/** The hold sweeper, to start with the server's jobs. */
export function createSweeper({ sql, clock, logger, idempotency, intervalMs, seatMapLog, signals }: SweeperOptions): Sweeper {
  let stopped = false;

  async function sweep(): Promise<number> {
    let ended = 0;
    let batch: number;
    try {
      do {
        batch = await sweepExpiredHolds(seatMapLog, clock);
        ended += batch;
      } while (batch === SWEEP_BATCH_SIZE && !stopped);
    } catch (error) {
      if (!gaveWay(error)) throw error;
      logger.debug('the sweep gave way to a reservation taking an expired hold’s seats; the next one goes on');
    }
    if (ended > 0) logger.info({ holds: ended }, 'released expired holds');
    await idempotency.purgeExpired();
    return ended;
  }

  const loop = leaderLoop({
    sql,
    lock: holdSweeperLock,
    job: JOB,
    logger,
    round: sweep,
    idle: 0,
    intervalMs,
    backoff: { firstMs: intervalMs, maxMs: MAX_RETRY_MS },
    signals,
  });
  return {
    ...loop,
    async stop() {
      stopped = true;
      await loop.stop();
    },
  };
}
