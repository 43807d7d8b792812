/**
 * What each request of an on-sale costs the API: the buyer's requests (log
 * in, load the event and its seat map, reserve the best 2 seats available,
 * pay), each sent N times at a fixed concurrency to one API process in its own
 * process, against a 20,000-seat arena. Reported per kind: requests per
 * second, p50/p99 latency, and the server's CPU time per request (from the
 * kernel's count for its process), next to a trivial authenticated query,
 * `{ __typename }`, as the baseline: the cost of the HTTP and GraphQL stack
 * alone. The anonymous event page is measured twice, as a POST with the
 * document and as a GET by its persisted-query hash (the cacheable request a
 * CDN would keep), to show what the server's own share of each costs. The
 * trivial query is also sent by a partner's API key, as a document registered
 * for the partner and sent by its ID: the key's lookup, rate, use count and
 * cost budget (two steps of its bucket) on top of the baseline. The
 * baseline is sent again to a second API process with the session cache off
 * (SESSION_CACHE_MS=0), which reads every request's session from the
 * database: what the cache saves, in the same run. And the same JSON is sent
 * to a bare Node `http` server in a process of its own
 * (bench/support/bare-http-server.ts), which answers it as the API does: the
 * floor of the HTTP stack, under which no GraphQL server can go.
 *
 * BENCH_BEFORE_TREE=<a checkout of another revision, e.g. made by `git
 * worktree add`> starts that revision's API too (on the same database: its
 * migrations must be a prefix of these) and sends it the trivial query in
 * rounds alternating with this one's: a change's before and after, in one run.
 *
 * Run:  npm run bench:requests
 *       npm run bench:requests -- --requests 1000 --concurrency 20
 */
import { createHash, randomUUID } from 'node:crypto';

import postgres from 'postgres';

import { runCommand } from '../src/command.js';
import { hashApiKey, newApiKey, SHOWN_LENGTH } from '../src/partners/api-key.js';
import { COST_BUDGET, COST_RESTORE_PER_SECOND, REQUESTS_PER_MINUTE } from '../src/partners/facade.js';
import { insertApiKey, insertDocuments, insertPartner } from '../src/partners/store.js';
import { createBuyers } from '../test/support/booking.js';
import { TEST_SECRETS } from '../test/support/server.js';
import { type ServerProcess, startServerProcess } from '../test/support/server-process.js';
import { createArenaEvent, createLoginBuyers } from './support/arena.js';
import { startBaselineProcess } from './support/baseline-process.js';
import { Cleanups } from './support/cleanups.js';
import { readFlags } from './support/cli.js';
import { openBenchDatabase } from './support/database.js';
import { addressOf, CONFIRM, LOAD, LOG_IN, RESERVE } from './support/onsale-buyer.js';
import { cpuSeconds, machine, writeResults } from './support/report.js';
import { measureLoad, round } from './support/stats.js';

const FLAGS = {
  requests: { default: 600, description: 'requests of each kind' },
  concurrency: { default: 50, description: 'requests in flight at most' },
};
const ABOUT = "Measures each kind of on-sale request's rate, latency and server CPU time against a trivial query.";
const PASSWORD = 'request costs password';
/** A kind of request measured: its name, one request, and the process whose CPU it costs (the first API process, by default). */
type Kind = [string, (i: number) => Promise<void>, { pid: number }?];

