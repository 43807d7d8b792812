import { randomBytes } from 'node:crypto';

import { beforeAll, describe, expect, it, vi } from 'vitest';

import { useTestDatabase, useTestServer } from './support/fixture.js';
import { manualClock, type TestServer } from './support/server.js';

const attempt = (alias: string, email: string, password: string) =>
  `${alias}: logIn(input: { email: ${JSON.stringify(email)}, password: ${JSON.stringify(password)} }) { token userErrors { code } }`;
const uniqueEmail = () => `limit-${randomBytes(4).toString('hex')}@example.com`;

/** The same rules in memory (one process) and in Redis (shared by every process). */
const backends = [{ name: 'in memory', redisUrl: undefined }, ...(process.env.REDIS_URL ? [{ name: 'in Redis', redisUrl: process.env.REDIS_URL }] : [])];

describe.each(backends)('log-in rate limit $name', ({ redisUrl }) => {
  const clock = manualClock(new Date('2030-01-01T00:00:00Z'));
  const { server } = useTestServer({
    clock,
    redisUrl,
    env: { RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS: '10' }, // test servers turn limits per address off; this file tests them
  });
  const email = uniqueEmail();
  const password = 'the right password';

  beforeAll(async () => {
    const { data } = await server.graphql(
      `mutation { ${attempt('x', email, password).replace('logIn', 'signUp').replace('{ email', '{ name: "Limit", email')} }`,
    );
    expect(data.x.userErrors).toEqual([]);
  });

  it('counts aliased attempts one by one and refuses after 10 failures, even the right password', async () => {
    const aliases = Array.from({ length: 12 }, (_, i) => attempt(`a${i}`, email, `wrong password ${i}`));
    const { data, errors } = await server.graphql(`mutation { ${aliases.join('\n')} }`);
    for (let i = 0; i < 10; i++) expect(data[`a${i}`], `attempt ${i}`).toEqual({ token: null, userErrors: [{ code: 'INVALID_CREDENTIALS' }] });
    expect(data.a10).toBeNull();
    expect(data.a11).toBeNull();
    expect(errors!.map((e) => [e.path, e.extensions!.code])).toEqual([
      [['a10'], 'RATE_LIMITED'],
      [['a11'], 'RATE_LIMITED'],
    ]);
    const retryAfter = errors![0]!.extensions!.retryAfter as number;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);

    const right = await server.graphql(`mutation { ${attempt('ok', email, password)} }`);
    expect(right.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
  });

  it('limits one address across many accounts', async () => {
    // The address already has 10+ failures from the test above; another account fails at once.
    const { errors } = await server.graphql(`mutation { ${attempt('x', uniqueEmail(), 'whatever it is')} }`);
    expect(errors![0]!.extensions!.code).toBe('RATE_LIMITED');
  });

  it('limits guesses of the current password by a logged-in session', async () => {
    const { data } = await server.graphql(
      `mutation { ${attempt('x', uniqueEmail(), password).replace('logIn', 'signUp').replace('{ email', '{ name: "Thief", email')} }`,
    );
    const token = data.x.token as string;
    const guess = (i: number) =>
      `g${i}: updateProfile(input: { password: { current: "guess number ${i}", new: "a brand new password" } }) { userErrors { code } }`;
    const guesses = await server.graphql(`mutation { ${Array.from({ length: 11 }, (_, i) => guess(i)).join('\n')} }`, {}, token);
    for (let i = 0; i < 10; i++) expect(guesses.data[`g${i}`]).toEqual({ userErrors: [{ code: 'WRONG_PASSWORD' }] });
    expect(guesses.errors!.map((e) => [e.path, e.extensions!.code])).toEqual([[['g10'], 'RATE_LIMITED']]);
  });

  it.runIf(!redisUrl)('opens again when the window ends', async () => {
    // The limits' windows follow Date.now (Redis's own clock in Redis), not the server's injected clock.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 15 * 60_000 + 1_000);
      clock.set(new Date(clock().getTime() + 15 * 60_000 + 1_000));
      const { data, errors } = await server.graphql(`mutation { ${attempt('ok', email, password)} }`);
      expect(errors).toBeUndefined();
      expect(data.ok.token).toEqual(expect.any(String));
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('log-in rate limit behind load balancers', () => {
  const { startServer } = useTestDatabase();
  const start = (env: Record<string, string> = {}) => startServer({ env });
  /** One failed log-in, as if relayed by a proxy that says it came from `forwardedFor`; the error code if refused. */
  const failFrom = async (server: TestServer, forwardedFor: string) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ query: `mutation { ${attempt('x', uniqueEmail(), 'not the password')} }` }),
    });
    const { data, errors } = (await response.json()) as { data: any; errors?: { extensions: { code: string } }[] };
    return errors?.[0]?.extensions.code ?? data.x.userErrors[0].code;
  };

  it('limits each client address that a trusted proxy reports, and ignores what the client itself claims', async () => {
    const server = await start({ TRUST_PROXY_HOPS: '1', RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS: '10' });
    for (let i = 0; i < 10; i++) expect(await failFrom(server, '203.0.113.7')).toBe('INVALID_CREDENTIALS');
    expect(await failFrom(server, '203.0.113.7')).toBe('RATE_LIMITED');
    // The proxy appends the address it saw; what the client put before it changes nothing.
    expect(await failFrom(server, '198.51.100.1, 203.0.113.7')).toBe('RATE_LIMITED');
    expect(await failFrom(server, '203.0.113.8')).toBe('INVALID_CREDENTIALS');
  });

  it('takes the socket address without trusted proxies, whatever X-Forwarded-For says', async () => {
    const server = await start({ RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS: '10' });
    for (let i = 0; i < 10; i++) expect(await failFrom(server, `192.0.2.${i}`)).toBe('INVALID_CREDENTIALS');
    expect(await failFrom(server, '192.0.2.200')).toBe('RATE_LIMITED');
  });
});

