/**
 * A job one process of the cluster runs: pollLoop's rounds, each done only
 * while this process leads (leaderOnly). The hold sweeper, the payment
 * reconciler and the waiting rooms' admitter are such jobs.
 */
import type { SingleKeyLock } from '../db/advisory-locks.js';
import type { Sql } from '../db/client.js';
import { leaderOnly } from './leader-only.js';
import type { Job } from './lifecycle.js';
import { pollLoop, type PollLoopOptions } from './poll-loop.js';

export interface LeaderLoopOptions<T> extends PollLoopOptions<T> {
  /** The pool the leader's lock connection is reserved from. */
  sql: Sql;
  /** The job's session lock: whoever holds it leads. */
  lock: SingleKeyLock;
  /** What a round answers in a process that does not lead. */
  idle: T;
}

export interface LeaderLoop<T> extends Job {
  /** Runs a round now if this process leads (or can take the lead), or joins the one under way; `idle` otherwise. */
  tick(): Promise<T>;
  /** True while this process leads. */
  isLeader(): boolean;
}

export function leaderLoop<T>({ sql, lock, idle, round, ...loop }: LeaderLoopOptions<T>): LeaderLoop<T> {
  const leader = leaderOnly(lock, round, { sql, job: loop.job, logger: loop.logger });
  const rounds = pollLoop({ ...loop, round: async () => (await leader.tick()) ?? idle });
  return {
    tick: rounds.tick,
    isLeader: leader.isLeader,
    start: rounds.start,
    /** Ends the rounds, waiting for the one under way, then gives the lead up. */
    async stop() {
      await rounds.stop();
      await leader.release();
    },
  };
}
