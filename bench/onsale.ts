/**
 * On-sale: a hot concert goes on sale in a 20,000-seat arena. P API processes
 * (default 2) run as `npm start` runs them, on PostgreSQL and Redis
 * (DATABASE_URL, REDIS_URL; an embedded PostgreSQL and in-process pub/sub
 * when unset, reported as such). S graphql-ws subscribers (default 5,000)
 * watch the seat map, spread over the processes, while B buyers (default
 * 10,000, at most C = 500 at once) each log in, load the event and its compact
 * seat map, reserve 1 to 4 seats (half pick seats near the stage, so they
 * collide; half ask for the best available), try again after
 * SEATS_UNAVAILABLE up to 3 times, and pay for 80% of their holds with
 * `tok_visa`, releasing or abandoning the rest (bench/support/onsale-buyer.ts).
 *
 * Baselines, measured in the same run on the same machine: pgbench running a
 * reservation's SQL (the database's limit for holds per second), and a
 * trivial authenticated query through the same HTTP stack (the limit for
 * requests per second). Our figures are printed as ratios to them.
 *
 * At the end it checks, by SQL, that no seat was sold twice, that every SOLD
 * ticket has exactly one confirmed booking and no money was taken without
 * one, and, once every hold has ended and every subscriber has caught up,
 * that the seat map each applied equals the database's. It exits non-zero when an invariant breaks
 * or a server error happened.
 *
 * Waiting room (--waiting-room): the same sale behind the event's virtual
 * waiting room. The sale opens --sale-delay seconds after the buyers are
 * ready: each has logged in, joined the room and holds a `queuePassChanged`
 * subscription (bench/support/waiting-fans.ts, in child processes), except
 * the last --late-fans, who join over the sale's first LATE_JOIN_SECONDS (so
 * that first come, first served is tested). A buyer starts at the seat map
 * when its pass says ADMITTED, reserving with its admission token; one
 * who gives up leaves the room (its slot frees at once). The room is
 * adaptive unless --admit-per-minute is given, with --max-active-buyers.
 * Reported besides: the admitted buyers' latencies, the time from the
 * opening to sold out, queue-update delivery (each push timed from the
 * admitter round it shows), server memory per waiting fan, and order
 * inversions (from the queue's store), which must be 0.
 *
 * Run:  npm run bench:onsale
 *       npm run bench:onsale -- --waiting-room
 *       npm run bench:onsale -- --buyers 2000 --subscribers 1000
 *       DATABASE_URL=postgres://... REDIS_URL=redis://... npm run bench:onsale
 * Figures are printed and written to bench/results/onsale-<time>.json.
 */
import { performance } from 'node:perf_hooks';

import cliProgress from 'cli-progress';
import { Redis } from 'ioredis';
import postgres from 'postgres';

import { runCommand } from '../src/command.js';
import { Random } from '../src/db/seed/random.js';
import { fromGlobalId, toGlobalId } from '../src/relay/global-id.js';
import { createBuyers, createOnSaleEvent } from '../test/support/booking.js';
import { TEST_SECRETS } from '../test/support/server.js';
import { type ServerProcess, startServerProcess } from '../test/support/server-process.js';
import { type ArenaEvent, createArenaEvent, createLoginBuyers } from './support/arena.js';
import { Cleanups } from './support/cleanups.js';
import { type Flags, readFlags } from './support/cli.js';
import { openBenchDatabase } from './support/database.js';
import { buyerClient, type BuyerContext, LEAVE_ROOM, logIn, runBuyer, Tally } from './support/onsale-buyer.js';
import { pgbenchReserveRate } from './support/pgbench.js';
import { PER_ADDRESS_LIMITS_OFF } from './support/rate-limits.js';
import { machine, residentMemory, startCpuAccount, writeResults } from './support/report.js';
import { applyDeltas, forkSeatMapSubscribers, KEEP_EVERY_VERSION, latencySpread, readChangeTimes } from './support/seat-map-subscribers.js';
import { openFilesLimit } from './support/sockets.js';
import { measureLoad, round, spread } from './support/stats.js';
import { type Fan, forkWaitingFans, JOIN_ROOM, orderInversions, passIdOf, readQueuePasses } from './support/waiting-fans.js';

