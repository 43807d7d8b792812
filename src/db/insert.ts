import type { Queryable } from './client.js';

export type Row = Record<string, string | number | Date | null>;

/**
 * Multi-row INSERTs, split to stay under the protocol's 65,535 parameters per
 * statement. Returns the new ids in the order of `rows` (PostgreSQL assigns
 * and returns them in VALUES order).
 */
export async function insertRows(sql: Queryable, table: string, rows: Row[], { returnIds = true } = {}): Promise<number[]> {
  const ids: number[] = [];
  if (rows.length === 0) return ids;
  const perStatement = Math.floor(60_000 / Object.keys(rows[0]!).length);
  for (let i = 0; i < rows.length; i += perStatement) {
    const values = sql(rows.slice(i, i + perStatement).map(withIsoDates));
    if (!returnIds) {
      await sql`INSERT INTO ${sql(table)} ${values}`;
      continue;
    }
    const inserted = await sql<{ id: number }[]>`INSERT INTO ${sql(table)} ${values} RETURNING id`;
    for (const { id } of inserted) ids.push(id);
  }
  return ids;
}

/**
 * drizzle, sharing the pool, replaces postgres.js's date serializers with
 * pass-throughs (it formats dates itself), so raw queries must send text.
 */
function withIsoDates(row: Row): Row {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]));
}
