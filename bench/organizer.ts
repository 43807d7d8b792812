/**
 * The organizer tools' benchmark: its parts run in sequence, each on a
 * throwaway database and a server in its own process of its own, and their
 * figures are printed as markdown tables (for BENCHMARKS.md) and written to
 * bench/results/organizer-<time>.json.
 *
 *   publish   publishEvent of a 20,000-seat arena and a 100,000-seat stadium
 *             over HTTP: wall time per publish (median of several), tickets/s
 *             (bench/support/publish.ts); then a price change of every section
 *             (updateEvent), which reprices every ticket
 *   cancel    cancelEvent of an event with 20,000 confirmed bookings, refunded
 *             by the background job: at the provider's rate (25/s) for a few
 *             seconds, to show the pacing holds, then at a rate no processor
 *             allows, to the end, for the job's own ceiling
 *             (bench/support/cancellation.ts)
 *
 * A part is a function of the run's cleanups and flags that answers its
 * figures and their table; add one to PARTS.
 *
 * Database: with DATABASE_URL set, fresh databases on that server (dropped
 * at the end); otherwise an embedded PostgreSQL in a temporary folder.
 *
 * Run:  npm run bench:organizer [-- --arena-runs 5 --stadium-runs 3]
 *       DATABASE_URL=postgres://user@host:5432/postgres npm run bench:organizer
 *       npm run bench:organizer -- --help
 */
import { runCommand } from '../src/command.js';
import { benchCancellation } from './support/cancellation.js';
import { Cleanups } from './support/cleanups.js';
import { type Flags, readFlags } from './support/cli.js';
import { benchPublish } from './support/publish.js';
import { machine, markdownTable, writeResults } from './support/report.js';

const FLAGS = {
  'arena-runs': { default: 7, description: 'drafts of the 20,000-seat arena published' },
  'stadium-runs': { default: 5, description: 'drafts of the 100,000-seat stadium published' },
  bookings: { default: 20_000, description: 'confirmed bookings of the cancelled event' },
  'paced-seconds': { default: 10, description: 'how long the run at the provider’s rate (25 refunds/s) is followed' },
};
const ABOUT = 'Times the organizer tools through the API: publishing an arena and a stadium, cancelling an event with its refunds.';

/** What a part answers: its figures for the JSON results, and a markdown table of them. */
export interface PartResult {
  figures: unknown;
  table: string;
  /** Whether a figure missed the bar. */
  failed: boolean;
}

export type Part = (cleanups: Cleanups, flags: Flags<typeof FLAGS>) => Promise<PartResult>;

const publishPart: Part = async (cleanups, flags) => {
  const result = await benchPublish({ cleanups, arenaRuns: flags['arena-runs'], stadiumRuns: flags['stadium-runs'] });
  const rows = result.venues.map((venue) => [
    venue.venue,
    venue.tickets.toLocaleString('en'),
    venue.sections,
    venue.runsMs.length,
    venue.medianMs,
    `${Math.min(...venue.runsMs)} – ${Math.max(...venue.runsMs)}`,
    venue.ticketsPerSecond.toLocaleString('en'),
    venue.baselineMedianMs,
    (venue.medianMs / venue.baselineMedianMs).toFixed(2),
    `< ${venue.limitMs}`,
    venue.repriceMedianMs,
  ]);
  return {
    figures: result,
    table: markdownTable(
      [
        'publishEvent',
        'tickets',
        'sections',
        'runs',
        'median ms',
        'range ms',
        'tickets/s',
        'bare INSERT … SELECT, median ms',
        '÷ bare',
        'bar ms',
        'reprice all, median ms',
      ],
      rows,
    ),
    failed: result.venues.some((venue) => venue.medianMs >= venue.limitMs),
  };
};

/** Refunds a second the job must keep at the provider's rate: all of it, give or take a reading. */
const PACED_SHARE = 0.9;

const cancelPart: Part = async (cleanups, flags) => {
  // Each run's server is stopped before the next starts: the paced one still has refunds to make.
  const run = async (perSecond: number, maxSeconds: number) => {
    const own = new Cleanups();
    try {
      return await benchCancellation({ cleanups: own, bookings: flags.bookings, perSecond, maxSeconds });
    } finally {
      await own.run();
    }
  };
  const paced = await run(25, flags['paced-seconds']);
  const ceiling = await run(10_000, 300);
  const rows = [paced, ceiling].map((run) => [
    run.perSecond.toLocaleString('en'),
    run.bookings.toLocaleString('en'),
    run.cancelMs,
    run.refunded.toLocaleString('en'),
    run.completed ? 'yes' : 'no',
    run.seconds,
    run.refundsPerSecond.toLocaleString('en'),
    run.steadyRefundsPerSecond.toLocaleString('en'),
  ]);
  return {
    figures: { paced, ceiling },
    table: markdownTable(
      ['refunds/s allowed', 'bookings', 'cancelEvent ms', 'refunded', 'all refunded', 'seconds followed', 'refunds/s', 'steady refunds/s'],
      rows,
    ),
    failed: paced.steadyRefundsPerSecond < PACED_SHARE * paced.perSecond || !ceiling.completed || ceiling.steadyRefundsPerSecond < paced.perSecond,
  };
};

/** The parts, run in this order. */
const PARTS: Record<string, Part> = { publish: publishPart, cancel: cancelPart };

async function main(): Promise<number> {
  const flags = readFlags('npm run bench:organizer', ABOUT, FLAGS);
  if (!flags) return 0;
  const cleanups = new Cleanups();
  try {
    const results: Record<string, PartResult> = {};
    for (const [name, part] of Object.entries(PARTS)) results[name] = await part(cleanups, flags);
    const { cpu, cores } = machine();
    console.log(`\nbench:organizer on ${cpu} (${cores} cores)\n`);
    for (const result of Object.values(results)) console.log(`${result.table}\n`);
    const at = new Date().toISOString();
    const figures = Object.fromEntries(Object.entries(results).map(([name, result]) => [name, result.figures]));
    const written = { benchmark: 'organizer', at, machine: machine(), flags, figures };
    console.log(`results: ${await writeResults('organizer', written)}`);
    const failed = Object.entries(results).filter(([, result]) => result.failed);
    if (failed.length > 0) console.error(`FAILED: ${failed.map(([name]) => name).join(', ')} missed the issue's bar`);
    return failed.length > 0 ? 1 : 0;
  } finally {
    await cleanups.run();
  }
}

runCommand(main);