const FLAGS = {
  processes: { default: 2, description: 'API processes (1 without REDIS_URL: in-process pub/sub reaches only its own process)' },
  subscribers: { default: 5000, min: 0, description: 'graphql-ws seat-map subscribers, spread over the processes' },
  buyers: { default: 10_000, description: 'buyers' },
  concurrency: { default: 500, description: 'buyers at work at once (with --waiting-room: logging in and joining before the opening)' },
  'confirm-percent': { default: 80, min: 0, description: 'holds paid for (the rest are half released, half left to expire)' },
  'hold-seconds': { default: 30, description: "the event's hold time, so that abandoned holds expire during the run" },
  'pool-size': { default: 10, description: "each process's DATABASE_POOL_SIZE" },
  sample: { default: 10, description: 'every n-th subscriber records delivery latencies' },
  seed: { default: 1, min: 0, description: "seed of the buyers' choices" },
  'waiting-room': { switch: true as const, description: "the same sale behind the event's waiting room: buyers join before it opens and buy once admitted" },
  'admit-per-minute': { default: 0, min: 0, description: 'with --waiting-room: a fixed admission rate (0: adaptive, following reserveSeats p99)' },
  'max-active-buyers': { default: 300, description: 'with --waiting-room: the most admitted fans not yet finished at once' },
  'waiting-fans': {
    default: 0,
    min: 0,
    description: 'with --waiting-room: fans who join and wait (0: as many as buyers); those beyond the buyers leave once admitted',
  },
  'late-fans': { default: 500, min: 0, description: 'with --waiting-room: buyers who join after the opening instead of before' },
  'sale-delay': { default: 20, description: 'with --waiting-room: seconds from the buyers being ready to the opening' },
};
/** Files an API process has open besides its WebSockets, at most: the database pool, Redis, the buyers' HTTP connections. */
const SOCKETS_BESIDES = 600;
/** With --waiting-room, the late fans join evenly over the sale's first this many seconds. */
const LATE_JOIN_SECONDS = 20;
/** With --waiting-room, the sale is given up as stuck after this long without an admission or a buyer finishing. */
const STALL_MS = 60_000;
const ABOUT =
  'Simulates a hot on-sale against P API processes: buyers log in, look, reserve, pay; subscribers watch the seat map.\n' +
  'Baselines in the same run: pgbench on the reservation SQL, a trivial query on the same HTTP stack.';

const PASSWORD = 'on-sale bench password';

