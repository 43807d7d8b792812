/**
 * postgres.js 3.4.9 throws from a timer when a query is written to a
 * connection whose socket has closed (porsager/postgres#1208): a reserved
 * connection whose backend died took the whole process down at its next
 * query. patches/postgres+3.4.9.patch makes that query fail with
 * CONNECTION_CLOSED instead; without the patch this test's query never
 * settles and vitest reports the uncaught TypeError.
 *
 * A database restart kills every reserved connection and transaction at
 * once, so the patch also makes what follows safe: releasing a dead
 * reservation used to put the closed connection back among the open ones
 * (the pool then hung for good), and a dead reservation or transaction could
 * still send to the connection after the pool had reconnected it for
 * someone else. The tests below hang or fail without those parts.
 */
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { useTestDatabase } from './support/fixture.js';

describe('postgres.js on a connection whose backend died', () => {
  const { database } = useTestDatabase({ migrated: false });
  let sql: postgres.Sql;
  const connectionClosed = vi.fn();
  beforeAll(async () => {
    sql = postgres(database.url, { max: 2, onnotice: () => {}, onclose: connectionClosed });
  });
  afterAll(async () => {
    await sql?.end({ timeout: 1 });
  });

  it('fails the next query with CONNECTION_CLOSED instead of crashing the process', async () => {
    const reserved = await sql.reserve();
    const [{ pid }] = await reserved<[{ pid: number }]>`SELECT pg_backend_pid() AS pid`;
    // The pool's other connection ends the reserved one's backend, as a database restart would.
    await sql`SELECT pg_terminate_backend(${pid})`;
    await vi.waitFor(() => expect(connectionClosed).toHaveBeenCalled());

    const closed = vi.fn();
    await reserved`SELECT 1`.catch((error: { code?: string }) => closed(error.code));
    expect(closed).toHaveBeenCalledWith('CONNECTION_CLOSED');
    reserved.release();
    // The pool itself goes on working.
    expect(await sql`SELECT 2 AS two`).toEqual([{ two: 2 }]);
  });

  describe('after the backend of a reservation or transaction died', () => {
    let pool: postgres.Sql;
    let killer: postgres.Sql;
    const closed = vi.fn();
    beforeEach(() => {
      // One connection: whatever the dead reservation does to it, the pool's next query meets.
      pool = postgres(database.url, { max: 1, onnotice: () => {}, onclose: closed });
      killer = postgres(database.url, { max: 1, onnotice: () => {} });
    });
    afterEach(async () => {
      await pool?.end({ timeout: 1 });
      await killer?.end({ timeout: 1 });
    });

    /** Ends the backend of `session` as a restart would, and waits for the pool to see its connection close. */
    async function kill(session: postgres.Sql | postgres.ReservedSql | postgres.TransactionSql) {
      const [{ pid }] = await session<[{ pid: number }]>`SELECT pg_backend_pid() AS pid`;
      const closes = closed.mock.calls.length;
      await killer`SELECT pg_terminate_backend(${pid})`;
      await vi.waitFor(() => expect(closed.mock.calls.length).toBeGreaterThan(closes));
    }
    /** Settles `query` within 5 s: its rows or its error code; "hangs" otherwise. */
    const settled = (query: Promise<unknown>) =>
      Promise.race([
        query.then(
          (rows) => rows,
          (error: { code?: string }) => error.code,
        ),
        new Promise((resolve) => setTimeout(resolve, 5_000, 'hangs')),
      ]);

    it('releases the dead reservation without breaking the pool', async () => {
      const reserved = await pool.reserve();
      await kill(reserved);
      expect(await settled(reserved`SELECT 1`)).toBe('CONNECTION_CLOSED');
      reserved.release();
      expect(await settled(pool`SELECT 2 AS two`)).toEqual([{ two: 2 }]);
      const again = await pool.reserve();
      expect(await settled(again`SELECT 3 AS three`)).toEqual([{ three: 3 }]);
      again.release();
      expect(await settled(pool`SELECT 4 AS four`)).toEqual([{ four: 4 }]);
    });

    it('fails what a dead reservation sends once the pool has reconnected its connection for others', async () => {
      const reserved = await pool.reserve();
      const [{ pid: before }] = await reserved<[{ pid: number }]>`SELECT pg_backend_pid() AS pid`;
      await kill(reserved);
      const [{ pid: after }] = await pool<[{ pid: number }]>`SELECT pg_backend_pid() AS pid`; // the same connection, reconnected
      expect(after).not.toBe(before);
      expect(await settled(reserved`SELECT 1`)).toBe('CONNECTION_CLOSED');
      reserved.release(); // too late to give anything back: nothing happens
      const [{ pid: still }] = await pool<[{ pid: number }]>`SELECT pg_backend_pid() AS pid`;
      expect(still).toBe(after);
      const next = await pool.reserve();
      expect(await settled(next`SELECT 5 AS five`)).toEqual([{ five: 5 }]);
      next.release();
    });

    it('fails a transaction whose backend died: nothing it sends after reaches the reconnected connection', async () => {
      const afterDeath = vi.fn();
      const transaction = pool.begin(async (tx) => {
        await kill(tx);
        await pool`SELECT 1`; // the pool reconnects the connection for another caller meanwhile
        await tx`SELECT pg_backend_pid() AS pid`.then(afterDeath, (error: { code?: string }) => afterDeath(error.code));
      });
      expect(await settled(transaction)).toBe('CONNECTION_CLOSED');
      await vi.waitFor(() => expect(afterDeath).toHaveBeenCalledWith('CONNECTION_CLOSED'));
      expect(await settled(pool`SELECT 6 AS six`)).toEqual([{ six: 6 }]);
      expect(await settled(pool.begin((tx) => tx`SELECT 7 AS seven`))).toEqual([{ seven: 7 }]);
    });
  });
});
