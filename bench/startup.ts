/**
 * Start-up: how long the API takes from `node` to ready (its "ready" log
 * line), with how much memory and CPU, run as `npm start` runs it (src/main.ts
 * through tsx, which compiles each module as it is loaded) and as compiled
 * JavaScript (the same sources built by `tsc` into a temporary folder, run by
 * plain `node`). Rounds alternate the two, on one database migrated before,
 * so that both start alike; the first round of each is a warm-up (file
 * caches, tsx's cache) and is not counted.
 *
 * Run:  npm run bench:startup
 *       npm run bench:startup -- --rounds 10
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { runCommand } from '../src/command.js';
import { TEST_SECRETS } from '../test/support/server.js';
import { type ServerProcessOptions, startServerProcess } from '../test/support/server-process.js';
import { Cleanups } from './support/cleanups.js';
import { readFlags } from './support/cli.js';
import { openBenchDatabase } from './support/database.js';
import { cpuSeconds, machine, markdownTable, residentMemory, writeResults } from './support/report.js';
import { round, spread } from './support/stats.js';

const FLAGS = { rounds: { default: 6, min: 2, description: 'start-ups of each kind, the first a warm-up' } };
const ABOUT = 'Measures the API’s start-up time, memory and CPU through tsx (as npm start runs it) and compiled by tsc.';
const root = fileURLToPath(new URL('..', import.meta.url));
/** What the server reads beside its modules, by paths relative to them: the compiled tree must have it at the same places. */
const BESIDE_THE_CODE = ['node_modules', 'package.json', 'drizzle', 'schema', 'clients'];

async function main(): Promise<number> {
  const flags = readFlags('npm run bench:startup', ABOUT, FLAGS);
  if (!flags) return 0;
  const cleanups = new Cleanups();
  try {
    const database = await openBenchDatabase('startup', cleanups);
    const build = await mkdtemp(path.join(tmpdir(), 'startup-build-'));
    cleanups.add(() => rm(build, { recursive: true, force: true }));
    await compile(build);
    const kinds: Record<string, ServerProcessOptions> = {
      'tsx (npm start)': {},
      'compiled (tsc, node)': { root: build, entry: ['src/main.js'] },
    };
    const env = { DATABASE_URL: database.url, SEED_DEMO: 'false', ...TEST_SECRETS };
    const figures: Record<string, { readyMs: number[]; rssMiB: number[]; cpuMs: number[] }> = {};
    for (let n = 0; n < flags.rounds; n++) {
      for (const [kind, options] of Object.entries(kinds)) {
        const started = performance.now();
        const server = await startServerProcess(env, options);
        const readyMs = performance.now() - started;
        const [{ rssMiB }, cpu] = await Promise.all([residentMemory(server.pid), cpuSeconds(server.pid)]);
        await server.stop();
        if (n === 0) continue; // the warm-up
        const kept = (figures[kind] ??= { readyMs: [], rssMiB: [], cpuMs: [] });
        kept.readyMs.push(readyMs);
        kept.rssMiB.push(rssMiB);
        kept.cpuMs.push(cpu * 1000);
      }
    }
    const median = (values: number[]) => spread(values).p50;
    const rows = Object.entries(figures).map(([kind, { readyMs, rssMiB, cpuMs }]) => [
      kind,
      round(median(readyMs), 0),
      round(median(cpuMs), 0),
      round(median(rssMiB), 0),
    ]);
    console.log(`\nstart-up, medians of ${flags.rounds - 1} rounds, PostgreSQL ${database.postgres.kind} ${database.postgres.version}\n`);
    console.log(markdownTable(['Run as', 'Ready after (ms)', 'CPU to ready (ms)', 'RSS at ready (MiB)'], rows));
    const result = { benchmark: 'startup', at: new Date().toISOString(), machine: machine(), postgres: database.postgres, flags, figures };
    console.log(`\nresults: ${await writeResults('startup', result)}`);
    return 0;
  } finally {
    await cleanups.run();
  }
}

/** The project compiled by tsc into `build` (as src/, test/, bench/ under it), with what the server reads beside its code linked in. */
async function compile(build: string): Promise<void> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const child = spawn(process.execPath, [tsc, '-p', root, '--noEmit', 'false', '--outDir', build, '--rootDir', root], { stdio: 'inherit' });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`tsc exited with ${code}`);
  for (const name of BESIDE_THE_CODE) {
    await rm(path.join(build, name), { recursive: true, force: true }); // tsc writes the .ts files it finds there
    await symlink(path.join(root, name), path.join(build, name));
  }
}

runCommand(main);
