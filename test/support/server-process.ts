/**
 * An API server in a child process, as `npm start` runs it, so that a
 * benchmark's client and the server do not share one event loop.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface ServerProcess {
  /** Base URL, e.g. http://127.0.0.1:4123. */
  url: string;
  pid: number;
  /** Every log line the server wrote to stdout, parsed, in order. */
  logs: Record<string, unknown>[];
  /** How the process ended, once it has; undefined while it runs. */
  readonly exit: ProcessExit | undefined;
  /** Resolves when the process ends, however it does. */
  exited: Promise<ProcessExit>;
  /** Sends SIGTERM and waits for the process to exit. */
  stop(): Promise<void>;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcessOptions {
  /** Another checkout to run the server of (a benchmark's "before", in the same run). Default: this one. */
  root?: string;
  /** What Node runs, from `root`. Default: src/main.ts through tsx, as `npm start` does. */
  entry?: string[];
}

/**
 * Starts src/main.ts with `env` (plus PATH and HOME) and resolves once it logs
 * that it is ready. BENCH_SERVER_NODE_ARGS adds Node flags to the server, e.g.
 * `--cpu-prof --cpu-prof-dir=profiles` to profile it, and BENCH_SERVER_ENV
 * variables, e.g. `MAX_CONCURRENT_REQUESTS=0` to measure without a setting.
 */
export async function startServerProcess(env: Record<string, string>, options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const { root: checkout = root, entry = ['--import', 'tsx', 'src/main.ts'] } = options;
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const benchEnv = (process.env.BENCH_SERVER_ENV ?? '')
    .split(' ')
    .filter(Boolean)
    .map((pair) => pair.split(/=(.*)/s, 2) as [string, string]);
  // A data folder of its own, gone with the process: its e-mails (.eml without SMTP_URL) stay out of the developer's .data.
  const dataDir = env.DATA_DIR ? undefined : await mkdtemp(path.join(tmpdir(), 'server-process-'));
  const child = spawn(process.execPath, [...nodeArgs, ...entry], {
    cwd: checkout,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: '0',
      LOG_LEVEL: 'info',
      ...(dataDir ? { DATA_DIR: dataDir } : {}),
      ...env,
      ...Object.fromEntries(benchEnv),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let exit: ProcessExit | undefined;
  const exited = new Promise<ProcessExit>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve(exit);
    }),
  ).then(async (ended) => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    return ended;
  });
  const logs: Record<string, unknown>[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const entry = JSON.parse(line) as { url?: string; level?: number; msg?: string; err?: { message?: string } };
      logs.push(entry);
      if (entry.url) resolve(new URL(entry.url).origin);
      else if ((entry.level ?? 0) >= 40) console.error(`server: ${entry.msg}${entry.err?.message ? `: ${entry.err.message}` : ''}`);
    });
    void exited.then(() => reject(new Error('the server process exited before it was ready')));
  });
  return {
    url,
    pid: child.pid!,
    logs,
    get exit() {
      return exit;
    },
    exited,
    async stop() {
      if (exit) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