async function main(): Promise<number> {
  const flags = readFlags('npm run bench:onsale', ABOUT, FLAGS);
  if (!flags) return 0;
  const redisUrl = process.env.REDIS_URL;
  const processes = redisUrl ? flags.processes : 1;
  if (!redisUrl && flags.processes > 1) console.log('REDIS_URL is unset: in-process pub/sub reaches only its own process, so running 1 API process.');
  const waitingRoom = flags['waiting-room'];
  const fanCount = waitingRoom ? Math.max(flags.buyers, flags['waiting-fans']) : flags.buyers;
  const socketsPerProcess = Math.ceil(((waitingRoom ? fanCount : 0) + flags.subscribers) / processes) + SOCKETS_BESIDES;
  const filesPerProcess = openFilesLimit();
  if (socketsPerProcess > filesPerProcess) {
    throw new Error(
      `each API process would hold about ${socketsPerProcess} sockets, more than this machine lets a process open (ulimit -n: ${filesPerProcess}); ` +
        'ask for fewer fans or subscribers, or more --processes',
    );
  }
  const cleanups = new Cleanups();
  try {
    // 1. The database, the event, the buyers; then the API processes.
    const database = await openBenchDatabase('onsale', cleanups);
    const first = await startApi(database.url, redisUrl, flags['pool-size'], cleanups);
    const sql = postgres(database.url, { max: 4, onnotice: () => {} });
    cleanups.add(() => sql.end());
    const [organizer] = await createBuyers(sql, 1, 'ORGANIZER');
    const event = await createArenaEvent(sql, organizer!.userId, { holdTtlSeconds: flags['hold-seconds'], ticketLimit: 8 });
    const emails = await createLoginBuyers(sql, fanCount, PASSWORD);
    const servers = [
      first,
      ...(await Promise.all(Array.from({ length: processes - 1 }, () => startApi(database.url, redisUrl, flags['pool-size'], cleanups)))),
    ];
    const urls = servers.map((server) => server.url);

    // 2. Baselines: the database's rate for the reservation SQL, and the HTTP stack's for a trivial query.
    const pgbenchEvent = await createOnSaleEvent(sql, organizer!.userId, { rows: 20, seatsPerRow: 1000, gaCapacity: 1 });
    const [range] = await sql<[{ first: string; last: string; firstUser: number; lastUser: number }]>`
      SELECT min(t.id) AS first, max(t.id) AS last, (SELECT min(id) FROM users) AS "firstUser", (SELECT max(id) FROM users) AS "lastUser"
      FROM tickets t WHERE t.event_id = ${pgbenchEvent.eventId}`;
    const pgbench = await pgbenchReserveRate({
      url: database.url,
      eventId: pgbenchEvent.eventId,
      tickets: { first: Number(range.first), last: Number(range.last) },
      users: { first: range.firstUser, last: range.lastUser },
      clients: processes * flags['pool-size'],
      seconds: 10,
    });
    const tokens = (await createBuyers(sql, 100)).map((buyer) => buyer.token);
    let trivialRetries = 0;
    const trivial = await measureLoad(5_000, flags.concurrency, async (i) => {
      // The query changes nothing, so one the server dropped (a keep-alive connection closed as it was reused, seen on
      // this machine when other work starves the servers' event loops) is sent again, and counted.
      for (let attempt = 0; ; attempt++) {
        let response: Response;
        try {
          response = await fetch(`${urls[i % urls.length]}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i % tokens.length]}` },
            body: JSON.stringify({ query: '{ __typename }' }),
          });
        } catch (error) {
          if (attempt >= 2) throw error;
          trivialRetries++;
          continue;
        }
        if (!response.ok) throw new Error(`the baseline query failed with HTTP ${response.status}`);
        await response.json();
        return;
      }
    });

    // 3. The subscribers, from version 0, and the sale.
    const tally = new Tally();
    const subscribers = await forkSeatMapSubscribers({ urls, count: flags.subscribers, eventId: event.id, sinceVersion: 0, sampleEvery: flags.sample });
    cleanups.add(() => subscribers.close());
    // A hold made and released before the sale: once every subscriber has seen both, they are all in.
    const [prober] = await createBuyers(sql, 1);
    const probe = async (query: string, input: object) => {
      const response = await fetch(`${urls[0]}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${prober!.token}` },
        body: JSON.stringify({ query, variables: { input } }),
      });
      return ((await response.json()) as { data: Record<string, { hold: { id: string } }> }).data;
    };
    const floorUnit = event.sections.find((section) => section.kind === 'GENERAL_ADMISSION')!.tickets[0]!.id;
    const { reserveSeats } = await probe('mutation ($input: ReserveSeatsInput!) { reserveSeats(input: $input) { hold { id } } }', {
      eventId: event.id,
      ticketIds: [floorUnit],
    });
    await probe('mutation ($input: ReleaseHoldInput!) { releaseHold(input: $input) { hold { id } } }', { holdId: reserveSeats!.hold.id });
    if (!(await until(() => subscribers.lowestVersion() >= 2, 120_000))) throw new Error('the subscribers did not all start in 2 minutes');
    subscribers.restartCount();
    const random = new Random(flags.seed);
    const context: BuyerContext = { urls, event, password: PASSWORD, confirmPercent: flags['confirm-percent'], random: () => random.next(), tally };
    const room = waitingRoom
      ? await openWaitingRoom({ sql, urls, servers, event, organizerToken: organizer!.token, emails, fanCount, context, flags, redisUrl, cleanups })
      : undefined;
    const bar = new cliProgress.SingleBar(
      { format: 'On sale {bar} {value}/{total} buyers | {sold} sold, {held} held | {duration_formatted}', hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(flags.buyers, 0, { sold: 0, held: 0 });
    // Behind the room, the sale starts at its opening (still to come), and sells out counting from it.
    const saleStarted = room ? performance.now() + (room.onSaleAt - Date.now()) : performance.now();
    let soldOutAt: number | undefined;
    let watching: Promise<unknown> = Promise.resolve();
    const watch = setInterval(() => (watching = watchSale()), 500);
    const watchSale = async () => {
      const [counts] = await sql<[{ sold: number; held: number; free: number }]>`
        SELECT count(*) FILTER (WHERE status = 'SOLD')::int AS sold, count(*) FILTER (WHERE status = 'HELD' AND held_until > now())::int AS held,
               count(*) FILTER (WHERE status = 'AVAILABLE' OR held_until <= now())::int AS free
        FROM tickets WHERE event_id = ${event.eventId}`;
      if (counts.free === 0) soldOutAt ??= performance.now() - saleStarted;
      bar.update(tally.buyersDone, { sold: counts.sold, held: counts.held });
    };
    const eluBefore = performance.eventLoopUtilization();
    const apiPids = new Set(servers.map((server) => server.pid));
    const cpuAccount = await startCpuAccount(({ pid, ppid, command }) => {
      if (apiPids.has(pid)) return 'API processes';
      if (pid === process.pid) return 'buyers (this process)';
      if (ppid === process.pid) return "subscribers and waiting fans (this process's children)";
      if (command === 'postgres') return 'PostgreSQL';
      if (command.startsWith('redis-server')) return 'Redis';
      return undefined;
    });
    if (room) {
      await room.sell();
    } else {
      let next = 0;
      const worker = async () => {
        while (next < flags.buyers) {
          const index = next++;
          await runBuyer(context, index, emails[index]!);
          tally.buyersDone++;
        }
      };
      await Promise.all(Array.from({ length: Math.min(flags.concurrency, flags.buyers) }, worker));
    }
    const saleSeconds = (performance.now() - saleStarted) / 1000;
    const clientElu = performance.eventLoopUtilization(eluBefore).utilization;
    const cpuShares = await cpuAccount();
    clearInterval(watch);
    await watching;
    bar.update(tally.buyersDone);
    bar.stop();

    // 4. Invariants: by SQL, then every subscriber's map against the database's, once the map is still (every hold has
    //    ended: paid for, released, or expired and swept) and they have all caught up.
    const still = await until(
      async () => {
        const [{ live }] = await sql<[{ live: number }]>`SELECT count(*)::int AS live FROM holds WHERE event_id = ${event.eventId} AND status = 'ACTIVE'`;
        return live === 0;
      },
      (flags['hold-seconds'] + 30) * 1000,
    );
    const [checks] = await sql<[{ soldTwice: number; soldWithoutBooking: number; bookedNotSold: number; chargedWithoutBooking: number }]>`
      SELECT
        (SELECT count(*)::int FROM (SELECT ht.ticket_id FROM hold_tickets ht JOIN bookings b ON b.hold_id = ht.hold_id
           WHERE b.status = 'CONFIRMED' AND b.event_id = ${event.eventId} GROUP BY ht.ticket_id HAVING count(*) > 1) twice) AS "soldTwice",
        (SELECT count(*)::int FROM tickets t WHERE t.event_id = ${event.eventId} AND t.status = 'SOLD'
           AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.id = t.booking_id AND b.status = 'CONFIRMED')) AS "soldWithoutBooking",
        (SELECT count(*)::int FROM bookings b JOIN hold_tickets ht ON ht.hold_id = b.hold_id JOIN tickets t ON t.id = ht.ticket_id
           WHERE b.event_id = ${event.eventId} AND b.status = 'CONFIRMED' AND (t.status <> 'SOLD' OR t.booking_id <> b.id)) AS "bookedNotSold",
        (SELECT count(*)::int FROM simulated_charges c WHERE c.status = 'CAPTURED'
           AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.payment_id = c.id AND b.status = 'CONFIRMED')) AS "chargedWithoutBooking"`;
    const [snapshot] = await sql<[{ version: number; tickets: [number, string][] }]>`
      SELECT coalesce((SELECT version::int FROM seat_maps WHERE event_id = ${event.eventId}), 0) AS version,
             (SELECT json_agg(json_build_array(id, status)) FROM tickets WHERE event_id = ${event.eventId}) AS tickets`;
    const finalVersion = snapshot.version;
    const caughtUp = await until(() => subscribers.lowestVersion() >= finalVersion, 60_000);
    const report = await subscribers.report(await readChangeTimes(sql, event.eventId));
    // Should still be finalVersion: a change after the snapshot would make every map differ from it.
    const [{ versionAtReport }] = await sql<[{ versionAtReport: number }]>`
      SELECT coalesce((SELECT version::int FROM seat_maps WHERE event_id = ${event.eventId}), 0) AS "versionAtReport"`;
    const stored = new Map(snapshot.tickets.map(([id, status]) => [toGlobalId('Ticket', id), status]));
    const initial = new Map([...stored.keys()].map((id) => [id, 'AVAILABLE']));
    let subscribersDiffering = 0;
    /** Tickets whose applied status differs from the stored one, in the first history that differs: what to look into. */
    let differing: { ticketId: string; applied: string | undefined; stored: string }[] = [];
    for (const history of report.histories) {
      const applied = applyDeltas(initial, history.messages);
      const wrong = [...stored].filter(([id, status]) => applied.get(id) !== status);
      if (wrong.length === 0) continue;
      subscribersDiffering += history.subscribers;
      if (differing.length === 0) differing = wrong.slice(0, 5).map(([ticketId, status]) => ({ ticketId, applied: applied.get(ticketId), stored: status }));
    }
    const mapDifferences = await Promise.all(
      differing.map(async (difference) => {
        const id = fromGlobalId(difference.ticketId).id;
        const [ticket] = await sql`SELECT status, hold_id, held_until, booking_id FROM tickets WHERE id = ${id}`;
        const log =
          await sql`SELECT version, status, changed_at FROM seat_map_changes WHERE event_id = ${event.eventId} AND ticket_id = ${id} ORDER BY version`;
        const holds =
          await sql`SELECT h.id, h.status, h.expires_at, h.ended_at, ht.claimed_from, ht.claimed_until FROM hold_tickets ht JOIN holds h ON h.id = ht.hold_id WHERE ht.ticket_id = ${id} ORDER BY h.id`;
        return { ...difference, ticket, log, holds };
      }),
    );
    subscribersDiffering += report.broken;
    const subscribersResynced = report.resynced;
    const memory = await Promise.all(servers.map((server) => residentMemory(server.pid)));
    const queue = room && (await room.report());

    // 5. Report.
    const { delivery } = report;
    const requests = Object.values(tally.latencies).reduce((sum, list) => sum + list.length, 0);
    const holdsPerSecond = tally.holds / saleSeconds;
    const figures = {
      holdsPerSecond: round(holdsPerSecond),
      bookingsPerSecond: round(tally.bookings / saleSeconds),
      requestsPerSecond: round(requests / saleSeconds),
      saleSeconds: round(saleSeconds),
      soldOutSeconds: soldOutAt === undefined ? null : round(soldOutAt / 1000),
      latencyMs: Object.fromEntries(Object.entries(tally.latencies).map(([name, list]) => [name, spread(list)])),
      delivery: {
        latencyMs: latencySpread(delivery.latencies),
        messagesPerSecond: delivery.messages > 0 ? round(delivery.messages / ((delivery.lastAt - delivery.firstAt) / 1000)) : null,
      },
      counts: {
        holds: tally.holds,
        ticketsHeld: tally.ticketsHeld,
        bookings: tally.bookings,
        ticketsSold: tally.ticketsSold,
        released: tally.released,
        abandoned: tally.abandoned,
        contentionRejections: tally.seatsUnavailable,
        buyersGaveUp: tally.gaveUp,
        otherUserErrors: tally.otherUserErrors,
        serverErrors: tally.serverErrors,
      },
      peakRssMiB: memory.map((m) => m.peakRssMiB),
      clientEventLoopUtilization: round(clientElu, 2),
      cpuShares,
      ...(queue ? { waitingRoom: queue } : {}),
    };
    const baselines = {
      pgbenchReservationsPerSecond: 'perSecond' in pgbench ? round(pgbench.perSecond) : pgbench.skipped,
      trivialRequestsPerSecond: trivial.perSecond,
      trivialRetries,
      holdsToPgbench: 'perSecond' in pgbench ? round(holdsPerSecond / pgbench.perSecond, 3) : null,
      requestsToTrivial: round(requests / saleSeconds / trivial.perSecond, 3),
    };
    const invariants = {
      'no seat sold twice': checks.soldTwice === 0,
      'every SOLD ticket has its confirmed booking': checks.soldWithoutBooking === 0,
      "every confirmed booking's tickets are SOLD to it": checks.bookedNotSold === 0,
      'no money taken without a booking': checks.chargedWithoutBooking === 0,
      'every hold ended after the sale': still,
      'every subscriber caught up': caughtUp,
      "every subscriber's map equals the database's": subscribersDiffering === 0,
      'no server errors': tally.serverErrors === 0,
      ...(queue
        ? {
            'every buyer with a pass admitted and done (no stall)': !queue.stalled,
            'no order inversions': queue.orderInversions === 0,
            "no waiting fan's position went up": queue.positionsWentUp === 0,
            'no queue subscription broke': queue.brokenSubscriptions === 0,
          }
        : {}),
    };
    const result = {
      benchmark: 'onsale',
      mode: waitingRoom ? 'waiting room' : 'unmetered',
      at: new Date().toISOString(),
      machine: machine(),
      postgres: database.postgres,
      pubsub: redisUrl ? 'Redis' : 'in-process',
      processes,
      flags,
      baselines,
      figures,
      invariants,
      checks: { ...checks, subscribersDiffering, subscribersResynced, finalVersion, versionAtReport, mapDifferences },
      serverErrorSamples: tally.serverErrorSamples,
    };
    printReport(result);
    console.log(`results: ${await writeResults('onsale', result)}`);
    const failed = Object.entries(invariants).filter(([, ok]) => !ok);
    if (failed.length > 0) console.error(`FAILED: ${failed.map(([name]) => name).join('; ')}`);
    if (mapDifferences.length > 0) console.error('tickets whose applied status differs:', JSON.stringify(mapDifferences, null, 1));
    return failed.length > 0 ? 1 : 0;
  } finally {
    await cleanups.run();
  }
}

