/**
 * Reserve race: N buyers (default 1,000) race for 500 reserved seats (20 rows
 * of 25) of one on-sale event, against an API server started in its own
 * process (as `npm start` runs it) on a free port, and a throwaway database.
 *
 * Each buyer picks 1-4 adjacent seats at a random place in a random row
 * (seeded PRNG) and sends one `reserveSeats` over HTTP; on SEATS_UNAVAILABLE
 * it tries again with another random block, up to 3 more times. At most
 * --concurrency requests are in flight. It measures:
 *   - successful holds per second (holds / wall time of the race),
 *   - p50/p95/p99 latency of every reserveSeats call (client side, incl. HTTP),
 *   - counts: holds made, SEATS_UNAVAILABLE rejections, other user errors,
 *     server/GraphQL errors (must be 0),
 * then checks by SQL that no ticket is in two live holds and that the holds
 * made, and the tickets they hold, are exactly the ACTIVE holds and HELD
 * tickets in the database. It exits non-zero if an invariant fails or any
 * server error happened.
 *
 * Database: with DATABASE_URL set, a fresh database `bench_reserve_<random>`
 * is created on that server and dropped at the end; otherwise an embedded
 * PostgreSQL is started in a temporary folder and removed at the end.
 *
 * Run:  npm run bench:reserve -- --buyers 1000 --concurrency 100
 *       DATABASE_URL=postgres://user@host:5432/postgres npm run bench:reserve
 *       npm run bench:reserve -- --help
 *
 * Figures are printed and written to bench/results/reserve-race-<time>.json.
 *
 * This is a quick race for holds only, not the full on-sale benchmark (seat-map
 * readers, subscriptions, purchases, several processes): that one comes later.
 */
import { performance } from 'node:perf_hooks';

import postgres from 'postgres';

import { runCommand } from '../src/command.js';
import { fromGlobalId } from '../src/relay/global-id.js';
import { createBuyers, createOnSaleEvent } from '../test/support/booking.js';
import { TEST_SECRETS } from '../test/support/server.js';
import { startServerProcess } from '../test/support/server-process.js';
import { Cleanups } from './support/cleanups.js';
import { readFlags } from './support/cli.js';
import { openBenchDatabase } from './support/database.js';
import { PER_ADDRESS_LIMITS_OFF } from './support/rate-limits.js';
import { machine, writeResults } from './support/report.js';
import { round, spread } from './support/stats.js';

const FLAGS = {
  buyers: { default: 1000, description: 'buyers racing' },
  concurrency: { default: 100, description: 'reserveSeats requests in flight at most' },
  seed: { default: 1, min: 0, description: 'seed of the PRNG that picks the seats' },
  'pool-size': { default: 10, description: "server's DATABASE_POOL_SIZE" },
  rows: { default: 20, description: 'rows of reserved seats (at most 26)' },
  'seats-per-row': { default: 25, description: 'seats per row' },
  retries: { default: 3, min: 0, description: 'retries per buyer after SEATS_UNAVAILABLE, each with another block' },
};
const ABOUT =
  'Races buyers for reserved seats through reserveSeats against a local server and a throwaway database\n(on DATABASE_URL when set, else an embedded PostgreSQL).';

const RESERVE = `mutation ($input: ReserveSeatsInput!) { reserveSeats(input: $input) { hold { id } unavailableTicketIds userErrors { code } } }`;
const MAX_BLOCK = 4;

