/**
 * One process of the cluster at a time for a job: the one holding a session
 * advisory lock on a connection of its own. When that process (or only its
 * connection, as in a database restart) goes away, PostgreSQL releases the
 * lock and the next process to ask takes over.
 */
import type { ReservedSql } from 'postgres';
import type { Sql } from './client.js';

export interface Leadership {
  /** True while this process holds the lock (as far as it knows). */
  isLeader(): boolean;
  /**
   * Whether this process leads now: checks that the lock's connection still
   * answers (a dead one is dropped) and otherwise tries to take the lock.
   */
  claim(): Promise<boolean>;
  /** Gives the lock up. */
  release(): Promise<void>;
}

export function createLeadership(sql: Sql, lock: number): Leadership {
  let session: ReservedSql | undefined;

  async function stillHeld(held: ReservedSql): Promise<boolean> {
    try {
      await held`SELECT 1`;
      return true;
    } catch {
      // Its connection died (and the lock with it); a new connection may take it again below.
      session = undefined;
      held.release();
      return false;
    }
  }

  return {
    isLeader: () => session !== undefined,
    async claim() {
      if (session && (await stillHeld(session))) return true;
      const candidate = await sql.reserve();
      try {
        const [{ acquired }] = await candidate<[{ acquired: boolean }]>`SELECT pg_try_advisory_lock(${lock}) AS acquired`;
        if (acquired) session = candidate;
        return acquired;
      } finally {
        if (session !== candidate) candidate.release();
      }
    },
    async release() {
      const held = session;
      session = undefined;
      if (!held) return;
      await held`SELECT pg_advisory_unlock(${lock})`.catch(() => {});
      held.release();
    },
  };
}
