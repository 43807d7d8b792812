/**
 * The notifications benchmark (issue 20): e-mails through the job queue to a
 * local SMTP server, for JOB_CONCURRENCY 4 (the default) and a higher one
 * (unless --high-concurrency 0):
 *
 *   baseline  (once, first) the same e-mails rendered and sent straight from
 *             this process with the service's pooled transport, no database,
 *             no queue (bench/support/notifications-baseline.ts)
 *   queue     an API server in its own process on a fresh database; confirmed
 *             bookings committed with their outbox messages, at a steady rate
 *             (delay from commit to the SMTP server's acceptance) and all at
 *             once (the queue's messages a second, and the delays of the
 *             backlog) (bench/support/notifications-queue.ts)
 *
 * Every booking must get exactly one e-mail and every notification be SENT,
 * or the run fails. Figures are printed as markdown tables (for
 * BENCHMARKS.md) and written to bench/results/notifications-<time>.json.
 *
 * Database: with DATABASE_URL set, fresh databases on that server (dropped
 * at the end); otherwise an embedded PostgreSQL in a temporary folder.
 *
 * Run:  npm run bench:notifications [-- --bookings 2000 --high-concurrency 16]
 *       DATABASE_URL=postgres://user@host:5432/postgres npm run bench:notifications
 *       npm run bench:notifications -- --help
 */
import { runCommand } from '../src/command.js';
import { Cleanups } from './support/cleanups.js';
import { readFlags } from './support/cli.js';
import { type BaselineResult, benchBaseline } from './support/notifications-baseline.js';
import { benchQueue, type QueueRunResult } from './support/notifications-queue.js';
import { machine, markdownTable, writeResults } from './support/report.js';

const FLAGS = {
  bookings: { default: 2_000, description: 'bookings committed at once (the burst), one or two tickets each' },
  'per-commit': { default: 100, description: 'bookings a transaction in the burst' },
  'paced-bookings': { default: 300, description: 'bookings committed one at a time at a steady rate, before the burst' },
  'paced-rate': { default: 30, description: 'bookings a second of the paced phase' },
  'warm-up': { default: 20, description: 'bookings sent before anything is measured' },
  concurrency: { default: 4, description: 'JOB_CONCURRENCY of the first run (the service’s default)' },
  'high-concurrency': { default: 8, min: 0, description: 'JOB_CONCURRENCY of a second run; 0: none' },
  'timeout-seconds': { default: 180, description: 'longest wait for a phase’s e-mails' },
};
const ABOUT = 'E-mails through the job queue to a local SMTP server: messages/s and the delay from commit to send, against sending straight.';

/** Where the e-mails say they come from; the Message-IDs' host. */
const SITE = { publicUrl: 'https://tickets.bench.example', from: 'Ticketing <tickets@bench.example>' };

function tables(baseline: BaselineResult, runs: QueueRunResult[]): string[] {
  const throughput = markdownTable(
    [
      'JOB_CONCURRENCY',
      'burst',
      'queue msgs/s',
      'baseline msgs/s (render + send)',
      'queue ÷ baseline',
      'server CPU ms/msg',
      'baseline CPU ms/msg',
      'machine busy',
      'render only msgs/s (1 core)',
      'KiB/msg',
    ],
    runs.map((queue) => [
      queue.concurrency,
      queue.burst.bookings.toLocaleString('en'),
      queue.burst.perSecond,
      baseline.sentPerSecond,
      (queue.burst.perSecond / baseline.sentPerSecond).toFixed(2),
      queue.burst.serverCpuMs,
      baseline.sendCpuMs,
      `${Math.round(queue.burst.machineBusy * 100)}%`,
      baseline.renderedPerSecond,
      queue.messageKiB,
    ]),
  );
  const delays = markdownTable(
    ['JOB_CONCURRENCY', 'phase', 'bookings', 'commit → accepted p50 ms', 'p95', 'p99', 'max', 'p50 stages: → notifier, → rendered, → accepted'],
    runs.flatMap((queue) =>
      [
        { name: `paced, ${queue.paced.perSecond}/s`, ...queue.paced },
        { name: `burst, committed in ${queue.burst.commitSeconds} s`, ...queue.burst },
      ].map((phase) => [
        queue.concurrency,
        phase.name,
        phase.bookings.toLocaleString('en'),
        phase.delayMs.p50,
        phase.delayMs.p95,
        phase.delayMs.p99,
        phase.delayMs.max,
        `${phase.stages.toNotifierMs}, ${phase.stages.toRenderedMs}, ${phase.stages.toAcceptedMs}`,
      ]),
    ),
  );
  const checks = markdownTable(
    ['JOB_CONCURRENCY', 'bookings', 'e-mails', 'duplicates', 'missing', 'unknown', 'not SENT', 'jobs left'],
    runs.map(({ concurrency, checks }) => [
      concurrency,
      checks.bookings,
      checks.emails,
      checks.duplicates,
      checks.missing,
      checks.unknown,
      checks.notSent,
      checks.jobsLeft,
    ]),
  );
  return [throughput, delays, checks];
}

async function main(): Promise<number> {
  const flags = readFlags('npm run bench:notifications', ABOUT, FLAGS);
  if (!flags) return 0;
  const levels = [flags.concurrency, ...(flags['high-concurrency'] > 0 ? [flags['high-concurrency']] : [])];
  const timeoutMs = flags['timeout-seconds'] * 1000;
  // Once, with the first run's concurrency: sending straight is bound by this process's one core, not by how many are under way.
  const baseline = await benchBaseline({
    rendered: Math.min(flags.bookings, 500),
    messages: flags.bookings,
    concurrency: flags.concurrency,
    site: SITE,
    timeoutMs,
  });
  const runs: QueueRunResult[] = [];
  for (const concurrency of levels) {
    // Each run's server and database go before the next starts: the two share the machine's two cores otherwise.
    const cleanups = new Cleanups();
    try {
      runs.push(
        await benchQueue({
          cleanups,
          concurrency,
          warmUp: flags['warm-up'],
          paced: flags['paced-bookings'],
          pacedPerSecond: flags['paced-rate'],
          burst: flags.bookings,
          perCommit: flags['per-commit'],
          publicUrl: SITE.publicUrl,
          timeoutMs,
        }),
      );
    } finally {
      await cleanups.run();
    }
  }
  const { cpu, cores } = machine();
  console.log(`\nbench:notifications on ${cpu} (${cores} cores), PostgreSQL ${runs[0]!.postgres.version} (${runs[0]!.postgres.kind})\n`);
  for (const table of tables(baseline, runs)) console.log(`${table}\n`);
  const at = new Date().toISOString();
  const written = { benchmark: 'notifications', at, machine: machine(), flags, baseline, runs };
  console.log(`results: ${await writeResults('notifications', written)}`);
  return 0;
}

runCommand(main);
