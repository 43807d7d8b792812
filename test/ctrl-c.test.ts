/**
 * Ctrl-C in a terminal: SIGINT goes to the whole foreground process group,
 * `npm`, the server and (before it ran in a session of its own) the embedded
 * PostgreSQL. Here `npm start` runs in a process group of its own, without a
 * locale, as a newcomer's terminal runs it, and the group is signalled.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { DEMO_ACCOUNTS } from '../src/accounts/demo-accounts.js';
import { untilBlocked } from './support/database.js';
import { freePort } from './support/free-port.js';
import { openSocket } from './support/ws.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const VENUE = `query VenueName($id: ID!) { venue(id: $id) { name } }`;
const SHUTDOWN_TIMEOUT_MS = 8_000;

describe('Ctrl-C on npm start', () => {
  let dataDir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'ticketing-ctrl-c-'));
    await chmod(dataDir, 0o755); // the embedded PostgreSQL may run as another user
    const { PATH = '', HOME = '' } = process.env;
    env = { PATH, HOME, DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(await freePort()), PORT: '0', SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) };
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));
  const postmasterRunning = () => existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'));
  const database = () => postgres(`postgres://postgres:postgres@127.0.0.1:${env.EMBEDDED_POSTGRES_PORT}/ticketing`, { max: 2, onnotice: () => {} });

  it(
    'drains a request in flight, closes subscriptions with 1001, answers 503 meanwhile, stops PostgreSQL, and keeps the data',
    { timeout: 180_000 },
    async () => {
      const server = await npmStart(env);
      const { data } = await graphql(
        server.url,
        `
          {
            events(first: 1, filter: { status: [ON_SALE] }) {
              edges {
                node {
                  id
                  venue {
                    id
                  }
                }
              }
            }
          }
        `,
      );
      const { id: eventId, venue } = data.events.edges[0].node;
      const [{ events: eventsBefore }] = await countEvents();

      // A hold raises the map's version, so a subscription from version 0 answers at once: then it is live.
      const fan = DEMO_ACCOUNTS.find((account) => account.role === 'FAN')!;
      const { data: login } = await graphql(
        server.url,
        `
          mutation ($input: LogInInput!) {
            logIn(input: $input) {
              token
            }
          }
        `,
        { input: { email: fan.email, password: fan.password } },
      );
      const { data: held } = await graphql(
        server.url,
        `
          mutation ($eventId: ID!) {
            reserveSeats(input: { eventId: $eventId, bestAvailable: { quantity: 1 } }) {
              hold {
                id
              }
            }
          }
        `,
        { eventId },
        undefined,
        login.logIn.token,
      );
      expect(held.reserveSeats.hold).not.toBeNull();
      const socket = openSocket(server.url);
      await new Promise((resolve, reject) =>
        socket.client.subscribe(
          { query: `subscription ($eventId: ID!) { seatMapChanged(eventId: $eventId, sinceVersion: 0) { version } }`, variables: { eventId } },
          { next: resolve, error: reject, complete: () => {} },
        ),
      );

      const locker = database();
      try {
        const { release } = await lockTable(locker, 'venues');
        const inFlight = graphql(server.url, VENUE, { id: venue.id }, 'VenueName');
        await untilBlocked(locker, 1);

        server.interrupt();
        await vi.waitFor(() => expect(server.logs.map((line) => line.msg)).toContain('shutting down: draining requests'));
        expect(await socket.closed).toBe(1001);
        const readiness = await fetch(`${server.url}/readyz`);
        expect(readiness.status).toBe(503);
        const late = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ __typename }' }),
        });
        expect(late.status).toBe(503);
        expect(await late.json()).toMatchObject({ errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
        expect(postmasterRunning()).toBe(true); // PostgreSQL outlives the terminal's SIGINT until the drain is over

        release();
        expect((await inFlight).data.venue.name).toEqual(expect.any(String));
      } finally {
        await locker.end({ timeout: 1 });
      }
      await server.exited;
      expect(server.logs.map((line) => line.msg)).toContain('stopped');
      expect(server.elapsedSinceInterrupt()).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
      expect(postmasterRunning()).toBe(false);

      const again = await npmStart(env);
      expect(await countEvents()).toEqual([{ events: eventsBefore }]);
      again.interrupt();
      await again.exited;
      expect(again.logs.map((line) => line.msg)).toContain('stopped');
      expect(postmasterRunning()).toBe(false);
    },
  );

  it('exits with code 1 at SHUTDOWN_TIMEOUT_MS when a request never ends, saying which, and still stops PostgreSQL', { timeout: 180_000 }, async () => {
    // Without npm in between, whose own exit after a SIGINT hides the server's code; and without the statement timeout
    // and request deadline, which would end the request that must not end before the shutdown's deadline.
    const server = await npmStart({ ...env, DATABASE_STATEMENT_TIMEOUT_MS: '0', REQUEST_TIMEOUT_MS: '60000' }, [
      process.execPath,
      '--import',
      'tsx',
      'src/main.ts',
    ]);
    const { data } = await graphql(
      server.url,
      `
        {
          events(first: 1) {
            edges {
              node {
                venue {
                  id
                }
              }
            }
          }
        }
      `,
    );
    const locker = database();
    try {
      await lockTable(locker, 'venues'); // never released while the server runs
      void graphql(server.url, VENUE, { id: data.events.edges[0].node.venue.id }, 'VenueName').catch(() => {});
      await untilBlocked(locker, 1);
      server.interrupt();
      expect(await server.exited).toBe(1);
    } finally {
      await locker.end({ timeout: 1 }).catch(() => {});
    }
    expect(server.elapsedSinceInterrupt()).toBeGreaterThanOrEqual(SHUTDOWN_TIMEOUT_MS - 100);
    expect(server.elapsedSinceInterrupt()).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 5_000);
    const overran = server.logs.find((line) => line.msg === 'shutdown overran SHUTDOWN_TIMEOUT_MS: exiting with work still open');
    expect(overran).toMatchObject({ stage: 'waiting for requests in flight', requests: [{ method: 'POST', path: '/graphql', operationName: 'VenueName' }] });
    await vi.waitFor(() => expect(postmasterRunning()).toBe(false), { timeout: 10_000 });
  });

  async function countEvents(): Promise<[{ events: number }]> {
    const sql = database();
    try {
      return await sql<[{ events: number }]>`SELECT count(*)::int AS events FROM events`;
    } finally {
      await sql.end();
    }
  }
});

/** Holds an exclusive lock on `table` in an open transaction until release() is called. */
async function lockTable(sql: postgres.Sql, table: string): Promise<{ release(): void }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await new Promise<void>((locked, failed) => {
    sql
      .begin(async (tx) => {
        await tx.unsafe(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
        locked();
        await released;
      })
      .catch(failed);
  });
  return { release };
}

async function graphql(url: string, query: string, variables?: object, operationName?: string, token?: string) {
  const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables, operationName }) });
  const body = (await response.json()) as { data: any; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body;
}

/** `npm start` as a terminal runs it: its own process group, no locale, logs as JSON lines (stdout is no terminal here). */
async function npmStart(env: Record<string, string>, [command, ...args]: string[] = ['npm', 'start']) {
  const child = spawn(command!, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const logs: Record<string, any>[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('{')) return; // npm's own banner
      const entry = JSON.parse(line);
      logs.push(entry);
      if (entry.url) resolve(new URL(entry.url).origin);
    });
    void exited.then((code) => reject(new Error(`npm start exited with ${code} before it was ready`)));
  });
  let interruptedAt = 0;
  let exitedAt = 0;
  void exited.then(() => (exitedAt = performance.now()));
  return {
    url,
    logs,
    exited,
    /** Ctrl-C: SIGINT to every process of the group. */
    interrupt() {
      interruptedAt = performance.now();
      process.kill(-child.pid!, 'SIGINT');
    },
    elapsedSinceInterrupt: () => (exitedAt || performance.now()) - interruptedAt,
  };
}
