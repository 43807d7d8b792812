/**
 * One process of the cluster at a time for a job: the one holding a session
 * advisory lock on a connection of its own. When that process (or only its
 * connection, as in a database restart) goes away, PostgreSQL releases the
 * lock and the next process to ask takes over.
 */
import type { ReservedSql } from 'postgres';
import type { Logger } from '../logger.js';
import type { Sql } from './client.js';

export interface Leadership {
  /** True while this process holds the lock (as far as it knows). */
  isLeader(): boolean;
  /**
   * Whether this process leads now: its session still answers (and so still
   * holds the lock), or it just took the lock on a new session. Always false
   * once released.
   */
  claim(): Promise<boolean>;
  /** Gives the lock up for good. */
  release(): Promise<void>;
}

export function createLeadership(sql: Sql, lock: number, { job, logger }: { job: string; logger: Logger }): Leadership {
  let session: ReservedSql | undefined;
  let released = false;

  /**
   * Unlocks, then gives the connection back: a session lock outlives the
   * release of its connection to the pool. A connection that died (a database
   * restart) fails the unlock, and its release is a no-op (see
   * patches/postgres+3.4.9.patch); the lock died with it.
   */
  async function letGo(held: ReservedSql): Promise<void> {
    await held`SELECT pg_advisory_unlock(${lock})`.catch(() => {});
    held.release();
  }

  return {
    isLeader: () => session !== undefined,
    async claim() {
      if (session) {
        const held = session;
        try {
          await held`SELECT 1`;
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
        const [{ acquired }] = await candidate<[{ acquired: boolean }]>`SELECT pg_try_advisory_lock(${lock}) AS acquired`;
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
    },
    async release() {
      released = true;
      const held = session;
      session = undefined;
      if (held) await letGo(held);
    },
  };
}
