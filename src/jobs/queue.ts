/**
 * The job queue: graphile-worker on the service's own PostgreSQL, so it works
 * on the embedded default and scales out with the database. Work that must
 * happen once a transaction commits, and survive crashes and outages (an
 * e-mail to send, a refund to make), is a job added in that transaction
 * (store.ts's addJob); a worker is woken by LISTEN/NOTIFY at the commit, runs
 * it, and retries it with exponential backoff when it throws, up to its
 * `maxAttempts`, after which it stays in the queue as FAILED for admins to see
 * (`adminJobs`). A job runs at least once, so each task is idempotent.
 *
 * graphile-worker leaves a job taken by a worker that died locked for four
 * hours. Here each process marks its workers seen every `heartbeatMs`, and
 * any process unlocks the jobs of a worker unseen for `deadAfterMs`, so a
 * crash delays a job by about a minute, not hours.
 */
import { EventEmitter } from 'node:events';

import { Logger as WorkerLogger, type LogLevel, run, type Runner, runOnce, type TaskList, type WorkerEvents } from 'graphile-worker';

import type { Clock } from '../clock.js';
import type { Sql } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { Job } from './lifecycle.js';
import { type JobSignals, pollLoop } from './poll-loop.js';
import { DEFERRABLE, forgetWorkers, markWorkersSeen, unlockDeadWorkers } from './store.js';

export interface JobQueueOptions {
  /** The database holding the queue (the service's own). */
  databaseUrl: string;
  /** The service's pool, for the workers' heartbeats. */
  sql: Sql;
  /** The tasks, by name: what each kind of job runs. */
  tasks: TaskList;
  /** Jobs this process runs at once; 0: none (runDue() still runs what is due, as tests do). */
  concurrency: number;
  clock: Clock;
  logger: Logger;
  /** How often this process marks its workers alive and unlocks dead ones' jobs. Default 10 s. */
  heartbeatMs?: number;
  /** A worker not seen for this long died with its process. Default 60 s. */
  deadAfterMs?: number;
  /** How often idle workers look for jobs that came due (retries, jobs added with NOTIFY lost). Default 2 s. */
  pollIntervalMs?: number;
  /**
   * While it answers true, this process's workers take no job flagged DEFERRABLE (e-mails): they give way
   * to the requests of a rush, and take them up again within `pollIntervalMs` of its end. Asked at every fetch.
   */
  pauseDeferrable?: () => boolean;
  signals?: JobSignals;
}

export interface JobQueue extends Job {
  /** Runs every job due now in this process, one at a time, until none is left (tests, with concurrency 0). */
  runDue(): Promise<void>;
  /** Marks this process's workers seen and unlocks the jobs of dead ones now; resolves to the dead workers' ids. */
  heartbeat(): Promise<string[]>;
}

const JOB = 'job queue heartbeat';

/**
 * graphile-worker's log lines, in the service's log: its chatter at debug, its
 * warnings as such. Its errors are warnings here: a task's own failures are
 * logged by the task, and the rest are its connections failing while the
 * database is away, which the database watch logs once (db/availability.ts).
 */
function workerLogger(logger: Logger): WorkerLogger {
  const levels: Record<LogLevel, 'warn' | 'debug'> = { error: 'warn', warning: 'warn', info: 'debug', debug: 'debug' };
  return new WorkerLogger(() => (level, message, meta) => logger[levels[level]]({ queue: meta }, message));
}

export function createJobQueue(options: JobQueueOptions): JobQueue {
  const {
    databaseUrl,
    sql,
    tasks,
    concurrency,
    clock,
    logger,
    heartbeatMs = 10_000,
    deadAfterMs = 60_000,
    pollIntervalMs = 2_000,
    pauseDeferrable,
    signals,
  } = options;
  const shared = {
    connectionString: databaseUrl,
    // A connection per worker, and one for LISTEN: graphile-worker's default 10 would keep workers waiting past 9.
    maxPoolSize: Math.max(10, concurrency + 1),
    taskList: tasks,
    logger: workerLogger(logger),
    noHandleSignals: true,
    pollInterval: pollIntervalMs,
    forbiddenFlags: () => (pauseDeferrable?.() ? [DEFERRABLE] : null),
  };
  /** This process's live workers and worker pools: what a job's `locked_by` names (a pool locks the jobs it fetches in batches). */
  const workers = new Set<string>();
  let runner: Promise<Runner | undefined> = Promise.resolve(undefined);

  async function heartbeat(): Promise<string[]> {
    if (workers.size > 0) await markWorkersSeen(sql, [...workers], clock());
    const dead = await unlockDeadWorkers(sql, new Date(clock().getTime() - deadAfterMs));
    if (dead.length > 0) logger.warn({ workers: dead }, 'unlocked the jobs of queue workers that died; others run them now');
    return dead;
  }

  // A process that runs no jobs has no workers to vouch for; it leaves the dead ones to those that run jobs (heartbeat() still works).
  const beats = pollLoop({
    job: JOB,
    logger,
    round: heartbeat,
    intervalMs: concurrency > 0 ? heartbeatMs : 0,
    backoff: { firstMs: 1_000, maxMs: heartbeatMs },
    startAtOnce: true,
    signals,
  });

  return {
    start() {
      if (concurrency === 0) return;
      const events = new EventEmitter() as WorkerEvents;
      events.on('pool:create', ({ workerPool }) => void workers.add(workerPool.id));
      events.on('pool:release', ({ workerPool }) => void workers.delete(workerPool.id));
      events.on('worker:create', ({ worker }) => void workers.add(worker.workerId));
      events.on('worker:stop', ({ worker }) => void workers.delete(worker.workerId));
      runner = run({ ...shared, concurrency, events }).then(
        (started) => {
          beats.start(); // its first round at once: the workers are known by now
          return started;
        },
        (error: unknown) => {
          logger.error({ err: error }, 'the job queue did not start; queued jobs wait for another process or a restart');
          return undefined;
        },
      );
    },
    async stop() {
      const started = await runner;
      const ids = [...workers];
      await started?.stop(); // waits for the jobs under way (graphile-worker's graceful shutdown)
      await beats.stop();
      if (ids.length > 0) await forgetWorkers(sql, ids).catch(() => {}); // not forgotten: others see them dead in a minute
    },
    runDue: () => runOnce(shared),
    heartbeat: () => beats.tick(),
  };
}