async function startApi(databaseUrl: string, redisUrl: string | undefined, poolSize: number, cleanups: Cleanups): Promise<ServerProcess> {
  const server = await startServerProcess({
    DATABASE_URL: databaseUrl,
    ...(redisUrl ? { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: redisPrefix() } : {}),
    SEED_DEMO: 'false',
    ...TEST_SECRETS,
    DATABASE_POOL_SIZE: String(poolSize),
    TRUST_PROXY_HOPS: '1', // the buyers say which address they come from, as a load balancer would
    ...PER_ADDRESS_LIMITS_OFF, // all from this machine: see bench/support/rate-limits.ts
    SEAT_MAP_LOG_VERSIONS: String(KEEP_EVERY_VERSION), // the log's commit times are what delivery is timed from
  });
  cleanups.add(() => server.stop());
  return server;
}

const CONFIGURE_ROOM = `mutation ($input: ConfigureWaitingRoomInput!) { configureWaitingRoom(input: $input) { event { id } userErrors { code message } } }`;

interface WaitingRoomSetup {
  sql: postgres.Sql;
  urls: string[];
  servers: ServerProcess[];
  event: ArenaEvent;
  organizerToken: string;
  /** Every fan's login, the buyers' first. */
  emails: string[];
  fanCount: number;
  context: BuyerContext;
  flags: Flags<typeof FLAGS>;
  redisUrl: string | undefined;
  cleanups: Cleanups;
}

