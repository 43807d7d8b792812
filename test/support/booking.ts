/**
 * A small on-sale event to book, and buyers with tokens, written straight to
 * the database (hashing hundreds of passwords through signUp would take
 * longer than the tests).
 */
import type postgres from 'postgres';

import { signToken } from '../../src/accounts/tokens.js';
import { createTickets } from '../../src/catalog/store.js';
import { toGlobalId } from '../../src/relay/global-id.js';
import { TEST_TOKEN_SECRET } from './server.js';

export interface OnSaleEvent {
  eventId: number;
  /** Global ID of the event. */
  id: string;
  /** Reserved section: `rows` rows (A, B, ...) of `seatsPerRow` seats, front row first. */
  reservedSectionId: number;
  gaSectionId: number;
  /** Global IDs of the reserved seats' tickets, row by row, seat by seat. */
  seats: string[][];
  /** Global IDs of the general-admission units. */
  units: string[];
  prices: { reserved: number; ga: number };
}

export interface EventShape {
  rows?: number;
  seatsPerRow?: number;
  gaCapacity?: number;
  ticketLimit?: number;
  holdTtlSeconds?: number;
  startsAt?: Date;
  onSaleAt?: Date;
  status?: 'DRAFT' | 'ON_SALE' | 'CANCELLED';
}

let venues = 0;

/** An event on sale from `onSaleAt` in a new venue, with tickets. */
export async function createOnSaleEvent(sql: postgres.Sql, organizerId: number, shape: EventShape = {}): Promise<OnSaleEvent> {
  const { rows = 4, seatsPerRow = 10, gaCapacity = 20, ticketLimit = 8, holdTtlSeconds = 600 } = shape;
  const startsAt = shape.startsAt ?? new Date('2030-03-01T20:00:00Z');
  const onSaleAt = shape.onSaleAt ?? new Date('2029-12-01T10:00:00Z');
  const prices = { reserved: 12_000, ga: 5_000 };
  const [venue] = await sql<[{ id: number }]>`
    INSERT INTO venues (name, address, city, country, latitude, longitude, timezone)
    VALUES (${`Test Hall ${++venues}`}, '1 Main St', 'Testville', 'US', 40, -74, 'America/New_York') RETURNING id`;
  const [reserved] = await sql<[{ id: number }]>`
    INSERT INTO sections (venue_id, name, kind, capacity) VALUES (${venue.id}, 'Stalls', 'RESERVED', ${rows * seatsPerRow}) RETURNING id`;
  const [ga] = await sql<[{ id: number }]>`
    INSERT INTO sections (venue_id, name, kind, capacity) VALUES (${venue.id}, 'Floor', 'GENERAL_ADMISSION', ${gaCapacity}) RETURNING id`;
  const rowLabels = Array.from({ length: rows }, (_, r) => String.fromCharCode(65 + r));
  for (const [r, rowLabel] of rowLabels.entries()) {
    await sql`
      INSERT INTO seats (section_id, row_label, number, x, y)
      SELECT ${reserved.id}, ${rowLabel}, n, n, ${r} FROM generate_series(1, ${seatsPerRow}) n`;
  }
  const [event] = await sql<[{ id: number }]>`
    INSERT INTO events (title, category, status, starts_at, ends_at, on_sale_at, venue_id, organizer_id, currency, hold_ttl_seconds, ticket_limit)
    VALUES ('Test Concert', 'CONCERT', ${shape.status ?? 'ON_SALE'}, ${startsAt}, ${new Date(startsAt.getTime() + 3 * 3600_000)}, ${onSaleAt},
            ${venue.id}, ${organizerId}, 'USD', ${holdTtlSeconds}, ${ticketLimit})
    RETURNING id`;
  await sql`INSERT INTO event_sections (event_id, section_id, price) VALUES (${event.id}, ${reserved.id}, ${prices.reserved}), (${event.id}, ${ga.id}, ${prices.ga})`;
  await createTickets(sql, [event.id]);
  const tickets = await sql<{ id: string; sectionId: number; rowLabel: string | null }[]>`
    SELECT t.id, t.section_id AS "sectionId", s.row_label AS "rowLabel"
    FROM tickets t LEFT JOIN seats s ON s.id = t.seat_id WHERE t.event_id = ${event.id} ORDER BY t.id`;
  const ticketId = (row: { id: string }) => toGlobalId('Ticket', Number(row.id));
  return {
    eventId: event.id,
    id: toGlobalId('Event', event.id),
    reservedSectionId: reserved.id,
    gaSectionId: ga.id,
    seats: rowLabels.map((label) => tickets.filter((t) => t.rowLabel === label).map(ticketId)),
    units: tickets.filter((t) => t.sectionId === ga.id).map(ticketId),
    prices,
  };
}

export interface Buyer {
  userId: number;
  token: string;
}

/** Who an authorization test asks as: the organizer whose objects they are, another organizer, an admin and a fan. */
export interface Cast {
  organizer: Buyer;
  otherOrganizer: Buyer;
  admin: Buyer;
  fan: Buyer;
}

export async function createCast(sql: postgres.Sql): Promise<Cast> {
  const [organizer, otherOrganizer] = (await createBuyers(sql, 2, 'ORGANIZER')) as [Buyer, Buyer];
  const [admin] = (await createBuyers(sql, 1, 'ADMIN')) as [Buyer];
  const [fan] = (await createBuyers(sql, 1)) as [Buyer];
  return { organizer, otherOrganizer, admin, fan };
}

/** `count` users with live sessions and their tokens (signed with the test servers' key). */
export async function createBuyers(sql: postgres.Sql, count: number, role: 'FAN' | 'ORGANIZER' | 'ADMIN' = 'FAN'): Promise<Buyer[]> {
  const tag = Math.random().toString(36).slice(2, 8);
  const users = await sql<{ id: number }[]>`
    INSERT INTO users (email, name, role, password_hash)
    SELECT ${tag} || '-' || n || '@buyers.test', 'Buyer ' || n, ${role}, 'not-a-hash: these users never log in'
    FROM generate_series(1, ${count}) n
    RETURNING id`;
  const issuedAt = new Date('2029-01-01T00:00:00Z');
  const expiresAt = new Date('2031-01-01T00:00:00Z');
  const sessions = await sql<{ id: string; userId: number }[]>`
    INSERT INTO sessions (user_id, created_at, expires_at)
    SELECT unnest(${users.map((u) => u.id)}::integer[]), ${issuedAt}, ${expiresAt}
    RETURNING id, user_id AS "userId"`;
  const secret = new TextEncoder().encode(TEST_TOKEN_SECRET);
  return Promise.all(sessions.map(async ({ id, userId }) => ({ userId, token: await signToken(secret, { userId, sessionId: id }, issuedAt, expiresAt) })));
}
