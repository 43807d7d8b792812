/**
 * `npm run seed`: fills the database with the demo catalog, or a larger one
 * for load tests. Run with --help for the flags.
 */
import { parseArgs } from 'node:util';

import cliProgress from 'cli-progress';

import { demoAccounts } from '../accounts/demo-accounts.js';
import { runCommand } from '../command.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { demoSeedLock } from './advisory-locks.js';
import { openDatabase } from './database.js';
import { DEMO_EVENTS, seedCatalog, type SeedSummary } from './seed/catalog.js';
import { startOfTodayUtc } from './seed/demo.js';

const USAGE = `Usage: npm run seed -- [--events N] [--seed S] [--reset]

Fills the database with a demo catalog: users, venues with seat maps,
performers, a year of events from today, and their tickets. The same seed and
event count on the same day give the same catalog, ids included.

Options:
  --events N   events to create, 1-1000000 (default ${DEMO_EVENTS}). Beyond ${DEMO_EVENTS}, venues
               and performers are generated too (about 500 tickets per event).
  --seed S     random seed, 0-4294967295 (default 42).
  --reset      empty the catalog first: users, venues, performers, events,
               tickets and every row that refers to them. Without it, the
               seed refuses to touch a database that has a catalog.
  --help       show this help.

Connects to DATABASE_URL, or, when it is unset, to the embedded PostgreSQL
under DATA_DIR (started for the run and stopped after it). The demo accounts
get the README's passwords in the embedded PostgreSQL; with DATABASE_URL each
gets a generated one, printed once at the end.`;

/** Every table the seed fills; TRUNCATE ... CASCADE also empties the tables that reference them. */
const CATALOG_TABLES = 'users, venues, sections, seats, performers, events, event_performers, event_sections, tickets';

class UsageError extends Error {}

interface Flags {
  events: number;
  seed: number;
  reset: boolean;
  help: boolean;
}

function parseFlags(args: string[]): Flags {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        events: { type: 'string' },
        seed: { type: 'string' },
        reset: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return {
    events: wholeNumber('--events', values.events ?? String(DEMO_EVENTS), 1, 1_000_000),
    seed: wholeNumber('--seed', values.seed ?? '42', 0, 2 ** 32 - 1),
    reset: values.reset,
    help: values.help,
  };
}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max)) throw new UsageError(`${flag} expects a whole number from ${min} to ${max}, got "${text}".`);
  return value;
}

async function main(): Promise<number> {
  let flags: Flags;
  try {
    flags = parseFlags(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (flags.help) {
    console.log(USAGE);
    return 0;
  }

  const config = loadConfig();
  const database = await openDatabase(config, createLogger(config.logLevel));
  const { sql } = database;
  // The lock the server takes before seeding the demo, held on a connection of its own for the whole
  // run: a server starting meanwhile waits, then finds this catalog rather than seeding its own.
  const lock = await sql.reserve();
  try {
    await lock`SELECT pg_advisory_lock(${demoSeedLock})`;
    if (flags.reset) {
      await sql.unsafe(`TRUNCATE ${CATALOG_TABLES} RESTART IDENTITY CASCADE`);
    } else {
      const [{ events, users }] = await sql<[{ events: number; users: number }]>`
        SELECT (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM users)::int AS users`;
      if (events > 0 || users > 0) {
        console.error(
          `The database already has a catalog (${events} events, ${users} users); nothing was changed.\n` +
            'Run `npm run seed -- --reset` to replace it (this deletes the catalog and everything that refers to it).',
        );
        return 1;
      }
    }

    const bar = new cliProgress.SingleBar(
      { format: 'Seeding {bar} {percentage}% | {value}/{total} events | {duration_formatted}, ETA {eta_formatted}', hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(flags.events, 0);
    const started = performance.now();
    // The README's passwords are for the embedded default only: an ADMIN with a published password is an open door.
    const passwords = config.databaseUrl ? 'generated' : 'published';
    const accounts = demoAccounts(passwords);
    let summary: SeedSummary;
    try {
      // On the pool, so that each chunk of events commits on its own.
      summary = await seedCatalog(sql, {
        seed: flags.seed,
        events: flags.events,
        anchor: startOfTodayUtc(),
        accounts,
        onProgress: (done) => bar.update(done),
      });
    } finally {
      bar.stop();
    }
    const seconds = (performance.now() - started) / 1000;
    // Fresh statistics, so the first queries after a big seed get sensible plans.
    await sql.unsafe(`ANALYZE ${CATALOG_TABLES}`);
    printSummary(summary, flags.seed, seconds);
    if (passwords === 'generated') {
      console.log('Demo accounts, with generated passwords shown only this once (change or delete them before real use):');
      const width = Math.max(...accounts.map((account) => account.email.length));
      for (const { email, password, role } of accounts) console.log(`  ${role.padEnd(9)} ${email.padEnd(width)}  ${password}`);
    }
    return 0;
  } finally {
    lock.release();
    await database.close(); // ending the session releases the lock
  }
}

function printSummary(summary: SeedSummary, seed: number, seconds: number): void {
  const rows = Object.values(summary).reduce((sum, n) => sum + n, 0);
  const number = (n: number) => n.toLocaleString('en-US');
  const width = number(Math.max(...Object.values(summary))).length;
  console.log(`Seeded the catalog (seed ${seed}) in ${seconds.toFixed(1)} s, ${number(Math.round(rows / seconds))} rows/s:`);
  for (const [table, count] of Object.entries(summary)) console.log(`  ${table.padEnd(11)} ${number(count).padStart(width)}`);
}

runCommand(main);