/**
 * Turns the event's room on, logs every fan in, has all but the late ones
 * join and subscribe (measuring the servers' memory before and after), and
 * sets the opening `sale-delay` seconds ahead. `sell()` then runs the sale:
 * the late fans join, each admitted buyer buys, each admitted fan beyond the
 * buyers leaves; it ends once every buyer with a pass is done, or when it
 * stalls. `report()` reads the queue's store for the order and the pushes' timing.
 */
async function openWaitingRoom(setup: WaitingRoomSetup) {
  const { sql, urls, servers, event, emails, fanCount, context, flags, cleanups } = setup;
  const { tally } = context;
  const store = setup.redisUrl ? { redis: new Redis(setup.redisUrl), prefix: redisPrefix() } : undefined;
  if (store) {
    cleanups.add(async () => {
      // The queue's keys have no expiry: take this run's out of the shared Redis.
      for await (const keys of store.redis.scanStream({ match: `${store.prefix}waiting-room:*`, count: 1000 }) as AsyncIterable<string[]>) {
        if (keys.length > 0) await store.redis.unlink(...keys);
      }
      store.redis.disconnect();
    });
  }
  // The room opens now; the sale an hour away until the fans are in.
  await sql`UPDATE events SET on_sale_at = now() + interval '1 hour' WHERE id = ${event.eventId}`;
  const response = await fetch(`${urls[0]}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${setup.organizerToken}` },
    body: JSON.stringify({
      query: CONFIGURE_ROOM,
      variables: {
        input: {
          eventId: event.id,
          enabled: true,
          opensAt: new Date().toISOString(),
          admitPerMinute: flags['admit-per-minute'] || null,
          maxActiveBuyers: flags['max-active-buyers'],
        },
      },
    }),
  });
  const configured = (await response.json()) as { data?: { configureWaitingRoom: { userErrors: unknown[] } }; errors?: unknown };
  if (!configured.data || configured.data.configureWaitingRoom.userErrors.length > 0) throw new Error(`configureWaitingRoom: ${JSON.stringify(configured)}`);

  const late = new Set(Array.from({ length: Math.min(flags['late-fans'], flags.buyers) }, (_, k) => flags.buyers - 1 - k));
  const tokens: (string | undefined)[] = new Array(fanCount);
  /** Each fan's pass id; 0 until joined. */
  const passIds = new Array<number>(fanCount).fill(0);
  const joinLatencies: number[] = [];
  const join = async (index: number): Promise<boolean> => {
    const joined = await buyerClient(context, index, tokens[index])(JOIN_ROOM, { input: { eventId: event.id } }, joinLatencies);
    const pass = joined?.data.joinWaitingRoom.pass as { id: string } | null | undefined;
    if (!pass) {
      if (joined) tally.userError(`joinWaitingRoom: ${joined.data.joinWaitingRoom.userErrors[0]?.code}`);
      return false;
    }
    passIds[index] = passIdOf(pass.id);
    return true;
  };
  const rss = async () => (await Promise.all(servers.map((server) => residentMemory(server.pid)))).reduce((sum, m) => sum + m.rssMiB, 0);

  const rssBeforeMiB = await rss();
  // Late fans log in now too: they come late to the queue, not to the site.
  let next = 0;
  const worker = async () => {
    while (next < fanCount) {
      const index = next++;
      tokens[index] = await logIn(context, index, emails[index]!);
      if (tokens[index] && !late.has(index)) await join(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(flags.concurrency, fanCount) }, worker));
  const fans = await forkWaitingFans({ urls, eventId: event.id }, fanCount);
  cleanups.add(() => fans.close());
  const early: Fan[] = passIds.flatMap((passId, index) => (passId ? [[index, tokens[index]!] as Fan] : []));
  await fans.subscribe(early);
  const rssAfterMiB = await rss();

  const onSaleAt = Date.now() + flags['sale-delay'] * 1000;
  await sql`UPDATE events SET on_sale_at = ${new Date(onSaleAt)} WHERE id = ${event.eventId}`;

  let admitted = 0;
  let extraLeft = 0;
  let stalled = false;
  return {
    onSaleAt,

    async sell() {
      let lastProgress = performance.now();
      const running: Promise<void>[] = [];
      fans.onAdmitted(({ index, admissionToken }) => {
        admitted++;
        lastProgress = performance.now();
        if (index >= flags.buyers) {
          // A fan who came to wait, not to buy: leaving frees the admission's slot at once.
          const leave = buyerClient(context, index, tokens[index])(LEAVE_ROOM, { input: { eventId: event.id } }, tally.latencies.leave);
          running.push(leave.then(() => void extraLeft++));
          return;
        }
        const buying = runBuyer(context, index, emails[index]!, { token: tokens[index]!, admissionToken });
        running.push(buying.then(() => ((tally.buyersDone++, (lastProgress = performance.now())), undefined)));
      });
      await sleep(onSaleAt - Date.now());
      // The late fans, evenly over the first LATE_JOIN_SECONDS; subscribed a batch a second, in the order they joined.
      const lateFans = [...late].filter((index) => tokens[index]).sort((a, b) => a - b);
      const joined: Fan[] = [];
      const joining = lateFans.map(async (index, k) => {
        await sleep((k * LATE_JOIN_SECONDS * 1000) / lateFans.length);
        if (await join(index)) joined.push([index, tokens[index]!]);
      });
      for (let second = 0; second <= LATE_JOIN_SECONDS; second++) {
        await sleep(1000);
        const batch = joined.splice(0);
        if (batch.length > 0) await fans.subscribe(batch);
      }
      await Promise.all(joining);
      const rest = joined.splice(0);
      if (rest.length > 0) await fans.subscribe(rest);

      const buyersWithPass = passIds.slice(0, flags.buyers).filter(Boolean).length;
      while (tally.buyersDone < buyersWithPass) {
        if (performance.now() - lastProgress > STALL_MS) {
          stalled = true;
          break;
        }
        await sleep(100);
      }
      if (!stalled) await Promise.all(running);
    },

    /** The room's figures once the sale is over (and the map still). */
    async report() {
      const passes = await readQueuePasses(sql, store, event.eventId, passIds.filter(Boolean), ADMISSION_TTL_SECONDS);
      const { inversions, lateJoiners, widestMs } = orderInversions(passes, onSaleAt);
      const pushes = await fans.report(passIds, passes);
      /** Admissions in each 10 s from the opening: the rate the room let fans in at. */
      const admissionsPer10s: number[] = [];
      for (const pass of passes) {
        if (pass.admittedAt === null) continue;
        const bucket = Math.max(0, Math.floor((pass.admittedAt - onSaleAt) / 10_000));
        while (admissionsPer10s.length <= bucket) admissionsPer10s.push(0);
        admissionsPer10s[bucket]!++;
      }
      return {
        waitingFans: early.length,
        buyersWithPass: passIds.slice(0, flags.buyers).filter(Boolean).length,
        lateJoiners,
        admitted,
        extraFansLeft: extraLeft,
        stalled,
        joinMs: spread(joinLatencies),
        rssBeforeMiB: round(rssBeforeMiB),
        rssAfterMiB: round(rssAfterMiB),
        memoryPerWaitingFanKiB: round(((rssAfterMiB - rssBeforeMiB) * 1024) / early.length),
        queueUpdates: { latencyMs: latencySpread(pushes.latencies), pushes: pushes.pushes, untimed: pushes.untimed },
        positionsWentUp: pushes.positionsWentUp,
        brokenSubscriptions: pushes.broken,
        orderInversions: inversions,
        widestInversionMs: round(widestMs),
        admissionsPer10s,
      };
    },
  };
}

