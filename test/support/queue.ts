/** The job queue's due jobs run from a test, without a server: graphile-worker's runOnce, quietly. */
import { Logger, runOnce, type TaskList } from 'graphile-worker';

const silent = new Logger(() => () => {});

/** Runs every job of `tasks` due now in the database at `databaseUrl`, until none is left. */
export function runDueJobs(databaseUrl: string, tasks: TaskList): Promise<void> {
  return runOnce({ connectionString: databaseUrl, taskList: tasks, logger: silent });
}
