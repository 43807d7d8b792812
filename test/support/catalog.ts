import postgres from 'postgres';
import { seedCatalog } from '../../src/db/seed/catalog.js';
import { createTestDatabase, type TestDatabase } from './database.js';

/** Where seeded test catalogs start; every seeded event is after it. */
export const ANCHOR = new Date('2030-01-01T00:00:00Z');

/** A fresh database holding a small seeded catalog, and a SQL client to inspect it. */
export async function createSeededDatabase(events = 60): Promise<TestDatabase & { sql: postgres.Sql }> {
  const database = await createTestDatabase();
  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  await seedCatalog(sql, { seed: 7, events, anchor: ANCHOR });
  return {
    ...database,
    sql,
    async drop() {
      await sql.end();
      await database.drop();
    },
  };
}