/** The room's admission time: configureWaitingRoom's default, which the benchmark leaves. */
const ADMISSION_TTL_SECONDS = 600;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** The servers' REDIS_KEY_PREFIX. */
const redisPrefix = () => `bench-onsale-${process.pid}:`;

/** True once `done()` holds, checking every 50 ms; false after `ms`. */
async function until(done: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (!(await done())) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

function printReport(result: {
  mode: string;
  processes: number;
  pubsub: string;
  postgres: { kind: string; version: string };
  flags: Record<string, number | boolean>;
  baselines: Record<string, unknown>;
  figures: any;
  invariants: Record<string, boolean>;
  checks: { subscribersResynced: number };
}) {
  const { figures: f, baselines: b } = result;
  const row = (s: { p50: number; p95: number; p99: number }) => `${s.p50} / ${s.p95} / ${s.p99}`;
  const room = f.waitingRoom;
  // The issue's labels: behind the room every buyer reserving was admitted.
  const admitted = room ? 'admitted ' : '';
  console.log(
    `\non-sale (${result.mode}): ${result.flags.buyers} buyers (${room ? `${result.flags['max-active-buyers']} active at most` : `${result.flags.concurrency} at once`}), ${result.flags.subscribers} subscribers, ` +
      `${result.processes} API process(es), pub/sub ${result.pubsub}, PostgreSQL ${result.postgres.kind} ${result.postgres.version}`,
  );
  console.table({
    'successful holds/s (÷ pgbench reservation SQL)': `${f.holdsPerSecond} (${b.holdsToPgbench ?? 'no pgbench'})`,
    'pgbench reservations/s (baseline)': b.pgbenchReservationsPerSecond,
    'bookings/s': f.bookingsPerSecond,
    'requests/s (÷ trivial query)': `${f.requestsPerSecond} (${b.requestsToTrivial})`,
    'trivial queries/s (baseline)': b.trivialRequestsPerSecond,
    [`${admitted}reserveSeats p50 / p95 / p99 ms`]: row(f.latencyMs.reserve),
    'SEATS_UNAVAILABLE answers p50 / p95 / p99 ms': row(f.latencyMs.rejected),
    [`${admitted}confirmBooking p50 / p95 / p99 ms`]: row(f.latencyMs.confirm),
    'logIn / seat map load p99 ms': `${f.latencyMs.logIn.p99} / ${f.latencyMs.load.p99}`,
    'contention rejections': f.counts.contentionRejections,
    'server errors': f.counts.serverErrors,
    [room ? 'sale from the opening (s) / sold out after the opening (s)' : 'sale (s) / sold out after (s)']:
      `${f.saleSeconds} / ${f.soldOutSeconds ?? 'not sold out'}`,
    'delivery commit→subscriber p50 / p95 / p99 ms': row(f.delivery.latencyMs),
    'delivery messages/s': f.delivery.messagesPerSecond ?? '—',
    'subscribers told to resync (would reload the map)': result.checks.subscribersResynced,
    'peak RSS per process (MiB)': f.peakRssMiB.join(', '),
    'client event loop utilization': f.clientEventLoopUtilization,
    ...(room
      ? {
          'waiting fans (joined before the opening) / late joiners': `${room.waitingFans} / ${room.lateJoiners}`,
          'joinWaitingRoom p50 / p95 / p99 ms': row(room.joinMs),
          'queue-update delivery round→fan p50 / p95 / p99 ms': row(room.queueUpdates.latencyMs),
          'queue updates timed (untimed: before any admission)': `${room.queueUpdates.pushes - room.queueUpdates.untimed} (${room.queueUpdates.untimed})`,
          'memory per waiting fan (KiB; server RSS before → after, MiB)': `${room.memoryPerWaitingFanKiB} (${room.rssBeforeMiB} → ${room.rssAfterMiB})`,
          'fans admitted / fans beyond the buyers who left': `${room.admitted} / ${room.extraFansLeft}`,
          'order inversions (widest: ms between the two joins)': `${room.orderInversions} (${room.widestInversionMs})`,
        }
      : {}),
  });
  console.log("Where the machine's CPU went during the sale (share of both cores' time):");
  console.table(f.cpuShares);
  console.table(Object.fromEntries(Object.entries(result.invariants).map(([name, ok]) => [name, ok ? 'ok' : 'FAILED'])));
}

runCommand(main);
