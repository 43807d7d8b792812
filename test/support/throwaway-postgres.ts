/**
 * A PostgreSQL for one run that leaves nothing behind: the embedded one (src/db/embedded.ts) in a new
 * temporary folder, on a free port, without fsync (its files go when it does). The test run
 * (global-setup.ts), the benchmarks (bench/support/database.ts) and test/database-restart.test.ts use it.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../src/db/embedded.js';
import { createLogger } from '../../src/logger.js';
import { freePort } from './free-port.js';

export interface ThrowawayPostgres {
  /** URL of the database asked for (`postgres`, the maintenance database, unless told otherwise). */
  url: string;
  /** Stops PostgreSQL (fast shutdown) and keeps its files, as in a restart: start() brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops PostgreSQL if it runs and deletes its folder. */
  remove(): Promise<void>;
}

/** Starts one in a folder named after `name` (e.g. `bench-onsale`); a failed start leaves no folder behind. */
export async function startThrowawayPostgres(name: string, options: { database?: string } = {}): Promise<ThrowawayPostgres> {
  const folder = await mkdtemp(path.join(tmpdir(), `${name}-`));
  let running: EmbeddedPostgres | undefined;
  const stop = async () => {
    await running?.stop();
    running = undefined;
  };
  const remove = async () => {
    await stop();
    await rm(folder, { recursive: true, force: true });
  };
  try {
    await chmod(folder, 0o755); // PostgreSQL may run as another user (see src/db/embedded.ts)
    const settings = {
      dataDir: path.join(folder, 'postgres'),
      port: await freePort(),
      database: options.database ?? 'postgres',
      persistent: false, // also fsync=off, synchronous_commit=off
      logger: createLogger('warn'),
    };
    const start = async () => {
      running = await startEmbeddedPostgres(settings);
    };
    await start();
    return { url: running!.url, start, stop, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
