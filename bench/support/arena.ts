/**
 * The on-sale benchmark's event: a concert on sale now in a 20,000-seat arena
 * laid out as the demo's (two rings of reserved sections around a standing
 * floor), priced by tier, with its tickets; and buyers who log in with a
 * password.
 */
import { hash } from '@node-rs/argon2';
import type postgres from 'postgres';

import { createTickets } from '../../src/catalog/store.js';
import { storeVenues } from '../../src/catalog/venues.js';
import { arenaSections } from '../../src/db/seed/demo-data.js';
import { toGlobalId } from '../../src/relay/global-id.js';

/** Price by tier, in cents: 0 is the best part of the house. */
const TIER_PRICES = [24_900, 15_900, 9_900, 6_900];

export interface ArenaSection {
  id: number;
  /** Global ID. */
  gid: string;
  kind: 'RESERVED' | 'GENERAL_ADMISSION';
  tier: number;
  /** Global IDs of the section's tickets in ticket order (the order of the seat map's `availability`), with their row. */
  tickets: { id: string; row: string | null }[];
}

export interface ArenaEvent {
  eventId: number;
  /** Global ID. */
  id: string;
  sections: ArenaSection[];
  ticketCount: number;
}

export async function createArenaEvent(sql: postgres.Sql, organizerId: number, shape: { holdTtlSeconds: number; ticketLimit: number }): Promise<ArenaEvent> {
  const definitions = arenaSections();
  const arena = await sql.begin(async (tx) => {
    const { venueIds, sectionIds } = await storeVenues(
      tx,
      [
        {
          name: 'Bench Arena',
          address: '1 Arena Way',
          city: 'Chicago',
          region: null,
          country: 'US',
          latitude: 41.85,
          longitude: -87.62,
          timezone: 'America/Chicago',
          sections: definitions,
        },
      ],
      { organizerId: null, createdAt: new Date() },
    );
    const venueId = venueIds[0]!;
    const sections: ArenaSection[] = definitions.map((definition, i) => {
      const id = sectionIds[0]![i]!;
      return { id, gid: toGlobalId('Section', id), kind: definition.kind, tier: definition.tier, tickets: [] };
    });
    const now = Date.now();
    const [event] = await tx<[{ id: number }]>`
      INSERT INTO events (title, category, status, starts_at, ends_at, on_sale_at, venue_id, organizer_id, currency, hold_ttl_seconds, ticket_limit)
      VALUES ('The Big On-Sale', 'CONCERT', 'ON_SALE', ${new Date(now + 30 * 86_400_000)}, ${new Date(now + 30 * 86_400_000 + 3 * 3_600_000)},
              ${new Date(now - 3_600_000)}, ${venueId}, ${organizerId}, 'USD', ${shape.holdTtlSeconds}, ${shape.ticketLimit})
      RETURNING id`;
    await tx`
      INSERT INTO event_sections (event_id, section_id, price)
      SELECT ${event.id}, * FROM unnest(${sections.map((s) => s.id)}::integer[], ${sections.map((s) => TIER_PRICES[s.tier]!)}::integer[])`;
    const ticketCount = await createTickets(tx, [event.id]);
    const rows = await tx<{ id: string; sectionId: number; row: string | null }[]>`
      SELECT t.id, t.section_id AS "sectionId", seat.row_label AS row
      FROM tickets t LEFT JOIN seats seat ON seat.id = t.seat_id WHERE t.event_id = ${event.id} ORDER BY t.id`;
    const bySection = new Map(sections.map((section) => [section.id, section]));
    for (const row of rows) bySection.get(row.sectionId)!.tickets.push({ id: toGlobalId('Ticket', Number(row.id)), row: row.row });
    return { eventId: event.id, id: toGlobalId('Event', event.id), sections, ticketCount };
  });
  // A real event's tickets exist long before its sale, and the statistics know them by then. Without this, the
  // sale's first minute (until autovacuum analyzes) is planned as if the event had no tickets: every claim scans
  // all 20,000 of them instead of looking up the chosen few (10 ms instead of 0.1 ms).
  await sql`ANALYZE tickets, seats`;
  return arena;
}

/**
 * `count` buyers who log in as `buyer-<n>@onsale.bench` with `password`. The
 * hash is argon2id with the cheapest parameters: logging in still verifies
 * a real hash, without 10,000 logins costing minutes of server CPU.
 */
export async function createLoginBuyers(sql: postgres.Sql, count: number, password: string): Promise<string[]> {
  const passwordHash = await hash(password, { memoryCost: 8, timeCost: 1, parallelism: 1 });
  const rows = await sql<{ email: string }[]>`
    INSERT INTO users (email, name, role, password_hash)
    SELECT 'buyer-' || n || '@onsale.bench', 'Buyer ' || n, 'FAN', ${passwordHash} FROM generate_series(1, ${count}) n
    RETURNING email`;
  return rows.map((row) => row.email);
}
