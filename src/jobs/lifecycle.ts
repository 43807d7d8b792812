/**
 * The background jobs of a process, started and stopped as one. Jobs are
 * added while the server is composed and start only once it listens: none
 * acts for a server that failed to start half-way. On shutdown they stop the
 * last added first (a job may use what one added before it gives), each
 * whatever became of the others, and before the connections they use close.
 */

export interface Job {
  /** Begins the job's rounds of its own. */
  start(): void;
  /** Ends them: waits for the work under way and gives up what the job holds. Also when never started. */
  stop(): Promise<void>;
}

export interface Jobs {
  /** Adds a job, to start with the others; returns it. */
  add<J extends Job>(job: J): J;
  /** Starts every job, in the order added. */
  start(): void;
  /** Stops every job, the last added first; then throws the first failure, if any. */
  stop(): Promise<void>;
}

export function createJobs(): Jobs {
  const jobs: Job[] = [];
  let started = false;
  return {
    add(job) {
      if (started) throw new Error('a job was added after the jobs started: add it while the server is composed');
      jobs.push(job);
      return job;
    },
    start() {
      started = true;
      for (const job of jobs) job.start();
    },
    async stop() {
      const failures: unknown[] = [];
      for (const job of [...jobs].reverse()) await job.stop().catch((error: unknown) => failures.push(error));
      if (failures.length > 0) throw failures[0];
    },
  };
}
