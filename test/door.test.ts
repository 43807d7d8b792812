/**
 * The door (MAX_CONCURRENT_REQUESTS, src/limits/door.ts): a process runs so
 * many GraphQL requests over HTTP at once, and the others wait their turn. A
 * request that waits past its deadline, or whose client goes away, leaves the
 * line without running. The test holds a lock on the venues so that requests
 * reading one stay inside.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

import { toGlobalId } from '../src/relay/global-id.js';
import { ANCHOR } from './support/catalog.js';
import { untilBlocked, withTableLocked } from './support/database.js';
import { useTestDatabase, useTestServer } from './support/fixture.js';
import { scrape, valueOf } from './support/prometheus.js';
import { type GraphQLResponse, manualClock, type TestServer } from './support/server.js';

const VENUE = `query ($id: ID!) { venue(id: $id) { name } }`;
const EVENTS = `{ events(first: 2) { edges { node { id } } } }`;
const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { token userErrors { code } } }`;
const TOKEN = 'metrics-token-for-the-door';

describe('the door', () => {
  const { database } = useTestDatabase({ events: 3 });
  let venueId: string;
  beforeAll(async () => {
    const [venue] = await database.sql<[{ id: number }]>`SELECT id FROM venues ORDER BY id LIMIT 1`;
    venueId = toGlobalId('Venue', venue.id);
  });

  const withVenuesLocked = <T>(during: () => Promise<T>) => withTableLocked(database.sql, 'venues', during);
  /** Waits until `server`'s requests are `running` and `waiting`, as its metrics say. */
  const untilRequests = (server: TestServer, counts: { running: number; waiting: number }) =>
    vi.waitFor(
      async () => {
        const families = await scrape(server.url, TOKEN);
        expect({
          running: valueOf(families, 'graphql_http_requests', { state: 'running' }),
          waiting: valueOf(families, 'graphql_http_requests', { state: 'waiting' }),
        }).toEqual(counts);
      },
      { timeout: 10_000, interval: 20 },
    );

  describe('with two places', () => {
    const { server, startServer } = useTestServer({ database, clock: manualClock(ANCHOR), env: { MAX_CONCURRENT_REQUESTS: '2', METRICS_TOKEN: TOKEN } });

    it('lets two requests in; a third waits its turn and runs once one is out', async () => {
      const answers = await withVenuesLocked(async () => {
        const inside = [server.graphql(VENUE, { id: venueId }), server.graphql(VENUE, { id: venueId })];
        await untilBlocked(database.sql, 2);
        const third = server.graphql(EVENTS);
        await untilRequests(server, { running: 2, waiting: 1 });
        return [...inside, third];
      });
      const [, , third] = await Promise.all(answers);
      expect(third!.data.events.edges).toHaveLength(2);
      await untilRequests(server, { running: 0, waiting: 0 });
    });

    it('answers 504 to one whose client went away while it waited, or whose deadline passed, and never runs it', async () => {
      const quick = await startServer({
        clock: manualClock(ANCHOR),
        env: { MAX_CONCURRENT_REQUESTS: '2', METRICS_TOKEN: TOKEN, REQUEST_TIMEOUT_MS: '1000', DATABASE_STATEMENT_TIMEOUT_MS: '0' },
      });
      /** A sign-up, which writes an account if it runs. */
      const signUp = (email: string) => ({ query: SIGN_UP, variables: { input: { email, password: 'a fine long password', name: 'Fan' } } });
      await withVenuesLocked(async () => {
        const inside = [quick.graphql(VENUE, { id: venueId }), quick.graphql(VENUE, { id: venueId })];
        await untilBlocked(database.sql, 2);
        const client = new AbortController();
        const gone = fetch(`${quick.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(signUp('gone@door.test')),
          signal: client.signal,
        }).catch((error: unknown) => error);
        await untilRequests(quick, { running: 2, waiting: 1 });
        const late = quick.graphql(signUp('late@door.test').query, signUp('late@door.test').variables);
        await untilRequests(quick, { running: 2, waiting: 2 });
        client.abort();
        expect(await gone).toMatchObject({ name: 'AbortError' });
        await untilRequests(quick, { running: 2, waiting: 1 });

        const answer: GraphQLResponse = await late;
        expect(answer.status).toBe(504);
        expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['REQUEST_TIMEOUT']);
        for (const request of await Promise.all(inside)) expect(request.status).toBe(504);
        // Answered, the two inside keep their places while their statements wait for the lock: the door counts work, not answers.
        await untilRequests(quick, { running: 2, waiting: 0 });
      });
      // Places free again, and neither sign-up ran.
      await untilRequests(quick, { running: 0, waiting: 0 });
      expect(await database.sql`SELECT email FROM users WHERE email LIKE '%@door.test'`).toEqual([]);
    });
  });

  describe('with MAX_CONCURRENT_REQUESTS=0 (no limit): the control', () => {
    const { server } = useTestServer({ database, clock: manualClock(ANCHOR), env: { MAX_CONCURRENT_REQUESTS: '0', METRICS_TOKEN: TOKEN } });

    it('runs the third request at once, beside the two that wait for the lock', async () => {
      const inside = await withVenuesLocked(async () => {
        const inside = [server.graphql(VENUE, { id: venueId }), server.graphql(VENUE, { id: venueId })];
        await untilBlocked(database.sql, 2);
        expect((await server.graphql(EVENTS)).data.events.edges).toHaveLength(2);
        await untilRequests(server, { running: 2, waiting: 0 });
        return inside;
      });
      for (const answer of await Promise.all(inside)) expect(answer.errors).toBeUndefined();
    });
  });
});
