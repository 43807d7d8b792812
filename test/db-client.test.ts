/** The settings every connection of the API's pools starts with (src/db/client.ts). */
import { afterEach, describe, expect, it } from 'vitest';

import { connect, type Sql } from '../src/db/client.js';
import { useTestDatabase } from './support/fixture.js';

describe('the pools', () => {
  const { database } = useTestDatabase();
  const pools: Sql[] = [];
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((sql) => sql.end()));
  });
  const open = (options: Parameters<typeof connect>[1] = {}) => {
    const { sql } = connect(database.url, options);
    pools.push(sql);
    return sql;
  };
  const setting = async (sql: Sql, name: 'jit' | 'statement_timeout') => (await sql`SELECT current_setting(${name}) AS value`)[0]!.value as string;

  it('compile no statement with JIT, with a statement timeout or without', async () => {
    expect(await setting(database.sql, 'jit')).toBe('on'); // PostgreSQL's default, which the pools turn off
    expect(await setting(open(), 'jit')).toBe('off');
    const timed = open({ statementTimeoutMs: 300 });
    expect(await setting(timed, 'jit')).toBe('off');
    expect(await setting(timed, 'statement_timeout')).toBe('300ms');
    expect(await setting(open(), 'statement_timeout')).toBe('0');
  });
});
