/**
 * With Redis gone, rate limits count in process memory instead of failing
 * requests (log-in answered INTERNAL_SERVER_ERROR before), say so in the log
 * once, and go back to Redis when it returns. Runs a redis-server of its own
 * and stops it; the machine's Redis is never touched.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { useTestServer } from './support/fixture.js';
import { freePort } from './support/free-port.js';

const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
const LOG_IN = `mutation ($input: LogInInput!) { logIn(input: $input) { token userErrors { code } } }`;
const FELL_BACK = 'Redis is unreachable: rate limits count in this process memory until it is back';
const CAME_BACK = 'Redis is back: rate limits are counted in Redis again';

/** A throwaway redis-server on `port`, without persistence; resolves once it accepts connections. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await vi.waitFor(
    () =>
      expect(
        spawnSync('redis-cli', ['-p', String(port), 'ping'])
          .stdout?.toString()
          .trim(),
      ).toBe('PONG'),
    { timeout: 10_000, interval: 50 },
  );
  return child;
}

async function stopRedis(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe.runIf(hasRedisServer)('rate limits while Redis is down', () => {
  let redis: ChildProcess | undefined;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
  });
  afterAll(() => stopRedis(redis)); // after the fixture's (afterAll hooks run last registered first)
  const { server } = useTestServer(() => ({ redisUrl: `redis://127.0.0.1:${port}`, redisKeyPrefix: 'test-down:' }));
  const email = `owner-${randomBytes(4).toString('hex')}@example.com`;
  const password = 'a password that is right';
  const logIn = async (withPassword: string) => {
    const { data, errors } = await server.graphql(LOG_IN, { input: { email, password: withPassword } });
    return errors?.[0]?.extensions?.code ?? data.logIn.userErrors[0]?.code ?? (data.logIn.token ? 'TOKEN' : 'NOTHING');
  };
  const logged = (message: string) => server.logs.filter((line) => line.msg === message).length;

  beforeAll(async () => {
    const { data } = await server.graphql(`mutation ($input: SignUpInput!) { signUp(input: $input) { userErrors { code } } }`, {
      input: { email, password, name: 'Owner' },
    });
    expect(data.signUp.userErrors).toEqual([]);
  });

  it('logs in with the right password, counts failures in memory, and says so once', async () => {
    expect(await logIn(password)).toBe('TOKEN');
    await stopRedis(redis);
    redis = undefined;

    for (let i = 0; i < 3; i++) expect(await logIn(password), `log-in ${i} without Redis`).toBe('TOKEN');
    // The lock-out still holds, counted in this process meanwhile.
    for (let i = 0; i < 10; i++) expect(await logIn(`wrong ${i}`)).toBe('INVALID_CREDENTIALS');
    expect(await logIn(password)).toBe('RATE_LIMITED');
    expect(logged(FELL_BACK)).toBe(1);
  });

  it('goes back to Redis when it returns', async () => {
    redis = await startRedis(port);
    await vi.waitFor(() => expect(logged(CAME_BACK)).toBe(1), { timeout: 15_000, interval: 100 });
    // Redis has none of the failures counted in memory meanwhile.
    expect(await logIn(password)).toBe('TOKEN');
    expect(logged(FELL_BACK)).toBe(1);
  });
});