/**
 * Lock-out counts failures per (account, address), so that guessing from one
 * address cannot lock the owner out elsewhere; a slower brake per account
 * stops guessing spread over many addresses, except from addresses the
 * account logged in from before.
 */
describe.each(backends)('log-in lock-out per account and address $name', ({ redisUrl }) => {
  const { server } = useTestServer({
    redisUrl,
    // The brake per account is 100 failures an hour by default; 20 keeps the test short.
    env: { TRUST_PROXY_HOPS: '1', RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT: '20', RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS: '50' },
  });
  const password = 'the owner knows this one';

  /** One log-in relayed by the trusted proxy from `address`: the token, or the error or user error code. */
  const logInFrom = async (address: string, email: string, withPassword: string) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ query: `mutation { ${attempt('x', email, withPassword)} }` }),
    });
    const { data, errors } = (await response.json()) as { data: any; errors?: { extensions: { code: string } }[] };
    return errors?.[0]?.extensions.code ?? data.x.userErrors[0]?.code ?? (data.x.token ? 'TOKEN' : 'NOTHING');
  };
  const newAccount = async () => {
    const email = uniqueEmail();
    const { data } = await server.graphql(
      `mutation { ${attempt('x', email, password).replace('logIn', 'signUp').replace('{ email', '{ name: "Owner", email')} }`,
    );
    expect(data.x.userErrors).toEqual([]);
    return email;
  };

  it('an attacker failing 10 times from one address does not stop the owner at another', async () => {
    const email = await newAccount();
    for (let i = 0; i < 10; i++) expect(await logInFrom('203.0.113.66', email, `guess ${i}`)).toBe('INVALID_CREDENTIALS');
    expect(await logInFrom('203.0.113.66', email, 'guess 10')).toBe('RATE_LIMITED');
    expect(await logInFrom('203.0.113.66', email, password)).toBe('RATE_LIMITED'); // locked for that address, even the right password
    // The owner has never logged in from here: only their own failures would count against them.
    expect(await logInFrom('198.51.100.20', email, password)).toBe('TOKEN');
  });

  it('brakes guessing spread over many addresses, but not the owner at an address they logged in from before', async () => {
    const email = await newAccount();
    expect(await logInFrom('198.51.100.30', email, password)).toBe('TOKEN'); // the owner's usual address
    for (let i = 0; i < 20; i++) expect(await logInFrom(`192.0.2.${i}`, email, `guess ${i}`), `guess ${i}`).toBe('INVALID_CREDENTIALS');
    expect(await logInFrom('192.0.2.100', email, 'guess 20')).toBe('RATE_LIMITED');
    // From an address the account has never succeeded from, even the right password waits out the brake.
    expect(await logInFrom('192.0.2.101', email, password)).toBe('RATE_LIMITED');
    expect(await logInFrom('198.51.100.30', email, password)).toBe('TOKEN');
    // Another account is not braked.
    expect(await logInFrom('192.0.2.102', await newAccount(), password)).toBe('TOKEN');
  });
});
