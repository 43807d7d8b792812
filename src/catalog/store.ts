/**
 * The catalog's SQL: events, venues with their sections and seats,
 * performers, prices, and the tickets an event is created with. Each function
 * runs its statement on the pool (or transaction) it is given; the modules
 * beside it decide what to ask and when.
 *
 * The event page's reads keep drizzle, as they are sent today (see
 * ARCHITECTURE.md, "Where SQL lives"): the prepared statements every event
 * page and seat map asks (events, venues, prices by id) and the ones drizzle
 * builds per call (sections by id, performers of events, taken tickets);
 * they take the drizzle `Db`. Everything else is postgres.js.
 */
import { and, asc, eq, inArray, sql as drizzleSql } from 'drizzle-orm';
import type { PendingQuery, Row } from 'postgres';

import type { Db, Queryable, Sql } from '../db/client.js';
import { insertRows, type Row as NewRow } from '../db/insert.js';
import { isAnyOfIds, preparedPerDb } from '../db/prepared.js';
import { eventPerformers, events, eventSections, performers, sections, tickets, venues } from '../db/schema.js';
import type { EventRow, EventStatus, PerformerRow, SectionRow, VenueRow } from './types.js';

type Fragment = PendingQuery<Row[]>;

export type PriceRow = typeof eventSections.$inferSelect & { section: SectionRow };

// ---- The event page and seat map: drizzle, as sent today ----

// Every event page and seat map asks for these.
const eventsByIdQuery = preparedPerDb((db) => db.select().from(events).where(isAnyOfIds(events.id)).prepare('events_by_id'));
const venuesByIdQuery = preparedPerDb((db) => db.select().from(venues).where(isAnyOfIds(venues.id)).prepare('venues_by_id'));
const pricesOfEventsQuery = preparedPerDb((db) =>
  db
    .select({ price: eventSections, section: sections })
    .from(eventSections)
    .innerJoin(sections, eq(sections.id, eventSections.sectionId))
    .where(isAnyOfIds(eventSections.eventId))
    .orderBy(asc(eventSections.sectionId))
    .prepare('prices_of_events'),
);

export function eventsById(db: Db, ids: readonly number[]): Promise<EventRow[]> {
  return eventsByIdQuery(db).execute({ ids });
}

export function venuesById(db: Db, ids: readonly number[]): Promise<VenueRow[]> {
  return venuesByIdQuery(db).execute({ ids });
}

/** Each priced section of the events with its section row, in section order. */
export function pricesOfEvents(db: Db, eventIds: readonly number[]): Promise<{ price: typeof eventSections.$inferSelect; section: SectionRow }[]> {
  return pricesOfEventsQuery(db).execute({ ids: eventIds });
}

export function sectionsById(db: Db, ids: readonly number[]): Promise<SectionRow[]> {
  return db
    .select()
    .from(sections)
    .where(inArray(sections.id, [...ids]));
}

/** The performers of each event with the event's id, headliner first. */
export function performersOfEvents(db: Db, eventIds: readonly number[]): Promise<{ eventId: number; performer: PerformerRow }[]> {
  return db
    .select({ eventId: eventPerformers.eventId, performer: performers })
    .from(eventPerformers)
    .innerJoin(performers, eq(performers.id, eventPerformers.performerId))
    .where(inArray(eventPerformers.eventId, [...eventIds]))
    .orderBy(asc(eventPerformers.billing), asc(performers.id));
}

/**
 * Per event and section, the tickets that are sold or under a live hold at
 * `now` (ticket_taken_at, migration 0009). Counting the taken ones, not the
 * free ones, keeps this an index range over a few rows for most events rather
 * than a scan of every seat.
 */
export function takenTickets(db: Db, eventIds: readonly number[], now: Date): Promise<{ eventId: number; sectionId: number; taken: number }[]> {
  return db
    .select({ eventId: tickets.eventId, sectionId: tickets.sectionId, taken: drizzleSql<number>`count(*)::int` })
    .from(tickets)
    .where(
      and(inArray(tickets.eventId, [...eventIds]), drizzleSql`ticket_taken_at(${tickets.status}, ${tickets.heldUntil}, ${now.toISOString()}::timestamptz)`),
    )
    .groupBy(tickets.eventId, tickets.sectionId);
}

