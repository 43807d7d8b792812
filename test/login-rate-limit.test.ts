import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { manualClock, startTestServer, type TestServer } from './support/server.js';

const attempt = (alias: string, email: string, password: string) =>
  `${alias}: logIn(input: { email: ${JSON.stringify(email)}, password: ${JSON.stringify(password)} }) { token userErrors { code } }`;
const uniqueEmail = () => `limit-${randomBytes(4).toString('hex')}@example.com`;

/** The same rules in memory (one process) and in Redis (shared by every process). */
const backends = [
  { name: 'in memory', redisUrl: undefined },
  ...(process.env.REDIS_URL ? [{ name: 'in Redis', redisUrl: process.env.REDIS_URL }] : []),
];

describe.each(backends)('log-in rate limit $name', ({ redisUrl }) => {
  let database: TestDatabase;
  let server: TestServer;
  const clock = manualClock(new Date('2030-01-01T00:00:00Z'));
  const email = uniqueEmail();
  const password = 'the right password';

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startTestServer(database.url, { clock, redisUrl, redisKeyPrefix: `test-${randomBytes(4).toString('hex')}:` });
    const { data } = await server.graphql(`mutation { ${attempt('x', email, password).replace('logIn', 'signUp').replace('{ email', '{ name: "Limit", email')} }`);
    expect(data.x.userErrors).toEqual([]);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('counts aliased attempts one by one and refuses after 10 failures, even the right password', async () => {
    const aliases = Array.from({ length: 12 }, (_, i) => attempt(`a${i}`, email, `wrong password ${i}`));
    const { data, errors } = await server.graphql(`mutation { ${aliases.join('\n')} }`);
    for (let i = 0; i < 10; i++) expect(data[`a${i}`], `attempt ${i}`).toEqual({ token: null, userErrors: [{ code: 'INVALID_CREDENTIALS' }] });
    expect(data.a10).toBeNull();
    expect(data.a11).toBeNull();
    expect(errors!.map((e) => [e.path, e.extensions!.code])).toEqual([[['a10'], 'RATE_LIMITED'], [['a11'], 'RATE_LIMITED']]);
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
    const { data } = await server.graphql(`mutation { ${attempt('x', uniqueEmail(), password).replace('logIn', 'signUp').replace('{ email', '{ name: "Thief", email')} }`);
    const token = data.x.token as string;
    const guess = (i: number) => `g${i}: updateProfile(input: { password: { current: "guess number ${i}", new: "a brand new password" } }) { userErrors { code } }`;
    const guesses = await server.graphql(`mutation { ${Array.from({ length: 11 }, (_, i) => guess(i)).join('\n')} }`, {}, token);
    for (let i = 0; i < 10; i++) expect(guesses.data[`g${i}`]).toEqual({ userErrors: [{ code: 'WRONG_PASSWORD' }] });
    expect(guesses.errors!.map((e) => [e.path, e.extensions!.code])).toEqual([[['g10'], 'RATE_LIMITED']]);
  });

  it.runIf(!redisUrl)('opens again when the window ends', async () => {
    clock.set(new Date(clock().getTime() + 15 * 60_000 + 1));
    const { data, errors } = await server.graphql(`mutation { ${attempt('ok', email, password)} }`);
    expect(errors).toBeUndefined();
    expect(data.ok.token).toEqual(expect.any(String));
  });
});

describe('log-in rate limit behind load balancers', () => {
  let database: TestDatabase;
  const servers: TestServer[] = [];
  const start = async (env: Record<string, string> = {}) => {
    const server = await startTestServer(database.url, { env });
    servers.push(server);
    return server;
  };
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

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await database?.drop();
  });

  it('limits each client address that a trusted proxy reports, and ignores what the client itself claims', async () => {
    const server = await start({ TRUST_PROXY_HOPS: '1' });
    for (let i = 0; i < 10; i++) expect(await failFrom(server, '203.0.113.7')).toBe('INVALID_CREDENTIALS');
    expect(await failFrom(server, '203.0.113.7')).toBe('RATE_LIMITED');
    // The proxy appends the address it saw; what the client put before it changes nothing.
    expect(await failFrom(server, '198.51.100.1, 203.0.113.7')).toBe('RATE_LIMITED');
    expect(await failFrom(server, '203.0.113.8')).toBe('INVALID_CREDENTIALS');
  });

  it('takes the socket address without trusted proxies, whatever X-Forwarded-For says', async () => {
    const server = await start();
    for (let i = 0; i < 10; i++) expect(await failFrom(server, `192.0.2.${i}`)).toBe('INVALID_CREDENTIALS');
    expect(await failFrom(server, '192.0.2.200')).toBe('RATE_LIMITED');
  });
});
