/**
 * The job queue's statements: adding a job in the caller's transaction,
 * keeping track of live workers, and what admins see of the jobs. The queue
 * itself is graphile-worker's (schema `graphile_worker`, its own migrations).
 */
import type { PendingQuery, Row, TransactionSql } from 'postgres';

import type { Queryable, Sql } from '../db/client.js';

export interface JobSpec {
  /** The task that runs it (a key of the queue's task list). */
  task: string;
  payload: Record<string, unknown>;
  /**
   * One job per key: adding one whose key is taken (by a job waiting, running, retrying or FAILED) adds
   * nothing and changes nothing, so its backoff and attempts stand (graphile-worker's `unsafe_dedupe`;
   * safe here because every task reads the state it acts on when it runs, not when it was added).
   */
  key: string;
  /** Attempts before the job is left FAILED for an admin to see (graphile-worker's default is 25). */
  maxAttempts: number;
  /** Jobs of one named queue run one at a time, in order, across the cluster; none: any number at once. */
  queue?: string;
}

/**
 * The flag of jobs that may wait while their process is in a rush (queue.ts's
 * `pauseDeferrable`): e-mails, which can go a few minutes late, unlike money.
 */
export const DEFERRABLE = 'deferrable';

/**
 * Adds a job in the transaction `tx` is in: it runs only if that transaction
 * commits, and a worker is woken at the commit (graphile-worker's NOTIFY).
 */
export function addJob(tx: Queryable, job: JobSpec): PendingQuery<Row[]> {
  return tx`
    SELECT graphile_worker.add_job(${job.task}::text, ${tx.json(job.payload as never)}::json, queue_name := ${job.queue ?? null}::text,
                                   job_key := ${job.key}::text, max_attempts := ${job.maxAttempts}::int, job_key_mode := 'unsafe_dedupe')`;
}

/** Records `workerIds` as seen alive at `now`. */
export async function markWorkersSeen(sql: Sql, workerIds: string[], now: Date): Promise<void> {
  await sql`
    INSERT INTO job_workers (worker_id, seen_at) SELECT id, ${now} FROM unnest(${workerIds}::text[]) AS id
    ON CONFLICT (worker_id) DO UPDATE SET seen_at = excluded.seen_at`;
}

/** Forgets workers that stopped cleanly. */
export async function forgetWorkers(sql: Sql, workerIds: string[]): Promise<void> {
  await sql`DELETE FROM job_workers WHERE worker_id = ANY(${workerIds}::text[])`;
}

/**
 * Workers not seen since `deadline` died with their process: forgets them and
 * unlocks the jobs they held, in one transaction, so that another worker runs
 * those jobs now. Returns their ids.
 */
export async function unlockDeadWorkers(sql: Sql, deadline: Date): Promise<string[]> {
  return sql.begin(async (tx: TransactionSql) => {
    const dead = await tx<{ workerId: string }[]>`DELETE FROM job_workers WHERE seen_at < ${deadline} RETURNING worker_id AS "workerId"`;
    const ids = dead.map((worker) => worker.workerId);
    if (ids.length > 0) await tx`SELECT graphile_worker.force_unlock_workers(${ids}::text[])`;
    return ids;
  });
}

export type JobState = 'WAITING' | 'RUNNING' | 'RETRYING' | 'FAILED';

export interface JobRow {
  id: string;
  task: string;
  key: string | null;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  runAt: Date;
  createdAt: Date;
}

/** A job's state as admins see it (`adminJobs`, the metrics): the one rule, in SQL, over graphile_worker.jobs. */
const stateOf = (sql: Sql) => sql`
  CASE WHEN attempts >= max_attempts THEN 'FAILED' WHEN locked_at IS NOT NULL THEN 'RUNNING' WHEN attempts > 0 THEN 'RETRYING' ELSE 'WAITING' END`;

/** The jobs by task and state, for the metrics. */
export function jobCounts(sql: Sql): Promise<{ task: string; state: JobState; jobs: number }[]> {
  return sql<{ task: string; state: JobState; jobs: number }[]>`
    SELECT task_identifier AS task, ${stateOf(sql)} AS state, count(*)::int AS jobs
    FROM graphile_worker.jobs GROUP BY 1, 2 ORDER BY 1, 2`;
}

/**
 * Jobs in `state` (all when undefined), newest first, after the job `before`
 * (an id; a page's cursor). A job that succeeded is deleted by
 * graphile-worker, so every job here is still to run or has failed for good.
 */
export function jobsInState(sql: Sql, state: JobState | undefined, before: string | undefined, limit: number): Promise<JobRow[]> {
  return sql<JobRow[]>`
    SELECT * FROM (
      SELECT id::text, task_identifier AS task, key, ${stateOf(sql)} AS state, attempts, max_attempts AS "maxAttempts", last_error AS "lastError",
             run_at AS "runAt", created_at AS "createdAt"
      FROM graphile_worker.jobs
      WHERE ${before ? sql`id < ${before}::bigint` : sql`true`}) j
    WHERE ${state ? sql`j.state = ${state}` : sql`true`}
    ORDER BY j.id::bigint DESC
    LIMIT ${limit}`;
}
