/**
 * The dynamic-pricing benchmark (issue 18): a week-long sale simulated with
 * a demand curve, once with every section's price FIXED and once with it
 * moving on DEMAND, and what each did for revenue, tickets sold and the fans.
 *
 * A playhouse of three sections (Front 100 seats at $130, Stalls 300 at $80,
 * Lawn 600 standing at $45) goes on sale; the show starts --days later. The
 * same seeded fans come to both sales (bench/support/pricing-fans.ts): they
 * arrive by a demand curve (a rush at the opening, a lull, a rise before the
 * show), each willing to pay a log-normal amount a ticket around $70 and
 * wanting 1 to 4 tickets. Each reads the prices, reserves in the best section
 * within their willingness that has the seats, and pays a few minutes later,
 * or, for the slow payers, 10 to 50 minutes later, so that a repricing often
 * runs while they hold (bench/support/pricing-sale.ts). The server runs in
 * this process with a clock the sale moves by hand, driven over HTTP; the
 * repricer runs once every review interval of simulated time
 * (`repricePrices()`, PRICING_REVIEW_INTERVAL_MS=0).
 *
 * Both sales set a policy on every section with the same bounds (floor 0.75×,
 * ceiling 2× the base price), step 10%, interval --review-minutes, target
 * 90%; only the mode differs. FIXED is the baseline: DEMAND's revenue and
 * tickets sold are also shown as ratios to it.
 *
 * It exits non-zero if any fan was charged more than their hold's price, or
 * another invariant broke (pricing-sale.ts lists them).
 *
 * Database: with DATABASE_URL set, a fresh database on that server (dropped
 * at the end); otherwise an embedded PostgreSQL in a temporary folder.
 *
 * Run:  npm run bench:pricing [-- --fans 800 --seed 1]
 *       DATABASE_URL=postgres://user@host:5432/postgres npm run bench:pricing
 *       npm run bench:pricing -- --help
 * Figures are printed as markdown tables and written to bench/results/pricing-<time>.json.
 */
import { performance } from 'node:perf_hooks';

import postgres from 'postgres';

import { runCommand, UsageError } from '../src/command.js';
import { createBuyers } from '../test/support/booking.js';
import { manualClock, startTestServer } from '../test/support/server.js';
import { Cleanups } from './support/cleanups.js';
import { readFlags } from './support/cli.js';
import { openBenchDatabase } from './support/database.js';
import { createFans } from './support/pricing-fans.js';
import { dollars, type PolicyShape, runSale, type SaleFigures, simulatedTime, storePlayhouse } from './support/pricing-sale.js';
import { machine, markdownTable, writeResults } from './support/report.js';
import { round } from './support/stats.js';

const FLAGS = {
  fans: { default: 800, description: 'fans who come to each sale (the same ones to both)' },
  seed: { default: 1, min: 0, description: "seed of the fans' arrivals, willingness, quantities and timing" },
  days: { default: 7, description: 'selling period: from the opening of the sale to the show' },
  'review-minutes': { default: 60, description: "the policies' minIntervalSeconds, in minutes: the repricer runs this often" },
  'slow-payers': { default: 25, min: 0, description: 'percent of fans who pay 10 to 50 minutes after reserving' },
};
const ABOUT = 'Simulates a week-long sale with a demand curve, FIXED then DEMAND pricing, with the same seeded fans; compares revenue, tickets and fans.';

const DAY = 86_400_000;
/** Within the bench buyers' sessions (test/support/booking.ts: 2029 to 2031), whatever --days says within its cap. */
const FIRST_OPENING = new Date('2030-01-07T18:00:00Z');
const MAX_DAYS = 120;
/** What fans are willing to pay for a ticket, in cents: log-normal around this median, with this σ of its logarithm. */
const MEDIAN_WILLINGNESS = 7_000;
const WILLINGNESS_SPREAD = 0.5;

const count = (n: number) => n.toLocaleString('en');
const ratio = (demand: number, fixed: number) => (fixed === 0 ? '—' : (demand / fixed).toFixed(2));

/** FIXED and DEMAND side by side, with DEMAND ÷ FIXED where a ratio means something. */
function summaryTable(fixed: SaleFigures, demand: SaleFigures): string {
  const both = (cell: (sale: SaleFigures) => string | number, ratioCell = '') => [cell(fixed), cell(demand), ratioCell];
  const lost = (sale: SaleFigures) => `${count(sale.fans.served)} / ${count(sale.fans.lostPricedOut)} / ${count(sale.fans.lostNoSeats)}`;
  const rows: [string, ...(string | number)[]][] = [
    [`tickets sold (of ${count(fixed.capacity)})`, ...both((sale) => count(sale.ticketsSold), ratio(demand.ticketsSold, fixed.ticketsSold))],
    ['revenue', ...both((sale) => dollars(sale.revenue), ratio(demand.revenue, fixed.revenue))],
    [
      'revenue per ticket',
      ...both((sale) => dollars(sale.revenue / sale.ticketsSold), ratio(demand.revenue / demand.ticketsSold, fixed.revenue / fixed.ticketsSold)),
    ],
    ['sold out after (simulated)', ...both((sale) => (sale.soldOutAfterMs === null ? 'not sold out' : simulatedTime(sale.soldOutAfterMs)))],
    [`fans served / priced out / found no seats (of ${count(fixed.fans.total)})`, ...both(lost, `${ratio(demand.fans.served, fixed.fans.served)} (served)`)],
    ['lost between reading and reserving', ...both((sale) => sale.fans.lostMidPurchase)],
    ['reservations refused (price past maxPrice, or seats gone)', ...both((sale) => sale.fans.refusedReservations)],
    ['price changes (reviews run)', ...both((sale) => `${sale.priceChanges} (${sale.reviews})`)],
    ['fans who saw a price change in their purchase', ...both((sale) => sale.priceMoves.sawChange)],
    ['held above / below the price read', ...both((sale) => `${sale.priceMoves.readToHeldUp} / ${sale.priceMoves.readToHeldDown}`)],
    ['charged less than held (price fell during the hold)', ...both((sale) => sale.priceMoves.chargedLessThanHeld)],
    ['held through a rise (charged the held price)', ...both((sale) => sale.priceMoves.heldThroughRise)],
    ['**charged more than held (must be 0)**', ...both((sale) => `**${sale.priceMoves.chargedMoreThanHeld}**`)],
    ['problems found (must be 0)', ...both((sale) => sale.problems.length)],
    ['wall time', ...both((sale) => `${sale.wallSeconds} s`)],
  ];
  return markdownTable(['', 'FIXED (baseline)', 'DEMAND', 'DEMAND ÷ FIXED'], rows);
}

