/**
 * postgres.js 3.4.9 throws from a timer when a query is written to a
 * connection whose socket has closed (porsager/postgres#1208): a reserved
 * connection whose backend died took the whole process down at its next
 * query. patches/postgres+3.4.9.patch makes that query fail with
 * CONNECTION_CLOSED instead; without the patch this test's query never
 * settles and vitest reports the uncaught TypeError.
 */
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/database.js';

describe('postgres.js on a connection whose backend died', () => {
  let database: TestDatabase;
  let sql: postgres.Sql;
  const connectionClosed = vi.fn();
  beforeAll(async () => {
    database = await createTestDatabase({ migrated: false });
    sql = postgres(database.url, { max: 2, onnotice: () => {}, onclose: connectionClosed });
  });
  afterAll(async () => {
    await sql?.end({ timeout: 1 });
    await database?.drop();
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
});
