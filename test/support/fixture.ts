/**
 * A test file's database and API server, made before its tests and disposed of after them, as
 * graphql-ws's test servers are:
 *
 *   const clock = manualClock(ANCHOR);
 *   const { database, server } = useTestServer({ events: 2, clock });
 *
 *   it('...', async () => {
 *     const [buyer] = await createBuyers(database.sql, 1);
 *     const { data } = await server.graphql('{ me { id } }', {}, buyer!.token);
 *   });
 *
 * Called in a describe block, or at the top of a file, a fixture registers that block's beforeAll,
 * which makes what it gives, and afterAll, which disposes of everything it made, the last made first,
 * each whatever became of the others: also when a test, or the set-up itself, failed. What it gives
 * stands for what its beforeAll makes: use it in tests and hooks, not while the block is collected.
 */
import { randomBytes } from 'node:crypto';

import postgres from 'postgres';
import { afterAll, beforeAll, onTestFinished } from 'vitest';

import { seedCatalog } from '../../src/db/seed/catalog.js';
import { ANCHOR } from './catalog.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { deleteRedisKeys } from './redis-keys.js';
import { startTestServer, type TestServer, type TestServerOptions } from './server.js';

/** A test file's own database, with a SQL client to arrange and inspect it (closed by drop()). */
export interface SqlTestDatabase extends TestDatabase {
  sql: postgres.Sql;
}

export interface DatabaseOptions<D extends TestDatabase = SqlTestDatabase> {
  /**
   * The database: one another fixture gives (shared: that fixture drops it), or a function that
   * makes one (dropped with this fixture). Without it, a database of the fixture's own, as below.
   */
  database?: D | (() => Promise<D>);
  /** A catalog seeded with this many events (seedCatalog's seed 7, every event after ANCHOR). Without it, no rows. */
  events?: number;
  /** False for a database without the migrations' tables. */
  migrated?: boolean;
}

export interface TestServerFixtureOptions<D extends TestDatabase = SqlTestDatabase> extends DatabaseOptions<D>, TestServerOptions {}

export interface DatabaseFixture<D extends TestDatabase = SqlTestDatabase> {
  database: D;
  /**
   * Starts another server on the database for the test that calls it: stopped when that test ends,
   * however it ends. `options` replace the fixture's server options they name (`env` as a whole).
   */
  startServer(options?: TestServerOptions): Promise<TestServer>;
}

export interface TestServerFixture<D extends TestDatabase = SqlTestDatabase> extends DatabaseFixture<D> {
  server: TestServer;
}

/** How long the fixture's beforeAll may take; the configuration's hookTimeout by default. */
export interface SetUpOptions {
  timeout?: number;
}

/** A database for the enclosing block's tests: see the top of this file. */
export function useTestDatabase<D extends TestDatabase = SqlTestDatabase>(options: DatabaseOptions<D> = {}, setUp: SetUpOptions = {}): DatabaseFixture<D> {
  return useFixture(() => options, false, setUp);
}

/**
 * A database and an API server on it, for the enclosing block's tests: see the top of this file.
 * With `redisUrl` and no `redisKeyPrefix`, the server's keys and channels are under a prefix of the
 * fixture's own, which startServer's servers share, and which is emptied at the end. `options` may be
 * a function, called in the beforeAll, for values that earlier hooks work out.
 */
export function useTestServer<D extends TestDatabase = SqlTestDatabase>(
  options: TestServerFixtureOptions<D> | (() => TestServerFixtureOptions<D>) = {},
  setUp: SetUpOptions = {},
): TestServerFixture<D> {
  return useFixture(typeof options === 'function' ? options : () => options, true, setUp) as TestServerFixture<D>;
}

function useFixture<D extends TestDatabase>(
  options: () => TestServerFixtureOptions<D>,
  withServer: boolean,
  setUp: SetUpOptions,
): DatabaseFixture<D> & { server?: TestServer } {
  const disposals = new Disposals();
  const [database, setDatabase] = standIn<D>('the database');
  const [server, setServer] = standIn<TestServer>('the server');
  let serverOptions: TestServerOptions = {};

  beforeAll(async () => {
    const { database: given, events, migrated, ...rest } = options();
    serverOptions = rest;
    setDatabase(await openDatabase(given, { events, migrated }, disposals));
    if (!withServer) return;
    if (rest.redisUrl && rest.redisKeyPrefix === undefined) {
      const { redisUrl } = rest;
      const redisKeyPrefix = `test-${randomBytes(4).toString('hex')}:`;
      disposals.defer(() => deleteRedisKeys(redisUrl, redisKeyPrefix)); // after every server of the fixture has stopped
      serverOptions = { ...rest, redisKeyPrefix };
    }
    const started = await startTestServer(database.url, serverOptions);
    disposals.defer(() => started.stop());
    setServer(started);
  }, setUp.timeout);
  afterAll(() => disposals.dispose());

  return {
    database,
    ...(withServer ? { server } : {}),
    async startServer(options = {}) {
      const started = await startTestServer(database.url, { ...serverOptions, ...options });
      onTestFinished(() => started.stop());
      return started;
    },
  };
}

async function openDatabase<D extends TestDatabase>(
  given: DatabaseOptions<D>['database'],
  { events, migrated }: Pick<DatabaseOptions<D>, 'events' | 'migrated'>,
  disposals: Disposals,
): Promise<D> {
  if (given !== undefined && (events !== undefined || migrated !== undefined)) throw new Error('give either a database or how to make one, not both');
  if (typeof given === 'function') {
    const made = await given();
    disposals.defer(() => made.drop());
    return made;
  }
  if (given) return given;
  const created = await createTestDatabase({ migrated });
  const sql = postgres(created.url, { max: 4, onnotice: () => {} });
  const database: SqlTestDatabase = {
    ...created,
    sql,
    async drop() {
      await sql.end();
      await created.drop();
    },
  };
  disposals.defer(() => database.drop());
  if (events !== undefined) await seedCatalog(sql, { seed: 7, events, anchor: ANCHOR });
  return database as TestDatabase as D;
}

/** What a fixture made, to dispose of the last made first, each whatever became of the others; then the first failure is thrown. */
class Disposals {
  readonly #steps: (() => unknown)[] = [];

  defer(step: () => unknown): void {
    this.#steps.push(step);
  }

  async dispose(): Promise<void> {
    const failures: unknown[] = [];
    for (let step = this.#steps.pop(); step; step = this.#steps.pop()) {
      try {
        await step();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new AggregateError(failures, `${failures.length} of the fixture's disposals failed`);
  }
}

/**
 * An object that stands for one made later: every use is passed on to that one once it is there,
 * and fails with a clear message before.
 */
function standIn<T extends object>(what: string): [T, (value: T) => void] {
  let value: T | undefined;
  const real = (): T => {
    if (value === undefined) throw new Error(`${what} is not there yet: the fixture makes it in its beforeAll hook, so use it in tests and hooks`);
    return value;
  };
  const proxy = new Proxy({} as T, {
    get: (_, key) => Reflect.get(real(), key),
    set: (_, key, assigned) => Reflect.set(real(), key, assigned),
    has: (_, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(real(), key),
  });
  return [proxy, (made) => void (value = made)];
}
