/**
 * No request can hold the service: a statement that runs too long is
 * cancelled by PostgreSQL (DATABASE_STATEMENT_TIMEOUT_MS), and a request
 * still running at its deadline (REQUEST_TIMEOUT_MS) is answered and starts
 * no more statements. Meanwhile other requests are served. The test holds a
 * lock on the venues so that a request reading one waits.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import { beforeAll, describe, expect, it, vi } from 'vitest';

import { toGlobalId } from '../src/relay/global-id.js';
import { ANCHOR } from './support/catalog.js';
import { untilBlocked, withTableLocked } from './support/database.js';
import { useTestDatabase, useTestServer } from './support/fixture.js';
import { type GraphQLResponse, manualClock } from './support/server.js';

const VENUE = `query ($id: ID!) { venue(id: $id) { name upcomingEvents(first: 1) { edges { node { id } } } } }`;
const EVENTS = `{ events(first: 2) { edges { node { id title } } } }`;

describe('timeouts', () => {
  const { database } = useTestDatabase({ events: 10 });
  let venueId: string;

  beforeAll(async () => {
    const [venue] = await database.sql<[{ id: number }]>`SELECT id FROM venues ORDER BY id LIMIT 1`;
    venueId = toGlobalId('Venue', venue.id);
  });

  const withVenuesLocked = <T>(during: () => Promise<T>) => withTableLocked(database.sql, 'venues', during);

  /** `request`'s answer, or 'still waiting' after `ms`. */
  const within = <T>(request: Promise<T>, ms: number) => Promise.race([request, sleep(ms).then(() => 'still waiting' as const)]);

  describe('a statement that runs too long', () => {
    const { server } = useTestServer({ database, clock: manualClock(ANCHOR), env: { DATABASE_STATEMENT_TIMEOUT_MS: '300' } });

    it('is cancelled: the request ends with REQUEST_TIMEOUT while the lock is still held, and others are served meanwhile', async () => {
      await withVenuesLocked(async () => {
        const blocked = server.graphql(VENUE, { id: venueId });
        await untilBlocked(database.sql, 1);
        const other = await server.graphql(EVENTS);
        expect(other.errors).toBeUndefined();
        expect(other.data.events.edges).toHaveLength(2);

        const answer = await within(blocked, 5_000);
        expect(answer).not.toBe('still waiting');
        const { data, errors } = answer as GraphQLResponse;
        expect(data).toEqual({ venue: null });
        expect(errors?.map((error) => error.extensions?.code)).toEqual(['REQUEST_TIMEOUT']);
        expect(errors![0]!.message).not.toMatch(/select|venues|statement/i); // no SQL or driver text
      });
      // The pool is healthy afterwards.
      const again = await server.graphql(VENUE, { id: venueId });
      expect(again.errors).toBeUndefined();
      expect(again.data.venue.name).toEqual(expect.any(String));
    });
  });

  describe('a request past its deadline', () => {
    const { server } = useTestServer({ database, clock: manualClock(ANCHOR), env: { REQUEST_TIMEOUT_MS: '500', DATABASE_STATEMENT_TIMEOUT_MS: '0' } });
    let sentBeforeRelease = 0;

    it('is answered 504 REQUEST_TIMEOUT at the deadline while others are served, and starts no statement after it', async () => {
      await server.graphql(VENUE, { id: venueId }); // the pool's connections look up PostgreSQL's array types once, at their first use
      await withVenuesLocked(async () => {
        const started = performance.now();
        const blocked = server.graphql(VENUE, { id: venueId });
        await untilBlocked(database.sql, 1);
        const other = await server.graphql(EVENTS);
        expect(other.errors).toBeUndefined();
        expect(performance.now() - started).toBeLessThan(500); // served while the other waited

        const answer = await within(blocked, 5_000);
        expect(answer).not.toBe('still waiting');
        const { status, data, errors } = answer as GraphQLResponse;
        expect(performance.now() - started).toBeGreaterThanOrEqual(490);
        expect(status).toBe(504);
        expect(data).toBeUndefined();
        expect(errors).toEqual([
          {
            message: 'The request did not finish within 500 ms and was stopped; try again, or ask for less.',
            extensions: { code: 'REQUEST_TIMEOUT', requestId: expect.any(String) },
          },
        ]);
        sentBeforeRelease = server.statements.length;
      });
      // The venue's statement now finishes; its upcomingEvents would be the next statement, but the request is over.
      await untilNoneWaiting();
      await sleep(300);
      expect(server.statements.slice(sentBeforeRelease)).toEqual([]);
      expect((await server.graphql(VENUE, { id: venueId })).errors).toBeUndefined();
    });

    it('starts no statement after its client went away', async () => {
      await withVenuesLocked(async () => {
        const client = new AbortController();
        const gone = fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: VENUE, variables: { id: venueId } }),
          signal: client.signal,
        }).catch((error: unknown) => error);
        await untilBlocked(database.sql, 1);
        client.abort();
        expect(await gone).toMatchObject({ name: 'AbortError' });
        // The server has seen its client go (the response's 'close', which also ends its count in flight).
        await vi.waitFor(() => expect(server.requestsInFlight()).toBe(0), { timeout: 5_000, interval: 5 });
        sentBeforeRelease = server.statements.length;
      });
      await untilNoneWaiting();
      await sleep(300);
      // Its venue's statement finished after the client left; its upcomingEvents never started.
      expect(server.statements.slice(sentBeforeRelease)).toEqual([]);
    });

    async function untilNoneWaiting() {
      for (let tries = 0; tries < 100; tries++) {
        const [{ waiting }] = await database.sql<[{ waiting: number }]>`
          SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
        if (waiting === 0) return;
        await sleep(20);
      }
      throw new Error('a statement still waits for a lock');
    }
  });
});