/** Each section under each mode: what sold, what fans paid a ticket, and where the price went. */
function sectionTable(fixed: SaleFigures, demand: SaleFigures): string {
  const rows = fixed.sections.flatMap((section, s) =>
    [fixed, demand].map((sale) => {
      const own = sale.sections[s]!;
      const paid = own.paid;
      const range = own.price.min === own.price.max ? dollars(own.price.min) : `${dollars(own.price.min)} – ${dollars(own.price.max)}`;
      return [
        `${section.name} (${section.capacity}, ${dollars(section.basePrice)})`,
        sale.mode,
        `${own.sold} (${own.soldOutAfterMs === null ? 'left' : `out at ${simulatedTime(own.soldOutAfterMs)}`})`,
        dollars(own.revenue),
        paid ? dollars(paid.mean) : '—',
        paid ? `${dollars(paid.min)} – ${dollars(paid.max)}` : '—',
        paid ? `${dollars(paid.p10)} – ${dollars(paid.p90)}` : '—',
        paid ? dollars(paid.sd) : '—',
        `${range} (${dollars(own.price.final)})`,
        own.priceChanges,
      ];
    }),
  );
  return markdownTable(
    ['section (seats, base)', 'mode', 'sold', 'revenue', 'paid a ticket: mean', 'min – max', 'p10 – p90', 'sd', 'price on sale (at the show)', 'changes'],
    rows,
  );
}

async function main(): Promise<number> {
  const flags = readFlags('npm run bench:pricing', ABOUT, FLAGS);
  if (!flags) return 0;
  if (flags.days > MAX_DAYS) throw new UsageError(`--days is at most ${MAX_DAYS}: the fans' sessions end in 2031`);
  if (flags['slow-payers'] > 100) throw new UsageError('--slow-payers is a percent, 0 to 100');
  const periodMs = flags.days * DAY;
  const policy: PolicyShape = {
    floorShare: 0.75,
    ceilingShare: 2,
    maxStepPercent: 10,
    minIntervalSeconds: flags['review-minutes'] * 60,
    targetSellThrough: 0.9,
  };
  const started = performance.now();
  const cleanups = new Cleanups();
  try {
    const database = await openBenchDatabase('pricing', cleanups);
    const clock = manualClock(new Date(FIRST_OPENING.getTime() - 2 * DAY));
    const server = await startTestServer(database.url, { clock });
    cleanups.add(() => server.stop());
    const sql = postgres(database.url, { max: 2, onnotice: () => {} });
    cleanups.add(() => sql.end());
    const [organizer] = await createBuyers(sql, 1, 'ORGANIZER');
    const buyers = await createBuyers(sql, flags.fans);
    const playhouse = await storePlayhouse(sql, organizer!.userId, clock());
    const fans = createFans({
      count: flags.fans,
      seed: flags.seed,
      periodMs,
      medianWillingness: MEDIAN_WILLINGNESS,
      willingnessSpread: WILLINGNESS_SPREAD,
      slowPayers: flags['slow-payers'] / 100,
    });
    const sale = { server, clock, sql, organizer: organizer!, buyers, fans, playhouse, policy, periodMs };
    // The DEMAND sale opens a week after the FIXED one's show: the clock only moves forward.
    const fixed = await runSale({ ...sale, mode: 'FIXED', opensAt: FIRST_OPENING });
    const demand = await runSale({ ...sale, mode: 'DEMAND', opensAt: new Date(FIRST_OPENING.getTime() + periodMs + 7 * DAY) });

    const { cpu, cores } = machine();
    const wallSeconds = round((performance.now() - started) / 1000);
    console.log(
      `\nbench:pricing on ${cpu} (${cores} cores): ${count(flags.fans)} fans, seed ${flags.seed}, ${flags.days} days, reviews every ${flags['review-minutes']} min; ${wallSeconds} s in all\n`,
    );
    console.log(`${summaryTable(fixed, demand)}\n`);
    console.log(`${sectionTable(fixed, demand)}\n`);
    const at = new Date().toISOString();
    const written = { benchmark: 'pricing', at, machine: machine(), postgres: database.postgres, flags, policy, wallSeconds, fixed, demand };
    console.log(`results: ${await writeResults('pricing', written)}`);
    const problems = [fixed, demand].flatMap((run) => run.problems.map((problem) => `${run.mode}: ${problem}`));
    for (const problem of problems) console.error(`PROBLEM ${problem}`);
    return problems.length > 0 ? 1 : 0;
  } finally {
    await cleanups.run();
  }
}

runCommand(main);