// ---- Everything else: postgres.js ----

/** The columns of an EventRow of `events e`, named as its fields (the organizer's statements return events too). */
export const eventColumns = (sql: Queryable) =>
  sql`e.id, e.title, e.description, e.category, e.status, e.starts_at AS "startsAt", e.ends_at AS "endsAt", e.on_sale_at AS "onSaleAt",
      e.venue_id AS "venueId", e.organizer_id AS "organizerId", e.currency, e.hold_ttl_seconds AS "holdTtlSeconds",
      e.ticket_limit AS "ticketLimit", e.created_at AS "createdAt", e.updated_at AS "updatedAt"`;

/** Which events a list holds: every condition given, after the keyset position `after` in (starts_at, id) order. */
export interface EventsWhere {
  statuses: readonly EventStatus[];
  startsAfter?: Date | null;
  startsBefore?: Date | null;
  /** Compared without case. */
  city?: string | null;
  country?: string | null;
  category?: EventRow['category'] | null;
  venueId?: number | null;
  performerId?: number | null;
  /** The events of this organizer (events_organizer_idx). */
  organizerId?: number | null;
  after?: { startsAt: string; id: number } | null;
}

function eventConditions(sql: Sql, where: EventsWhere): Fragment {
  const conditions: (Fragment | false | 0 | null | undefined)[] = [
    sql`e.status = ANY(${where.statuses as string[]}::event_status[])`,
    where.startsAfter && sql`e.starts_at >= ${where.startsAfter}`,
    where.startsBefore && sql`e.starts_at < ${where.startsBefore}`,
    where.category && sql`e.category = ${where.category}`,
    where.venueId && sql`e.venue_id = ${where.venueId}`,
    where.organizerId && sql`e.organizer_id = ${where.organizerId}`,
    where.city != null && sql`e.venue_id IN (SELECT id FROM venues WHERE lower(city) = lower(${where.city}))`,
    where.country != null && sql`e.venue_id IN (SELECT id FROM venues WHERE country = ${where.country})`,
    where.performerId && sql`e.id IN (SELECT event_id FROM event_performers WHERE performer_id = ${where.performerId})`,
    where.after && sql`(e.starts_at, e.id) > (${where.after.startsAt}::timestamptz, ${where.after.id})`,
  ];
  return conditions.filter((condition): condition is Fragment => !!condition).reduce((all, condition) => sql`${all} AND ${condition}`);
}

/** Up to `limit` events, soonest first. */
export function eventsWhere(sql: Sql, where: EventsWhere, limit: number): Promise<EventRow[]> {
  return sql<EventRow[]>`
    SELECT ${eventColumns(sql)} FROM events e WHERE ${eventConditions(sql, where)} ORDER BY e.starts_at, e.id LIMIT ${limit}`;
}

/**
 * Up to `limit` events of each venue or performer, soonest first, in one
 * statement: a LATERAL join reads each parent's as eventsWhere would alone.
 */
export async function eventsOfEachWhere(
  sql: Sql,
  parent: 'venue' | 'performer',
  parentIds: readonly number[],
  where: EventsWhere,
  limit: number,
): Promise<{ parentId: number; event: EventRow }[]> {
  const [parents, ofParent] =
    parent === 'venue'
      ? [sql`venues`, sql`e.venue_id = p.id`]
      : [sql`performers`, sql`e.id IN (SELECT event_id FROM event_performers WHERE performer_id = p.id)`];
  const rows = await sql<(EventRow & { parentId: number })[]>`
    SELECT p.id AS "parentId", page.*
    FROM ${parents} p CROSS JOIN LATERAL (
      SELECT ${eventColumns(sql)} FROM events e WHERE ${ofParent} AND ${eventConditions(sql, where)} ORDER BY e.starts_at, e.id LIMIT ${limit}
    ) page
    WHERE p.id = ANY(${parentIds as number[]}::integer[])
    ORDER BY p.id, page."startsAt", page.id`;
  return rows.map(({ parentId, ...event }) => ({ parentId, event }));
}

