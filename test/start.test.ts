/**
 * The newcomer's path: `npm start` with no DATABASE_URL starts an embedded
 * PostgreSQL, seeds the demo catalog, serves it, and shuts down cleanly on
 * SIGTERM; a second start finds the same data, neither lost nor duplicated.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEMO_ACCOUNTS } from '../src/accounts/demo-accounts.js';
import { freePort } from './support/free-port.js';

const CATALOG = `{ events(first: 100) { edges { node { id title venue { name } priceRange { min { amount } } availability { total } } } pageInfo { hasNextPage } } }`;

describe('npm start on the embedded default', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'ticketing-start-'));
    await chmod(dataDir, 0o755); // the embedded PostgreSQL may run as another user
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('serves the demo catalog, stops on SIGTERM, and keeps the data for the next start', { timeout: 180_000 }, async () => {
    const env = { DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(await freePort()), PORT: '0' };

    const first = await start(env);
    const before = await query(first.url, CATALOG);
    expect(before.events.edges).toHaveLength(100);
    expect(before.events.pageInfo.hasNextPage).toBe(true);
    const [{ count: eventsBefore }] = await countEvents(first.url);
    const fan = DEMO_ACCOUNTS.find((account) => account.role === 'FAN')!;
    const { logIn } = await query(first.url, `mutation ($input: LogInInput!) { logIn(input: $input) { token } }`, {
      input: { email: fan.email, password: fan.password },
    });
    expect(await first.stop()).toBe(0);
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    const second = await start(env);
    expect(first.logs.some((line) => line.msg === 'seeded the demo catalog')).toBe(true);
    expect(second.logs.some((line) => line.msg === 'seeded the demo catalog')).toBe(false);
    expect(await query(second.url, CATALOG)).toEqual(before);
    expect(await countEvents(second.url)).toEqual([{ count: eventsBefore }]);
    // The generated token key was kept with the data, so a login outlives a restart.
    expect(await query(second.url, '{ me { email } }', undefined, logIn.token)).toEqual({ me: { email: fan.email } });
    expect(await second.stop()).toBe(0);
  });
});

/** Counts every public event by paging through them. */
async function countEvents(url: string): Promise<[{ count: number }]> {
  let count = 0;
  let after: string | null = null;
  for (;;) {
    const data = await query(url, `query ($after: String) { events(first: 100, after: $after) { edges { cursor } pageInfo { hasNextPage endCursor } } }`, {
      after,
    });
    count += data.events.edges.length;
    if (!data.events.pageInfo.hasNextPage) return [{ count }];
    after = data.events.pageInfo.endCursor;
  }
}

async function query(url: string, query: string, variables?: object, token?: string) {
  const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data: any; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}

async function start(env: Record<string, string>) {
  // What `npm start` runs, without npm in between: npm does not pass on our exit code after a signal.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: false,
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const logs: Record<string, any>[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const entry = JSON.parse(line);
      logs.push(entry);
      if (entry.url) resolve(new URL(entry.url).origin);
    });
    void exited.then((code) => reject(new Error(`npm start exited with ${code} before it was ready`)));
  });
  return {
    url,
    logs,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