/** mulberry32: small, fast, good enough to pick seats reproducibly. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Outcome {
  latencies: number[];
  holdLatencies: number[];
  holds: { holdId: number; ticketIds: number[]; atMs: number }[];
  seatsUnavailable: number;
  otherUserErrors: Record<string, number>;
  serverErrors: number;
  serverErrorSamples: string[];
  buyersWithHold: number;
  buyersGaveUp: number;
  wallMs: number;
}

async function main(): Promise<number> {
  const given = readFlags('npm run bench:reserve', ABOUT, FLAGS);
  if (!given) return 0;
  const flags = { ...given, poolSize: given['pool-size'], seatsPerRow: given['seats-per-row'] };
  if (flags.rows > 26) throw new Error('--rows expects at most 26 (rows are labelled A-Z)');
  const cleanups = new Cleanups();

  try {
    // 1. A PostgreSQL and a database of our own on it.
    const { url: databaseUrl, postgres: postgresInfo } = await openBenchDatabase('reserve', cleanups);

    // 2. The API server in its own process; it migrates the new database as it starts.
    const server = await startServerProcess({
      DATABASE_URL: databaseUrl,
      SEED_DEMO: 'false',
      DATABASE_POOL_SIZE: String(flags.poolSize),
      ...TEST_SECRETS,
      HOLD_SWEEP_INTERVAL_MS: '0',
      ...PER_ADDRESS_LIMITS_OFF, // every buyer is 127.0.0.1 here: see bench/support/rate-limits.ts
    });
    cleanups.add(() => server.stop());

    // 3. The event, on sale since an hour ago on the real clock, and the buyers.
    const sql = postgres(databaseUrl, { max: 4, onnotice: () => {} });
    cleanups.add(() => sql.end());
    const [organizer] = await createBuyers(sql, 1, 'ORGANIZER');
    const event = await createOnSaleEvent(sql, organizer!.userId, {
      rows: flags.rows,
      seatsPerRow: flags.seatsPerRow,
      gaCapacity: 1,
      ticketLimit: 10,
      onSaleAt: new Date(Date.now() - 3600_000),
      startsAt: new Date(Date.now() + 30 * 86400_000),
    });
    const buyers = await createBuyers(sql, flags.buyers);
    const seatCount = flags.rows * flags.seatsPerRow;

    // 4. The race.
    const random = prng(flags.seed);
    const pickBlock = (): string[] => {
      const size = 1 + Math.floor(random() * Math.min(MAX_BLOCK, flags.seatsPerRow));
      const row = event.seats[Math.floor(random() * flags.rows)]!;
      const start = Math.floor(random() * (flags.seatsPerRow - size + 1));
      return row.slice(start, start + size);
    };
    const endpoint = `${server.url}/graphql`;
    let raceStarted = 0;
    const outcome: Outcome = {
      latencies: [],
      holdLatencies: [],
      holds: [],
      seatsUnavailable: 0,
      otherUserErrors: {},
      serverErrors: 0,
      serverErrorSamples: [],
      buyersWithHold: 0,
      buyersGaveUp: 0,
      wallMs: 0,
    };
    const serverError = (what: string) => {
      outcome.serverErrors++;
      if (outcome.serverErrorSamples.length < 5) outcome.serverErrorSamples.push(what.slice(0, 500));
    };

    /** One reserveSeats call; 'held', 'unavailable' (retry), or 'stop'. */
    const reserve = async (token: string, ticketIds: string[]): Promise<'held' | 'unavailable' | 'stop'> => {
      const started = performance.now();
      let status: number;
      let body: any;
      try {
        const response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: RESERVE, variables: { input: { eventId: event.id, ticketIds } } }),
        });
        status = response.status;
        body = await response.json().catch(() => undefined);
      } catch (error) {
        outcome.latencies.push(performance.now() - started);
        serverError(`fetch failed: ${String(error)}`);
        return 'stop';
      }
      const latency = performance.now() - started;
      outcome.latencies.push(latency);
      const payload = body?.data?.reserveSeats;
      if (status !== 200 || body?.errors?.length || !payload) {
        serverError(`HTTP ${status}: ${JSON.stringify(body?.errors ?? body)}`);
        return 'stop';
      }
      if (payload.hold) {
        outcome.holdLatencies.push(latency);
        outcome.holds.push({
          holdId: fromGlobalId(payload.hold.id).id,
          ticketIds: ticketIds.map((id) => fromGlobalId(id).id),
          atMs: performance.now() - raceStarted,
        });
        return 'held';
      }
      const codes: string[] = payload.userErrors.map((e: { code: string }) => e.code);
      if (codes.length === 1 && codes[0] === 'SEATS_UNAVAILABLE') {
        outcome.seatsUnavailable++;
        return 'unavailable';
      }
      for (const code of codes.length ? codes : ['(no hold and no user error)']) outcome.otherUserErrors[code] = (outcome.otherUserErrors[code] ?? 0) + 1;
      return 'stop';
    };

    // The blocks are drawn up front, in buyer order, so a seed always gives the same tries whatever the timing.
    const tries = buyers.map(() => Array.from({ length: flags.retries + 1 }, pickBlock));
    let next = 0;
    const worker = async () => {
      while (next < buyers.length) {
        const index = next++;
        const { token } = buyers[index]!;
        let result: 'held' | 'unavailable' | 'stop' = 'stop';
        for (const block of tries[index]!) {
          result = await reserve(token, block);
          if (result !== 'unavailable') break;
        }
        if (result === 'held') outcome.buyersWithHold++;
        else if (result === 'unavailable') outcome.buyersGaveUp++;
      }
    };
    const baselinePerSecond = await trivialRequestsPerSecond(
      endpoint,
      buyers.map((buyer) => buyer.token),
      flags.concurrency,
    );
    const eluBefore = performance.eventLoopUtilization();
    raceStarted = performance.now();
    await Promise.all(Array.from({ length: Math.min(flags.concurrency, buyers.length) }, worker));
    outcome.wallMs = performance.now() - raceStarted;
    // The client's own event loop: near 1 would mean the client, not the server, set the pace.
    const eventLoopUtilization = performance.eventLoopUtilization(eluBefore).utilization;

    // 5. Invariants, by SQL.
    const doubleHeld = await sql<{ ticketId: string }[]>`
      SELECT ticket_id AS "ticketId" FROM hold_tickets ht JOIN holds h ON h.id = ht.hold_id
      WHERE h.status = 'ACTIVE' GROUP BY ticket_id HAVING count(*) > 1`;
    const [activeHolds] = await sql<[{ n: number }]>`SELECT count(*)::int AS n FROM holds WHERE event_id = ${event.eventId} AND status = 'ACTIVE'`;
    const heldRows = await sql<{ id: string; holdId: string | null }[]>`
      SELECT id, hold_id AS "holdId" FROM tickets WHERE event_id = ${event.eventId} AND status = 'HELD'`;
    const heldInDb = new Map(heldRows.map((row) => [Number(row.id), row.holdId === null ? null : Number(row.holdId)]));
    const heldByClient = new Map(outcome.holds.flatMap((hold) => hold.ticketIds.map((ticketId) => [ticketId, hold.holdId] as const)));
    const ticketsInHolds = outcome.holds.reduce((sum, hold) => sum + hold.ticketIds.length, 0);
    const mismatched = [...heldByClient].filter(([ticketId, holdId]) => heldInDb.get(ticketId) !== holdId).length;
    const invariants = {
      'no ticket in two ACTIVE holds': doubleHeld.length === 0,
      'holds made = ACTIVE holds of the event': outcome.holds.length === activeHolds!.n,
      'tickets in holds made = HELD tickets': ticketsInHolds === heldRows.length,
      'each HELD ticket is in the hold that claimed it': heldByClient.size === ticketsInHolds && mismatched === 0,
      'no server/GraphQL errors': outcome.serverErrors === 0,
    };

    // 6. Report.
    const lastHoldMs = Math.max(0, ...outcome.holds.map((hold) => hold.atMs));
    const otherUserErrors = Object.values(outcome.otherUserErrors).reduce((a, b) => a + b, 0);
    const figures = {
      holdsPerSecond: round(outcome.holds.length / (outcome.wallMs / 1000)),
      /** The baseline: a trivial authenticated query over the same HTTP stack, same concurrency, same run. */
      trivialRequestsPerSecond: round(baselinePerSecond),
      reserveCallsToTrivialRatio: round(outcome.latencies.length / (outcome.wallMs / 1000) / baselinePerSecond, 2),
      reserveCallsPerSecond: round(outcome.latencies.length / (outcome.wallMs / 1000)),
      wallSeconds: round(outcome.wallMs / 1000, 3),
      /** When the last hold was made; after it the race is only rejections of buyers retrying into a nearly full hall. */
      lastHoldSeconds: round(lastHoldMs / 1000, 3),
      holdsPerSecondUntilLastHold: round(outcome.holds.length / (lastHoldMs / 1000)),
      eventLoopUtilization: round(eventLoopUtilization, 2),
      latencyMs: { all: spread(outcome.latencies), holdsOnly: spread(outcome.holdLatencies) },
      counts: {
        reserveCalls: outcome.latencies.length,
        holdsMade: outcome.holds.length,
        ticketsHeld: ticketsInHolds,
        seats: seatCount,
        seatsUnavailableRejections: outcome.seatsUnavailable,
        otherUserErrors,
        otherUserErrorsByCode: outcome.otherUserErrors,
        serverErrors: outcome.serverErrors,
        buyersWithHold: outcome.buyersWithHold,
        buyersGaveUp: outcome.buyersGaveUp,
      },
      database: { activeHolds: activeHolds!.n, heldTickets: heldRows.length, ticketsInTwoActiveHolds: doubleHeld.length, mismatchedTickets: mismatched },
    };
    const result = {
      benchmark: 'reserve-race',
      at: new Date().toISOString(),
      machine: machine(),
      postgres: postgresInfo,
      flags,
      figures,
      invariants,
      serverErrorSamples: outcome.serverErrorSamples,
    };

    console.log(
      `\nreserve race: ${flags.buyers} buyers, ${seatCount} seats, concurrency ${flags.concurrency}, pool ${flags.poolSize}, seed ${flags.seed}, ` +
        `PostgreSQL ${postgresInfo.kind} ${postgresInfo.version}${postgresInfo.host ? ` on ${postgresInfo.host}` : ''}`,
    );
    console.table({
      'holds/s': figures.holdsPerSecond,
      'baseline: trivial queries/s': figures.trivialRequestsPerSecond,
      'reserveSeats calls/s ÷ baseline': figures.reserveCallsToTrivialRatio,
      'reserveSeats calls/s': figures.reserveCallsPerSecond,
      'wall time (s)': figures.wallSeconds,
      'last hold at (s) / holds/s until then': `${figures.lastHoldSeconds} / ${figures.holdsPerSecondUntilLastHold}`,
      'client event loop utilization': figures.eventLoopUtilization,
      'reserveSeats p50 (ms)': figures.latencyMs.all.p50,
      'reserveSeats p95 (ms)': figures.latencyMs.all.p95,
      'reserveSeats p99 (ms)': figures.latencyMs.all.p99,
      'reserveSeats max (ms)': figures.latencyMs.all.max,
      'successful hold p50/p95/p99 (ms)': `${figures.latencyMs.holdsOnly.p50} / ${figures.latencyMs.holdsOnly.p95} / ${figures.latencyMs.holdsOnly.p99}`,
      'reserveSeats calls': figures.counts.reserveCalls,
      'holds made': figures.counts.holdsMade,
      'tickets held': `${figures.counts.ticketsHeld} of ${seatCount}`,
      'SEATS_UNAVAILABLE rejections': figures.counts.seatsUnavailableRejections,
      'other user errors': otherUserErrors ? `${otherUserErrors} ${JSON.stringify(outcome.otherUserErrors)}` : 0,
      'server/GraphQL errors': figures.counts.serverErrors,
      'buyers with a hold / gave up': `${outcome.buyersWithHold} / ${outcome.buyersGaveUp}`,
    });
    console.table(Object.fromEntries(Object.entries(invariants).map(([name, ok]) => [name, ok ? 'ok' : 'FAILED'])));
    for (const sample of outcome.serverErrorSamples) console.error(`server error: ${sample}`);

    console.log(`results: ${await writeResults('reserve-race', result)}`);

    const failed = Object.entries(invariants).filter(([, ok]) => !ok);
    if (failed.length > 0) console.error(`FAILED: ${failed.map(([name]) => name).join('; ')}`);
    return failed.length > 0 ? 1 : 0;
  } finally {
    await cleanups.run();
  }
}

/**
 * The ceiling for any authenticated request on this machine and stack: `{ __typename }` (the
 * token is still checked against its session) sent by the buyers, `concurrency` at a time.
 */
async function trivialRequestsPerSecond(endpoint: string, tokens: string[], concurrency: number): Promise<number> {
  const requests = tokens.length * 3;
  let sent = 0;
  const worker = async () => {
    while (sent < requests) {
      const token = tokens[sent++ % tokens.length]!;
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      if (!response.ok) throw new Error(`baseline request failed with HTTP ${response.status}`);
      await response.json();
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, requests) }, worker));
  return requests / ((performance.now() - started) / 1000);
}

runCommand(main);