/** The event with this id, if any. */
export async function eventById(sql: Queryable, id: number): Promise<EventRow | undefined> {
  const [event] = await sql<[EventRow?]>`SELECT ${eventColumns(sql)} FROM events e WHERE e.id = ${id}`;
  return event;
}

export function performersById(sql: Queryable, ids: readonly number[]): Promise<PerformerRow[]> {
  return sql<PerformerRow[]>`
    SELECT id, name, kind, genre, organizer_id AS "organizerId", created_at AS "createdAt" FROM performers WHERE id = ANY(${ids as number[]}::integer[])`;
}

/** The sections of each venue, in section order. */
export function sectionsOfVenues(sql: Queryable, venueIds: readonly number[]): Promise<SectionRow[]> {
  return sql<SectionRow[]>`
    SELECT id, venue_id AS "venueId", name, kind, capacity FROM sections WHERE venue_id = ANY(${venueIds as number[]}::integer[]) ORDER BY id`;
}

/** Multi-row inserts of venues and of sections (see db/insert.ts): their new ids, in the order of `rows`. */
export const insertVenues = (sql: Queryable, rows: NewRow[]) => insertRows(sql, 'venues', rows);
export const insertSections = (sql: Queryable, rows: NewRow[]) => insertRows(sql, 'sections', rows);

/** Inserts seats, given as one array per column: five arrays parse far faster than a parameter per value. */
export async function insertSeats(
  sql: Queryable,
  seats: { sectionIds: number[]; rowLabels: string[]; numbers: number[]; xs: number[]; ys: number[] },
): Promise<void> {
  await sql`
    INSERT INTO seats (section_id, row_label, number, x, y)
    SELECT * FROM unnest(
      ${seats.sectionIds}::integer[], ${seats.rowLabels}::text[],
      ${seats.numbers}::integer[], ${seats.xs}::real[], ${seats.ys}::real[])`;
}

/**
 * Creates the inventory of events from their priced sections: one ticket per
 * seat of each reserved section and `capacity` numbered units (1..capacity)
 * of each general-admission section, at the section's price. Works on a pool
 * or inside the caller's transaction. Returns the number of tickets created.
 *
 * A section that already has tickets for the event is skipped, so running it
 * again adds nothing and a section priced later gets its tickets. (Checking
 * per section rather than ON CONFLICT per row makes bulk creation ~15%
 * faster; two transactions racing on one event still cannot duplicate a
 * ticket: the unique keys fail the second.)
 *
 * Rows go in ordered by event, section and seat, so ticket ids are
 * reproducible and every index on tickets is appended to at its right edge.
 */
export async function createTickets(sql: Queryable, eventIds: readonly number[]): Promise<number> {
  if (eventIds.length === 0) return 0;
  const result = await sql`
    INSERT INTO tickets (event_id, section_id, seat_id, ga_number, price)
    SELECT es.event_id, es.section_id, unit.seat_id, unit.ga_number, es.price
    FROM event_sections es
    JOIN sections s ON s.id = es.section_id
    CROSS JOIN LATERAL (
      SELECT seat.id AS seat_id, NULL::integer AS ga_number, seat.id AS position
      FROM seats seat
      WHERE s.kind = 'RESERVED' AND seat.section_id = s.id
      UNION ALL
      SELECT NULL, n, n FROM generate_series(1, s.capacity) n WHERE s.kind = 'GENERAL_ADMISSION'
    ) unit
    WHERE es.event_id = ANY(${eventIds as number[]}::integer[])
      AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.event_id = es.event_id AND t.section_id = es.section_id)
    ORDER BY es.event_id, es.section_id, unit.position`;
  return result.count;
}
