/**
 * Fan-out: N graphql-ws subscribers (default 5,000) watch one event's seat map
 * on an API server in its own process (as `npm start` runs it), while a driver
 * makes M seat changes a second (default 100) through the API for D seconds:
 * buyers hold a seat, and a second later release it, each one change.
 *
 * The baseline, measured in the same run on the same machine: a bare `ws`
 * server in its own process broadcasting the same bytes (a delta the API
 * sent) to as many clients at the rate the API delivered them.
 *
 * Reported for both: delivery latency p50/p95/p99 (API: from each change's
 * commit, as the seat-map log records it, to its arrival at a subscriber;
 * baseline: from the broadcast to the arrival), messages received per second by all
 * subscribers, the server's CPU use, and memory per connection (growth of
 * the server's RSS over the N connections, / N). Every subscriber must see an
 * unbroken chain of versions ending at the database's version; the run exits
 * non-zero if one does not.
 *
 * Latencies come from every `--sample`-th subscriber, which notes when each
 * delta arrived; every subscriber checks the versions at the head of each
 * message and parses only deltas it has not seen, so that the client process
 * does not set the pace. The server keeps the whole seat-map log for the run:
 * the commit times it records are what latency is timed from.
 *
 * Run:  npm run bench:fanout
 *       npm run bench:fanout -- --subscribers 1000 --rate 200 --duration 10
 *       DATABASE_URL=postgres://... REDIS_URL=redis://... npm run bench:fanout
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

import { build } from 'hdr-histogram-js';
import postgres from 'postgres';

import { runCommand } from '../src/command.js';
import { createBuyers, createOnSaleEvent } from '../test/support/booking.js';
import { TEST_SECRETS } from '../test/support/server.js';
import { startServerProcess } from '../test/support/server-process.js';
import { startBaselineProcess } from './support/baseline-process.js';
import { Cleanups } from './support/cleanups.js';
import { readFlags } from './support/cli.js';
import { openBenchDatabase } from './support/database.js';
import { RATE_LIMITS_OFF } from './support/rate-limits.js';
import { cpuSeconds, machine, residentMemory, writeResults } from './support/report.js';
import { type Delivery, forkSeatMapSubscribers, KEEP_EVERY_VERSION, latencySpread, readChangeTimes } from './support/seat-map-subscribers.js';
import { closeSockets, openSockets } from './support/sockets.js';
import { round, spread } from './support/stats.js';

const FLAGS = {
  subscribers: { default: 5000, description: 'graphql-ws subscribers of the one event' },
  rate: { default: 100, description: 'seat changes per second driven through the API' },
  duration: { default: 20, description: 'seconds of driving' },
  window: { default: 100, description: "server's SEAT_MAP_WINDOW_MS (coalescing window)" },
  sample: { default: 10, description: 'every n-th subscriber records latencies' },
};
const ABOUT =
  'Opens graphql-ws subscribers on one seat map, drives seat changes through the API, and measures delivery\n' +
  'against a bare ws broadcast of the same bytes (on DATABASE_URL and REDIS_URL when set, else embedded and in-process).';

const RESERVE = `mutation ($input: ReserveSeatsInput!) { reserveSeats(input: $input) { hold { id } userErrors { code } } }`;
const RELEASE = `mutation ($input: ReleaseHoldInput!) { releaseHold(input: $input) { userErrors { code } } }`;

const rateOf = (d: { messages: number; firstAt: number; lastAt: number }) => round(d.messages / ((d.lastAt - d.firstAt) / 1000));

async function main(): Promise<number> {
  const flags = readFlags('npm run bench:fanout', ABOUT, FLAGS);
  if (!flags) return 0;
  const cleanups = new Cleanups();
  try {
    const database = await openBenchDatabase('fanout', cleanups);
    const server = await startServerProcess({
      DATABASE_URL: database.url,
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL, REDIS_KEY_PREFIX: `bench-${process.pid}:` } : {}),
      SEED_DEMO: 'false',
      ...TEST_SECRETS,
      HOLD_SWEEP_INTERVAL_MS: '0',
      SEAT_MAP_WINDOW_MS: String(flags.window),
      SEAT_MAP_LOG_VERSIONS: String(KEEP_EVERY_VERSION), // the log's commit times are what delivery is timed from
      ...RATE_LIMITS_OFF, // the driver holds and releases each seat about once a second: see bench/support/rate-limits.ts
    });
    cleanups.add(() => server.stop());
    const sql = postgres(database.url, { max: 2, onnotice: () => {} });
    cleanups.add(() => sql.end());
    const [organizer] = await createBuyers(sql, 1, 'ORGANIZER');
    const seats = Math.max(flags.rate, 1);
    const event = await createOnSaleEvent(sql, organizer!.userId, {
      rows: Math.ceil(seats / 25),
      seatsPerRow: 25,
      gaCapacity: 1,
      onSaleAt: new Date(Date.now() - 3600_000),
      startsAt: new Date(Date.now() + 30 * 86400_000),
    });
    const buyers = await createBuyers(sql, seats);
    const tickets = event.seats.flat().slice(0, seats);
    const graphql = async (query: string, input: object, token: string) => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables: { input } }),
      });
      return (await response.json()) as { data?: Record<string, { hold?: { id: string }; userErrors: { code: string }[] }>; errors?: unknown[] };
    };

    // The subscribers, from the current version; a first change that reaches all of them shows they are all in.
    const startVersion = Number((await sql`SELECT coalesce(max(version), 0) AS v FROM seat_maps WHERE event_id = ${event.eventId}`)[0]!.v);
    const memoryBefore = await residentMemory(server.pid);
    const changeLatencies: number[] = [];
    const connectStarted = performance.now();
    const subscribers = await forkSeatMapSubscribers({
      urls: [server.url],
      count: flags.subscribers,
      eventId: event.id,
      sinceVersion: startVersion,
      sampleEvery: flags.sample,
    });
    cleanups.add(() => subscribers.close());
    const connectSeconds = (performance.now() - connectStarted) / 1000;
    /** Per ticket, its last change (a hold's resolves to the hold's ID): each change of a ticket waits for the one before. */
    const lastChange = new Map<number, Promise<string | undefined>>();
    const change = (k: number): Promise<unknown> => {
      const i = k % seats;
      const ticketId = tickets[i]!;
      const holding = Math.floor(k / seats) % 2 === 0;
      const done = (async () => {
        const holdId = await lastChange.get(i);
        const sent = performance.now();
        const answer = holding
          ? await graphql(RESERVE, { eventId: event.id, ticketIds: [ticketId] }, buyers[i]!.token)
          : await graphql(RELEASE, { holdId }, buyers[i]!.token);
        const payload = answer.data?.[holding ? 'reserveSeats' : 'releaseHold'];
        if (!payload || payload.userErrors.length > 0) throw new Error(`a ${holding ? 'hold' : 'release'} failed: ${JSON.stringify(answer)}`);
        changeLatencies.push(performance.now() - sent);
        return payload.hold?.id;
      })();
      lastChange.set(i, done);
      return done;
    };
    await change(0);
    await until(() => subscribers.lowestVersion() > startVersion, 60_000, 'every subscriber to hear the first change');
    const memoryAfter = await residentMemory(server.pid);

    // The drive: change k is due at k / rate seconds.
    subscribers.restartCount();
    const cpuBefore = await cpuSeconds(server.pid);
    const eluBefore = performance.eventLoopUtilization();
    const driveStarted = performance.now();
    const inFlight: Promise<unknown>[] = [];
    let failure: unknown;
    const total = flags.rate * flags.duration;
    for (let k = 1; k <= total; k++) {
      const due = driveStarted + ((k - 1) * 1000) / flags.rate;
      if (due > performance.now()) await sleep(due - performance.now());
      inFlight.push(change(k).catch((error: unknown) => (failure ??= error)));
    }
    await Promise.all(inFlight);
    if (failure) throw failure;
    const [{ v: finalVersion }] = await sql<[{ v: string }]>`SELECT version AS v FROM seat_maps WHERE event_id = ${event.eventId}`;
    await until(() => subscribers.lowestVersion() >= Number(finalVersion), 30_000, 'every subscriber to reach the last version');
    const apiCpu = (await cpuSeconds(server.pid)) - cpuBefore;
    const apiSeconds = (performance.now() - driveStarted) / 1000;
    const clientElu = performance.eventLoopUtilization(eluBefore).utilization;
    const peak = await residentMemory(server.pid);
    const report = await subscribers.report(await readChangeTimes(sql, event.eventId));
    const api = report.delivery;
    const [mostCommon] = report.histories.sort((a, b) => b.subscribers - a.subscribers);
    await subscribers.close();

    // The baseline: the same bytes (the API's median delta), as many clients, the rate the API delivered.
    const sample = mostCommon!.messages.sort((a, b) => a.length - b.length)[Math.floor(mostCommon!.messages.length / 2)]!;
    const deltasPerSecond = api.messages / flags.subscribers / ((api.lastAt - api.firstAt) / 1000);
    const baseline = await broadcastBaseline(flags.subscribers, sample, deltasPerSecond, flags.duration, flags.sample);

    const result = {
      benchmark: 'fanout',
      at: new Date().toISOString(),
      machine: machine(),
      postgres: database.postgres,
      pubsub: process.env.REDIS_URL ? 'Redis' : 'in-process',
      flags,
      api: {
        connectSeconds: round(connectSeconds),
        /** reserveSeats and releaseHold as the driver saw them. */
        changeLatencyMs: spread(changeLatencies),
        deltaLatencyMs: latencySpread(api.latencies),
        messagesPerSecond: rateOf(api),
        deltasPerSubscriberPerSecond: round(deltasPerSecond, 2),
        meanMessageBytes: round(api.bytes / api.messages),
        cpuPercent: round((100 * apiCpu) / apiSeconds),
        memoryPerConnectionKiB: round(((memoryAfter.rssMiB - memoryBefore.rssMiB) * 1024) / flags.subscribers, 2),
        peakRssMiB: peak.peakRssMiB,
      },
      baseline,
      invariants: {
        'every subscriber saw an unbroken chain of versions': report.broken === 0,
        'every subscriber reached the last version': subscribers.lowestVersion() >= Number(finalVersion),
      },
      clientEventLoopUtilization: round(clientElu, 2),
    };
    console.log(
      `\nfan-out: ${flags.subscribers} subscribers, ${flags.rate} changes/s for ${flags.duration} s, window ${flags.window} ms, ` +
        `pub/sub ${result.pubsub}, PostgreSQL ${database.postgres.kind} ${database.postgres.version}`,
    );
    console.table({
      'delivery latency p50 / p95 / p99 (ms)': [row(result.api.deltaLatencyMs), row(baseline.latencyMs)],
      'hold/release latency p50 / p95 / p99 (ms)': [row(result.api.changeLatencyMs), '-'],
      'messages/s (all subscribers)': [result.api.messagesPerSecond, baseline.messagesPerSecond],
      'mean message (bytes)': [result.api.meanMessageBytes, baseline.messageBytes],
      'server CPU (% of one core)': [result.api.cpuPercent, baseline.cpuPercent],
      'memory per connection (KiB)': [result.api.memoryPerConnectionKiB, baseline.memoryPerConnectionKiB],
    });
    console.log(`(columns: API | bare ws broadcast of the same bytes; client event loop utilization ${result.clientEventLoopUtilization})`);
    console.table(Object.fromEntries(Object.entries(result.invariants).map(([name, ok]) => [name, ok ? 'ok' : `FAILED (${report.broken} broken)`])));
    console.log(`results: ${await writeResults('fanout', result)}`);
    return Object.values(result.invariants).every(Boolean) ? 0 : 1;
  } finally {
    await cleanups.run();
  }
}

