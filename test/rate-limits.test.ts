/**
 * Rate limits on what bots abuse: signUp per address; reserveSeats and
 * releaseHold per user and per address; and hold-and-release churn per user
 * and event. Each refusal is RATE_LIMITED with `retryAfter`; a request
 * refused as a whole is HTTP 429 with Retry-After. The limits are counted
 * where resolvers act, so WebSocket operations share them.
 */
import { randomBytes } from 'node:crypto';

import type postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';

import { loadConfig } from '../src/config.js';
import { toGlobalId } from '../src/relay/global-id.js';
import { type Buyer, createBuyers, createOnSaleEvent, type OnSaleEvent } from './support/booking.js';
import { RELEASE, RESERVE } from './support/booking-operations.js';
import { useTestServer } from './support/fixture.js';
import { manualClock } from './support/server.js';
import { openSocket } from './support/ws.js';

const ANCHOR = new Date('2030-01-01T00:00:00Z');
const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { token userErrors { code } } }`;
/** Small limits, so that the tests are short; the defaults are tested at the end. */
const LIMITS = {
  RATE_LIMIT_SIGN_UPS_PER_ADDRESS: '3',
  RATE_LIMIT_RESERVES_PER_USER: '6',
  RATE_LIMIT_RESERVES_PER_ADDRESS: '8',
  RATE_LIMIT_RELEASES_PER_USER: '5',
  RATE_LIMIT_RELEASES_PER_ADDRESS: '8',
  RATE_LIMIT_RELEASES_PER_USER_PER_EVENT: '3',
};

interface Answer {
  status: number;
  retryAfterHeader: string | null;
  data?: any;
  errors?: { message: string; path?: string[]; extensions: { code: string; retryAfter?: number } }[];
}

/** The same rules in memory (one process) and in Redis (shared by every process). */
const backends = [{ name: 'in memory', redisUrl: undefined }, ...(process.env.REDIS_URL ? [{ name: 'in Redis', redisUrl: process.env.REDIS_URL }] : [])];

describe.each(backends)('rate limits $name', ({ redisUrl }) => {
  const { database, server } = useTestServer({ clock: manualClock(ANCHOR), redisUrl, env: { TRUST_PROXY_HOPS: '1', ...LIMITS } });
  let sql: postgres.Sql;
  let organizerId: number;
  let event: OnSaleEvent;
  let addresses = 0;
  /** A client address of its own for each caller, so that one test's counts never reach another's. */
  const newAddress = () => `203.0.113.${++addresses}`;

  /** POSTs as a client behind the trusted load balancer at `address`. */
  const post = async (address: string, query: string, variables?: object, token?: string): Promise<Answer> => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, retryAfterHeader: response.headers.get('retry-after'), ...((await response.json()) as object) };
  };
  const signUp = (address: string) =>
    post(address, SIGN_UP, { input: { email: `bot-${randomBytes(4).toString('hex')}@example.com`, password: 'a long enough password', name: 'Bot' } });
  const reserve = (address: string, buyer: Buyer, eventId = event.id) =>
    post(address, RESERVE, { input: { eventId, bestAvailable: { quantity: 1 } } }, buyer.token);
  const release = (address: string, buyer: Buyer, holdId: string) => post(address, RELEASE, { input: { holdId } }, buyer.token);
  const expectRefused = (answer: Answer, windowSeconds: number) => {
    expect(answer.errors?.map((e) => e.extensions.code)).toEqual(['RATE_LIMITED']);
    const retryAfter = answer.errors![0]!.extensions.retryAfter!;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
    // Refused as a whole: 429, and the header says the same as the error.
    expect(answer.status).toBe(429);
    expect(answer.retryAfterHeader).toBe(String(retryAfter));
  };
  const users = async () => (await sql<[{ n: number }]>`SELECT count(*)::int AS n FROM users`)[0].n;

  beforeAll(async () => {
    sql = database.sql;
    organizerId = (await createBuyers(sql, 1, 'ORGANIZER'))[0]!.userId;
    event = await createOnSaleEvent(sql, organizerId, { rows: 10, seatsPerRow: 20, ticketLimit: 100 });
  });

  it('refuses sign-ups from one address past its limit, with 429 and Retry-After, and creates no account', async () => {
    const address = newAddress();
    for (let i = 0; i < 3; i++) expect((await signUp(address)).data.signUp.userErrors, `sign-up ${i}`).toEqual([]);
    const before = await users();
    const refused = await signUp(address);
    expectRefused(refused, 3600);
    expect(refused.data).toEqual({ signUp: null });
    expect(await users()).toBe(before);
    // Another address is not held back.
    expect((await signUp(newAddress())).data.signUp.token).toEqual(expect.any(String));
  });

  it('answers 200 when only some fields of a request are refused', async () => {
    const address = newAddress();
    const aliases = Array.from(
      { length: 4 },
      (_, i) =>
        `s${i}: signUp(input: { email: "alias-${i}-${randomBytes(3).toString('hex')}@example.com", password: "a long enough password", name: "Bot" }) { userErrors { code } }`,
    );
    const answer = await post(address, `mutation { ${aliases.join('\n')} }`);
    expect(answer.status).toBe(200);
    expect(answer.retryAfterHeader).toBeNull();
    expect([answer.data.s0, answer.data.s1, answer.data.s2]).toEqual([{ userErrors: [] }, { userErrors: [] }, { userErrors: [] }]);
    expect(answer.data.s3).toBeNull();
    expect(answer.errors!.map((e) => [e.path, e.extensions.code])).toEqual([[['s3'], 'RATE_LIMITED']]);
  });

  it('limits reservations per user, wherever they come from', async () => {
    const [buyer, other] = await createBuyers(sql, 2);
    for (let i = 0; i < 6; i++) expect((await reserve(newAddress(), buyer!)).data.reserveSeats.hold, `reservation ${i}`).not.toBeNull();
    expectRefused(await reserve(newAddress(), buyer!), 60);
    expect((await reserve(newAddress(), other!)).data.reserveSeats.hold).not.toBeNull();
  });

  it('limits reservations per address, across users', async () => {
    const address = newAddress();
    const buyers = await createBuyers(sql, 9);
    for (const [i, buyer] of buyers.slice(0, 8).entries()) expect((await reserve(address, buyer)).data.reserveSeats.hold, `buyer ${i}`).not.toBeNull();
    expectRefused(await reserve(address, buyers[8]!), 60);
    expect((await reserve(newAddress(), buyers[8]!)).data.reserveSeats.hold).not.toBeNull();
  });

  it('limits releases per user and per address', async () => {
    const [buyer, ...others] = await createBuyers(sql, 9);
    const noSuchHold = toGlobalId('Hold', 999_999_999); // a release that finds nothing still counts
    for (let i = 0; i < 5; i++) expect((await release(newAddress(), buyer!, noSuchHold)).data.releaseHold.userErrors[0].code).toBe('HOLD_NOT_FOUND');
    expectRefused(await release(newAddress(), buyer!, noSuchHold), 60);

    const address = newAddress();
    for (const other of others.slice(0, 8)) expect((await release(address, other, noSuchHold)).data.releaseHold.userErrors[0].code).toBe('HOLD_NOT_FOUND');
    expectRefused(await release(address, others[0]!, noSuchHold), 60);
  });

  it('caps how often one user may hold and release seats of one event', async () => {
    const [buyer] = await createBuyers(sql, 1);
    const otherEvent = await createOnSaleEvent(sql, organizerId);
    for (let i = 0; i < 3; i++) {
      const { data } = await reserve(newAddress(), buyer!);
      expect((await release(newAddress(), buyer!, data.reserveSeats.hold.id)).data.releaseHold.hold.status).toBe('RELEASED');
    }
    const refused = await reserve(newAddress(), buyer!);
    expectRefused(refused, 600);
    expect(refused.errors![0]!.message).toMatch(/released 3 holds of this event/);
    // Other events, and other users on this one, are not held back.
    expect((await reserve(newAddress(), buyer!, otherEvent.id)).data.reserveSeats.hold).not.toBeNull();
    expect((await reserve(newAddress(), (await createBuyers(sql, 1))[0]!)).data.reserveSeats.hold).not.toBeNull();
  });

  it('counts operations over WebSocket against the same limits as over HTTP', async () => {
    const [buyer] = await createBuyers(sql, 1);
    for (let i = 0; i < 3; i++) expect((await reserve(newAddress(), buyer!)).data.reserveSeats.hold).not.toBeNull();
    const socket = openSocket(server.url, buyer!.token);
    try {
      const overSocket = () => socket.execute(RESERVE, { input: { eventId: event.id, bestAvailable: { quantity: 1 } } });
      for (let i = 0; i < 3; i++) expect((await overSocket()).data.reserveSeats.hold, `over the socket ${i}`).not.toBeNull();
      const refused = await overSocket();
      expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
      expect((refused.errors![0]!.extensions as { retryAfter: number }).retryAfter).toBeGreaterThan(0);
    } finally {
      await socket.client.dispose();
    }
  });
});

describe('rate limits without a trusted proxy', () => {
  const { server } = useTestServer({ env: { TRUST_PROXY_HOPS: '0', RATE_LIMIT_SIGN_UPS_PER_ADDRESS: '3' } });

  it('count the connection address, whatever X-Forwarded-For a client forges', async () => {
    const signUpClaiming = async (forwardedFor: string) => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({
          query: SIGN_UP,
          variables: { input: { email: `forger-${randomBytes(4).toString('hex')}@example.com`, password: 'a long enough password', name: 'Bot' } },
        }),
      });
      return { status: response.status, body: (await response.json()) as { data: any; errors?: { extensions: { code: string } }[] } };
    };
    for (let i = 0; i < 3; i++) expect((await signUpClaiming(`10.0.0.${i}`)).body.data.signUp.userErrors).toEqual([]);
    const refused = await signUpClaiming('10.0.0.99');
    expect(refused.status).toBe(429);
    expect(refused.body.errors![0]!.extensions.code).toBe('RATE_LIMITED');
  });
});

describe('rate limit settings', () => {
  it('default to what a fan never reaches and a bot soon does, and 0 turns one off', () => {
    expect(loadConfig({}).rateLimits).toEqual({
      signUpsPerAddress: 20,
      reservesPerUser: 30,
      reservesPerAddress: 60,
      releasesPerUser: 30,
      releasesPerAddress: 60,
      releasesPerUserPerEvent: 10,
      joinsPerAddress: 20,
      loginFailuresPerAccountAndAddress: 10,
      loginFailuresPerAddress: 50,
      loginFailuresPerAccount: 100,
    });
    expect(loadConfig({ RATE_LIMIT_RESERVES_PER_ADDRESS: '0' }).rateLimits.reservesPerAddress).toBe(0);
    expect(() => loadConfig({ RATE_LIMIT_SIGN_UPS_PER_ADDRESS: '-1', RATE_LIMIT_RESERVES_PER_USER: 'many' })).toThrow(
      /RATE_LIMIT_SIGN_UPS_PER_ADDRESS="-1": expected 0 \(no limit\) or more\n  RATE_LIMIT_RESERVES_PER_USER="many": expected a whole number/,
    );
  });
});
