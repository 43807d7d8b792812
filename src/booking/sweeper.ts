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
import type { ReservedSql } from 'postgres';
import type { Clock } from '../clock.js';
import { HOLD_SWEEPER_LOCK } from '../db/advisory-locks.js';
import { isDatabaseUnavailable } from '../db/availability.js';
import type { Sql } from '../db/client.js';
import type { Logger } from '../logger.js';
import { endHolds } from './holds.js';
import type { SeatMapLog } from './seat-map-log.js';
import type { Idempotency } from './idempotency.js';

export const SWEEP_BATCH_SIZE = 500;

/** Ends up to `batchSize` expired holds in one transaction; returns how many it ended. */
export async function sweepExpiredHolds(seatMapLog: SeatMapLog, clock: Clock, batchSize = SWEEP_BATCH_SIZE): Promise<number> {
  return seatMapLog.transaction(async (tx) => {
    const now = clock();
    const expired = await tx<{ id: string }[]>`
      SELECT id FROM holds WHERE status = 'ACTIVE' AND expires_at <= ${now}
      ORDER BY expires_at LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
    if (expired.length === 0) return 0;
    return (await endHolds(tx, expired.map((row) => Number(row.id)), 'EXPIRED', now)).length;
  });
}

export interface SweeperOptions {
  sql: Sql;
  clock: Clock;
  logger: Logger;
  idempotency: Idempotency;
  /** Time between sweeps. */
  intervalMs: number;
  /** Where each batch records the seats it frees. */
  seatMapLog: SeatMapLog;
}

export interface Sweeper {
  /** True while this process is the one that sweeps. */
  isLeader(): boolean;
  /** Runs one round now if leader (or once elected): every expired hold, then old idempotency keys. Returns holds ended. */
  tick(): Promise<number>;
  /** Stops sweeping and gives up leadership. */
  stop(): Promise<void>;
}

/** The longest wait between failed rounds (a round that failed waits twice as long as the one before). */
const MAX_RETRY_MS = 5_000;

export function startSweeper({ sql, clock, logger, idempotency, intervalMs, seatMapLog }: SweeperOptions): Sweeper {
  let leaderSession: ReservedSql | undefined;
  let running: Promise<number> | undefined;
  let stopped = false;

  /**
   * True when this process leads: its session still answers (and so still
   * holds the lock), or it just took the lock on a new session. A session
   * whose connection died (a database restart) fails its next statement with
   * CONNECTION_CLOSED; it is released (a no-op for a dead connection, see
   * patches/postgres+3.4.9.patch) and the lock asked for again.
   */
  async function becomeLeader(): Promise<boolean> {
    if (leaderSession) {
      const session = leaderSession;
      try {
        await session`SELECT 1`;
        return true;
      } catch (error) {
        leaderSession = undefined;
        await session`SELECT pg_advisory_unlock(${HOLD_SWEEPER_LOCK})`.catch(() => {}); // in case only the statement failed
        session.release();
        logger.info({ err: error }, 'the hold sweeper lost its leader session (the lock went with it); standing for election again');
      }
    }
    const session = await sql.reserve();
    try {
      const [{ acquired }] = await session<[{ acquired: boolean }]>`SELECT pg_try_advisory_lock(${HOLD_SWEEPER_LOCK}) AS acquired`;
      if (acquired && !stopped) {
        leaderSession = session;
        logger.info('this process sweeps expired holds: it holds the leader lock');
        return true;
      }
      // A session-level lock outlives the release of its connection to the pool: let go of it first.
      if (acquired) await session`SELECT pg_advisory_unlock(${HOLD_SWEEPER_LOCK})`;
      session.release();
      return false;
    } catch (error) {
      session.release(); // its connection died (the lock with it), or the lock was never taken
      throw error;
    }
  }

  async function round(): Promise<number> {
    if (!(await becomeLeader())) return 0;
    let ended = 0;
    let batch: number;
    do {
      batch = await sweepExpiredHolds(seatMapLog, clock);
      ended += batch;
    } while (batch === SWEEP_BATCH_SIZE && !stopped);
    if (ended > 0) logger.info({ holds: ended }, 'released expired holds');
    await idempotency.purgeExpired();
    return ended;
  }

  function tick(): Promise<number> {
    running ??= round().finally(() => (running = undefined));
    return running;
  }

  // Rounds every intervalMs; after a failure (the database restarting, say) the next waits twice as long, up to 5 s.
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => void tick().then(succeeded, failed), ms);
    timer.unref();
  };
  const succeeded = () => {
    failures = 0;
    schedule(intervalMs);
  };
  const failed = (error: unknown) => {
    failures++;
    const retryInMs = Math.min(MAX_RETRY_MS, intervalMs * 2 ** failures);
    // The database's outage is logged once, where it is watched (src/db/availability.ts).
    if (isDatabaseUnavailable(error)) logger.debug({ err: error, failures, retryInMs }, 'hold sweep failed: the database is unavailable');
    else logger.error({ err: error, failures, retryInMs }, 'hold sweep failed; retrying');
    schedule(retryInMs);
  };
  if (intervalMs > 0) schedule(intervalMs);

  return {
    isLeader: () => leaderSession !== undefined,
    tick,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => {});
      if (leaderSession) {
        const session = leaderSession;
        leaderSession = undefined;
        await session`SELECT pg_advisory_unlock(${HOLD_SWEEPER_LOCK})`.catch(() => {});
        session.release();
      }
    },
  };
}
