import { randomBytes } from 'node:crypto';

import postgres from 'postgres';
import { inject, vi } from 'vitest';

import { withDatabase } from './global-setup.js';

export interface TestDatabase {
  name: string;
  url: string;
  /** Drops the database, closing any connection still open to it. */
  drop(): Promise<void>;
}

/** A fresh database for one test file: a clone of the migrated template, or an empty one. */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = inject('adminUrl');
  const template = inject('templateDatabase');
  const name = `${template.replace(/_template$/, '')}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const from = options.migrated === false ? '' : ` TEMPLATE ${template} STRATEGY FILE_COPY`;
    await admin.unsafe(`CREATE DATABASE ${name}${from}`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(adminUrl, name),
    async drop() {
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** Runs `during` while a transaction holds `table` locked against every reader and writer, then lets go. */
export function withTableLocked<T>(sql: postgres.Sql, table: string, during: () => Promise<T>): Promise<T> {
  return sql.begin(async (tx) => {
    await tx`LOCK TABLE ${tx(table)} IN ACCESS EXCLUSIVE MODE`;
    return during();
  }) as Promise<T>;
}

/** Waits until at least `count` transactions of `sql`'s database are blocked on a lock (seen in pg_stat_activity). */
export async function untilBlocked(sql: postgres.Sql, count: number): Promise<void> {
  await vi.waitFor(
    async () => {
      const [{ waiting }] = await sql<[{ waiting: number }]>`
        SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
      if (waiting < count) throw new Error(`${waiting} of ${count} transactions are waiting`);
    },
    { timeout: 10_000, interval: 10 },
  );
}
