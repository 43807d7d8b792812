/**
 * Releases expired holds so that seat maps and counts show their tickets free.
 * Correctness never waits for it (every read and claim treats an expired hold
 * as free); it only tidies. One process in the cluster sweeps: the one holding
 * a session advisory lock, which passes to another process when that one's
 * connection ends. Batches skip holds another transaction has locked (a
 * confirmation in flight, or a second sweeper), so each hold ends once.
 */
import type { ReservedSql } from 'postgres';
import type { Clock } from '../clock.js';
import { HOLD_SWEEPER_LOCK } from '../db/advisory-locks.js';
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

export function startSweeper({ sql, clock, logger, idempotency, intervalMs, seatMapLog }: SweeperOptions): Sweeper {
  let leaderSession: ReservedSql | undefined;
  let running: Promise<number> | undefined;
  let stopped = false;

  async function becomeLeader(): Promise<boolean> {
    if (leaderSession) return true;
    const session = await sql.reserve();
    const [{ acquired }] = await session<[{ acquired: boolean }]>`SELECT pg_try_advisory_lock(${HOLD_SWEEPER_LOCK}) AS acquired`;
    if (acquired) leaderSession = session;
    else session.release();
    return acquired;
  }

  async function round(): Promise<number> {
    if (!(await becomeLeader())) return 0;
    try {
      // The session must still be ours: if its connection dropped, the lock went with it.
      await leaderSession!`SELECT 1`;
    } catch (error) {
      leaderSession = undefined;
      throw error;
    }
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

  const timer =
    intervalMs > 0
      ? setInterval(() => tick().catch((error: unknown) => logger.error({ err: error }, 'hold sweep failed; retrying next round')), intervalMs)
      : undefined;
  timer?.unref();

  return {
    isLeader: () => leaderSession !== undefined,
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => {});
      if (leaderSession) {
        await leaderSession`SELECT pg_advisory_unlock(${HOLD_SWEEPER_LOCK})`.catch(() => {});
        leaderSession.release();
        leaderSession = undefined;
      }
    },
  };
}
