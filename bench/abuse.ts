/**
 * The attacks of the security probe (issue 14), repeated against an API
 * process started like `npm start` with the demo catalog, to measure what each
 * costs the service now:
 * - the 150-byte query that nests three lists of 100 (events, each venue's
 *   upcoming events, their tickets), and 100 aliases of a smaller one: time to
 *   the answer, its size, and a trivial query's latency meanwhile (a stall of
 *   the service shows there);
 * - sign-ups from one address in a minute (stopped at `--sign-ups` attempts);
 * - seats of a 20,000-seat arena that those accounts, from that one address,
 *   hold within 10 seconds.
 *
 * Run:  npm run bench:abuse
 */
import postgres from 'postgres';

import { runCommand } from '../src/command.js';
import { createBuyers } from '../test/support/booking.js';
import { TEST_SECRETS } from '../test/support/server.js';
import { startServerProcess } from '../test/support/server-process.js';
import { createArenaEvent } from './support/arena.js';
import { Cleanups } from './support/cleanups.js';
import { readFlags } from './support/cli.js';
import { openBenchDatabase } from './support/database.js';
import { machine, writeResults } from './support/report.js';
import { round } from './support/stats.js';

const FLAGS = {
  'sign-ups': { default: 200, description: 'sign-up attempts from one address, within a minute at most' },
  'hold-seconds': { default: 10, description: 'how long the accounts try to hold seats' },
};
const ABOUT = "Repeats the security probe's attacks against an API process and reports what each achieved and cost.";

/** Ten fields deep, within the depth limit (10) the probe's query also kept to. */
const NESTED = `{ events(first: 100) { edges { node { venue { upcomingEvents(first: 100) { edges { node { tickets(first: 100) { edges { cursor } } } } } } } } } }`;
const ALIASES = `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: events(first: 50) { edges { node { id title venue { name } performers { name } } } }`).join(' ')} }`;
const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { token userErrors { code } } }`;
const RESERVE = `mutation ($input: ReserveSeatsInput!) { reserveSeats(input: $input) { hold { tickets { id } } userErrors { code } } }`;

async function main(): Promise<number> {
  const flags = readFlags('npm run bench:abuse', ABOUT, FLAGS);
  if (!flags) return 0;
  const cleanups = new Cleanups();
  try {
    const database = await openBenchDatabase('abuse', cleanups);
    const server = await startServerProcess({ DATABASE_URL: database.url, SEED_DEMO: 'true', ...TEST_SECRETS });
    cleanups.add(() => server.stop());
    const sql = postgres(database.url, { max: 2, onnotice: () => {} });
    cleanups.add(() => sql.end());

    const post = async (query: string, variables?: object, token?: string) => {
      const started = performance.now();
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      const body = JSON.parse(text) as { data?: any; errors?: { extensions?: { code?: string } }[] };
      return { ms: round(performance.now() - started), status: response.status, bytes: text.length, body, code: body.errors?.[0]?.extensions?.code };
    };
    /** Sends `query` and, while it runs, a trivial query every 100 ms: the slowest of those is what everyone else waited. */
    const withBystander = async (query: string) => {
      let running = true;
      const bystander = (async () => {
        let slowest = 0;
        while (running) {
          slowest = Math.max(slowest, (await post('{ __typename }')).ms);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        return slowest;
      })();
      const answer = await post(query);
      running = false;
      return { ms: answer.ms, status: answer.status, bytes: answer.bytes, refusedWith: answer.code ?? null, slowestOtherRequestMs: await bystander };
    };
    const nested = await withBystander(NESTED);
    const aliases = await withBystander(ALIASES);

    const tokens: string[] = [];
    let refusedSignUps = 0;
    const signUpStarted = performance.now();
    for (let i = 0; i < flags['sign-ups'] && performance.now() - signUpStarted < 60_000; i++) {
      const { body } = await post(SIGN_UP, { input: { email: `bot-${i}@abuse.bench`, password: 'a bot password of some length', name: `Bot ${i}` } });
      if (body.data?.signUp?.token) tokens.push(body.data.signUp.token);
      else refusedSignUps++;
    }
    const signUps = { attempted: tokens.length + refusedSignUps, created: tokens.length, seconds: round((performance.now() - signUpStarted) / 1000) };

    const [organizer] = await createBuyers(sql, 1, 'ORGANIZER');
    const arena = await createArenaEvent(sql, organizer!.userId, { holdTtlSeconds: 600, ticketLimit: 8 });
    let held = 0;
    let refusedReserves = 0;
    const holdUntil = performance.now() + flags['hold-seconds'] * 1000;
    await Promise.all(
      tokens.map(async (token) => {
        while (performance.now() < holdUntil) {
          const { body } = await post(RESERVE, { input: { eventId: arena.id, bestAvailable: { quantity: 4 } } }, token);
          const tickets = body.data?.reserveSeats?.hold?.tickets?.length ?? 0;
          held += tickets;
          if (tickets === 0) refusedReserves++;
          if (body.errors?.some((error) => error.extensions?.code === 'RATE_LIMITED') || body.data?.reserveSeats?.userErrors?.[0]?.code === 'LIMIT_EXCEEDED')
            return;
        }
      }),
    );
    const holding = { accounts: tokens.length, seconds: flags['hold-seconds'], seatsHeld: held, refusedReservations: refusedReserves };

    const result = {
      benchmark: 'abuse',
      at: new Date().toISOString(),
      machine: machine(),
      postgres: database.postgres,
      flags,
      nested,
      aliases,
      signUps,
      holding,
    };
    console.log(JSON.stringify({ nested, aliases, signUps, holding }, null, 2));
    console.log(`results: ${await writeResults('abuse', result)}`);
    return 0;
  } finally {
    await cleanups.run();
  }
}

runCommand(main);