async function main(): Promise<number> {
  const flags = readFlags('npm run bench:requests', ABOUT, FLAGS);
  if (!flags) return 0;
  const cleanups = new Cleanups();
  try {
    const database = await openBenchDatabase('requests', cleanups);
    const env = {
      DATABASE_URL: database.url,
      SEED_DEMO: 'false',
      ...TEST_SECRETS,
      HOLD_SWEEP_INTERVAL_MS: '0',
      TRUST_PROXY_HOPS: '1', // each buyer its own address, as behind a load balancer
    };
    const server = await startServerProcess(env);
    cleanups.add(() => server.stop());
    const uncached = await startServerProcess({ ...env, SESSION_CACHE_MS: '0' });
    cleanups.add(() => uncached.stop());
    const bare = await startBaselineProcess(new URL('./support/bare-http-server.ts', import.meta.url));
    cleanups.add(() => bare.stop());
    const beforeTree = process.env.BENCH_BEFORE_TREE;
    const before = beforeTree ? await startServerProcess(env, { root: beforeTree }) : undefined;
    if (before) cleanups.add(() => before.stop());
    const sql = postgres(database.url, { max: 2, onnotice: () => {} });
    cleanups.add(() => sql.end());
    const [organizer] = await createBuyers(sql, 1, 'ORGANIZER');
    const event = await createArenaEvent(sql, organizer!.userId, { holdTtlSeconds: 600, ticketLimit: 8 });
    const emails = await createLoginBuyers(sql, flags.requests, PASSWORD);

    const sendTo = (url: string) => async (i: number, query: string, variables: object, token?: string) => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': addressOf(i), ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: any; errors?: unknown[] };
      if (!response.ok || body.errors) throw new Error(`request failed: ${JSON.stringify(body.errors ?? body)}`);
      return body.data;
    };
    const send = sendTo(server.url);
    // The event page by its automatic-persisted-query hash, as a CDN would forward it; registered once before it is measured.
    const loadByHash = new URLSearchParams({
      variables: JSON.stringify({ id: event.id }),
      extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(LOAD).digest('hex') } }),
    });
    const sendGet = async (i: number) => {
      const response = await fetch(`${server.url}/graphql?${loadByHash}`, { headers: { 'x-forwarded-for': addressOf(i), 'apollo-require-preflight': 'true' } });
      const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
      if (!response.ok || body.errors || !response.headers.get('cache-control')?.includes('public')) throw new Error(`GET failed: ${JSON.stringify(body)}`);
    };
    await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: LOAD, variables: { id: event.id }, extensions: JSON.parse(loadByHash.get('extensions')!) }),
    });
    // A partner whose key may send the trivial query by its ID, with room for every request of the run.
    const partnerKey = newApiKey();
    const partner = await insertPartner(sql, { name: 'Bench Partner', contactEmail: 'bench@partner.example', createdAt: new Date() });
    await insertApiKey(sql, {
      partnerId: partner.id,
      name: 'bench',
      prefix: partnerKey.slice(0, SHOWN_LENGTH),
      keyHash: hashApiKey(partnerKey),
      scopes: ['READ'],
      requestsPerMinute: REQUESTS_PER_MINUTE.max,
      costBudget: COST_BUDGET.max,
      costRestorePerSecond: COST_RESTORE_PER_SECOND.max,
      createdAt: new Date(),
    });
    const TRIVIAL = '{ __typename }';
    await insertDocuments(sql, partner.id, [{ hash: createHash('sha256').update(TRIVIAL).digest('hex'), document: TRIVIAL, cost: 0 }], new Date());
    const sendAsPartner = async (i: number) => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': addressOf(i), 'x-api-key': partnerKey },
        body: JSON.stringify({ documentId: `sha256:${createHash('sha256').update(TRIVIAL).digest('hex')}` }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: unknown[]; extensions?: { cost?: unknown } };
      if (!response.ok || body.errors || !body.extensions?.cost) throw new Error(`partner request failed: ${JSON.stringify(body)}`);
    };
    const tokens: string[] = [];
    const holds: string[] = [];
    /** The trivial query to each labelled process in turn, twice, request i with `tokenOf(i)`: drift shows as a difference between rounds. */
    const inTurn = (tokenOf: (i: number) => string | undefined, processes: [string, ServerProcess][]): Kind[] =>
      [1, 2].flatMap((round) =>
        processes.map(([label, target]): Kind => [
          `trivial query, ${label}, round ${round}`,
          async (i) => void (await sendTo(target.url)(i, TRIVIAL, {}, tokenOf(i))),
          target,
        ]),
      );
    // The session cache's saving: as many fans as requests in flight, each sending its token again and again (as a fan's
    // app does), to the first process (cache on) and the second (off).
    const fan = (i: number) => tokens[i % flags.concurrency];
    const sessionCacheRounds = inTurn(fan, [
      [`${flags.concurrency} fans' tokens again, session cache on (default)`, server],
      [`${flags.concurrency} fans' tokens again, SESSION_CACHE_MS=0 (second process)`, uncached],
    ]);
    // This revision against BENCH_BEFORE_TREE's.
    const beforeRounds = before
      ? inTurn(
          (i) => tokens[i],
          [
            ['this revision', server],
            ["BENCH_BEFORE_TREE's revision", before],
          ],
        )
      : [];
    const kinds: Kind[] = [
      ['logIn', async (i) => void (tokens[i] = (await send(i, LOG_IN, { input: { email: emails[i], password: PASSWORD } })).logIn.token)],
      ['bare Node http server, the same JSON (the floor)', async (i) => void (await sendTo(`http://127.0.0.1:${bare.port}`)(i, TRIVIAL, {}, tokens[i])), bare],
      ['trivial query (baseline)', async (i) => void (await send(i, TRIVIAL, {}, tokens[i]))],
      ...beforeRounds,
      ...sessionCacheRounds,
      ['trivial query by a partner key (registered, by documentId)', sendAsPartner],
      ['event and seat map', async (i) => void (await send(i, LOAD, { id: event.id }, tokens[i]))],
      ['event and seat map, anonymous POST with the document', async (i) => void (await send(i, LOAD, { id: event.id }))],
      ['event and seat map, anonymous GET by hash (cacheable)', sendGet],
      [
        'reserveSeats (best 2)',
        async (i) => {
          const { reserveSeats } = await send(i, RESERVE, { input: { eventId: event.id, bestAvailable: { quantity: 2 } } }, tokens[i]);
          if (!reserveSeats.hold) throw new Error(`no hold: ${JSON.stringify(reserveSeats.userErrors)}`);
          holds[i] = reserveSeats.hold.id;
        },
      ],
      [
        'confirmBooking',
        async (i) => {
          const { confirmBooking } = await send(
            i,
            CONFIRM,
            { input: { holdId: holds[i], payment: { token: 'tok_visa' }, idempotencyKey: randomUUID() } },
            tokens[i],
          );
          if (!confirmBooking.booking) throw new Error(`no booking: ${JSON.stringify(confirmBooking.userErrors)}`);
        },
      ],
    ];
    // The other processes have served nothing yet: warmed up as the first is by the log-ins, so that their figures are not their start-up.
    for (const fresh of [uncached, before]) {
      if (fresh) await measureLoad(flags.requests, flags.concurrency, async (i) => void (await sendTo(fresh.url)(i, TRIVIAL, {}, organizer!.token)));
    }
    const figures: Record<string, { perSecond: number; p50: number; p99: number; serverCpuMs: number }> = {};
    for (const [kind, run, target = server] of kinds) {
      const cpuBefore = await cpuSeconds(target.pid);
      const load = await measureLoad(flags.requests, flags.concurrency, run);
      const serverCpuMs = round((((await cpuSeconds(target.pid)) - cpuBefore) * 1000) / flags.requests, 2);
      figures[kind] = { perSecond: load.perSecond, p50: load.p50, p99: load.p99, serverCpuMs };
    }
    const result = { benchmark: 'request-costs', at: new Date().toISOString(), machine: machine(), postgres: database.postgres, flags, figures };
    console.log(
      `\nrequest costs: ${flags.requests} of each at concurrency ${flags.concurrency}, PostgreSQL ${database.postgres.kind} ${database.postgres.version}`,
    );
    console.table(figures);
    console.log(`results: ${await writeResults('request-costs', result)}`);
    return 0;
  } finally {
    await cleanups.run();
  }
}

runCommand(main);