const row = (s: { p50: number; p95: number; p99: number }) => `${s.p50} / ${s.p95} / ${s.p99}`;

/** Resolves once `done()` holds, checking every 20 ms; throws after `ms`. */
async function until(done: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = performance.now() + ms;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** `clients` sockets on a bare ws server in its own process, sent `message` `perSecond` times a second for `seconds`. */
async function broadcastBaseline(clients: number, message: string, perSecond: number, seconds: number, sampleEvery: number) {
  const child = await startBaselineProcess(new URL('./support/broadcast-server.ts', import.meta.url));
  try {
    const { port } = child;
    const before = await residentMemory(child.pid);
    const got: Delivery = { latencies: build(), messages: 0, bytes: 0, firstAt: Infinity, lastAt: 0 };
    let sentAt = 0;
    const sockets = await openSockets(`ws://127.0.0.1:${port}`, clients, (index, data) => {
      const receivedAt = performance.now();
      got.messages++;
      got.firstAt = Math.min(got.firstAt, receivedAt);
      got.lastAt = receivedAt;
      if (index % sampleEvery === 0) {
        JSON.parse(data.toString()); // as much work as an API subscriber's sample
        got.latencies.recordValue(Math.round((receivedAt - sentAt) * 1000));
      }
    });
    const after = await residentMemory(child.pid);
    const cpuBefore = await cpuSeconds(child.pid);
    const started = performance.now();
    const count = Math.max(1, Math.round(perSecond * seconds));
    for (let n = 0; n < count; n++) {
      const due = started + (n * 1000) / perSecond;
      if (due > performance.now()) await sleep(due - performance.now());
      // One message at a time, each delivered before the next, as the API's windows are.
      const expected = (n + 1) * clients;
      sentAt = performance.now();
      child.input.write(`${message}\n`);
      await until(() => got.messages >= expected, 30_000, 'the broadcast to arrive');
    }
    const cpu = (await cpuSeconds(child.pid)) - cpuBefore;
    const elapsed = (performance.now() - started) / 1000;
    await closeSockets(sockets);
    return {
      latencyMs: latencySpread(got.latencies),
      messagesPerSecond: rateOf(got),
      messageBytes: message.length,
      cpuPercent: round((100 * cpu) / elapsed),
      memoryPerConnectionKiB: round(((after.rssMiB - before.rssMiB) * 1024) / clients, 2),
    };
  } finally {
    await child.stop();
  }
}

runCommand(main);
