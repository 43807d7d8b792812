import { describe, expect, it } from 'vitest';

import { runMigrations } from '../src/db/migrate.js';
import { useTestDatabase } from './support/fixture.js';

describe('migrations', () => {
  const { database } = useTestDatabase({ migrated: false });

  it('create the catalog on an empty database, once, even when processes race', async () => {
    await Promise.all([runMigrations(database.url), runMigrations(database.url), runMigrations(database.url)]);
    const tables = await database.sql<{ tablename: string }[]>`
      SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`;
    expect(tables.map((t) => t.tablename)).toEqual([
      'bookings',
      'event_cancellations',
      'event_performers',
      'event_sections',
      'event_staff',
      'events',
      'hold_tickets',
      'holds',
      'idempotency_keys',
      'job_workers',
      'notifications',
      'outbox',
      'outbox_consumers',
      'outbox_deliveries',
      'partner_api_keys',
      'partner_documents',
      'partner_key_usage',
      'partners',
      'performers',
      'price_changes',
      'pricing_policies',
      'purchases',
      'queue_passes',
      'search_documents',
      'search_words',
      'seat_map_changes',
      'seat_maps',
      'seats',
      'sections',
      'sessions',
      'simulated_charges',
      'ticket_check_ins',
      'tickets',
      'users',
      'venues',
      'waiting_room_latencies',
      'waiting_room_queues',
      'waiting_rooms',
    ]);
    // The job queue's own schema, by graphile-worker's migrations.
    const [queue] = await database.sql`SELECT count(*)::int AS migrations FROM graphile_worker.migrations`;
    expect(queue!.migrations).toBeGreaterThan(0);
    const applied = await database.sql`SELECT hash FROM drizzle.__drizzle_migrations`;
    const journal = (await import('../drizzle/meta/_journal.json', { with: { type: 'json' } })).default;
    expect(applied).toHaveLength(journal.entries.length);
  });

  it('do nothing when run again', async () => {
    await runMigrations(database.url);
    const [{ count }] = await database.sql<[{ count: number }]>`SELECT count(*)::int AS count FROM drizzle.__drizzle_migrations`;
    const journal = (await import('../drizzle/meta/_journal.json', { with: { type: 'json' } })).default;
    expect(count).toBe(journal.entries.length);
  });
});
