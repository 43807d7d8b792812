/**
 * A job's rounds in one process of the cluster at a time: the one holding a
 * session advisory lock on a connection of its own. When that process (or
 * only its connection, as in a database restart) goes away, PostgreSQL
 * releases the lock and the next process to ask takes over.
 */
import type { ReservedSql } from 'postgres';

import { sessionUnlock, type SingleKeyLock, trySessionLock } from '../db/advisory-locks.js';
import type { Sql } from '../db/client.js';
import { ping } from '../db/database.js';
import type { Logger } from '../logger.js';

export interface LeaderOnlyOptions {
  /** The pool the lock's connection is reserved from. */
  sql: Sql;
  /** Names the job in logs. */
  job: string;
  /** Where taking the lead and losing it are logged. */
  logger: Logger;
}

export interface LeaderOnly<T> {
  /**
   * Runs the round if this process leads: its session still answers (and so
   * still holds the lock), or it just took the lock on a new session.
   * Resolves to undefined when another process leads, and always once released.
   */
  tick(): Promise<T | undefined>;
  /** True while this process holds the lock (as far as it knows). */
  isLeader(): boolean;
  /**
   * Gives the lock up until the next tick asks for it again, and its
   * connection back to the pool: for a job that needs to lead only while it
   * has work, so that it holds no connection of the pool while idle.
   */
  stepDown(): Promise<void>;
  /** Gives the lock up for good; stop the rounds first. */
  release(): Promise<void>;
}

export function leaderOnly<T>(lock: SingleKeyLock, tick: () => Promise<T>, { sql, job, logger }: LeaderOnlyOptions): LeaderOnly<T> {
  let session: ReservedSql | undefined;
  let released = false;

  /**
   * Unlocks, then gives the connection back: a session lock outlives the
   * release of its connection to the pool. A connection that died (a database
   * restart) fails the unlock, and its release is a no-op (see
   * patches/postgres+3.4.9.patch); the lock died with it.
   */
  async function letGo(held: ReservedSql): Promise<void> {
    await sessionUnlock(held, lock).catch(() => {});
    held.release();
  }

  /** Whether this process leads now; a dead session is let go of, and the lock asked for again. */
  async function claim(): Promise<boolean> {
    if (session) {
      const held = session;
      try {
        await ping(held);
        return true;
      } catch (error) {
        session = undefined;
        await letGo(held);
        logger.info({ err: error, job }, 'lost the leader session (the lock went with it); standing for election again');
      }
    }
    if (released) return false;
    const candidate = await sql.reserve();
    try {
      const acquired = await trySessionLock(candidate, lock);
      if (acquired && !released) {
        session = candidate;
        logger.info({ job }, 'this process leads the job: it holds its lock');
        return true;
      }
      if (acquired) await letGo(candidate);
      else candidate.release();
      return false;
    } catch (error) {
      candidate.release(); // its connection died (the lock with it), or the lock was never taken
      throw error;
    }
  }

  return {
    tick: async () => ((await claim()) ? tick() : undefined),
    isLeader: () => session !== undefined,
    async stepDown() {
      const held = session;
      session = undefined;
      if (held) await letGo(held);
    },
    async release() {
      released = true;
      await this.stepDown();
    },
  };
}
