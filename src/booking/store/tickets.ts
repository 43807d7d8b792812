/**
 * Reading tickets as the API shows them: place, status as of now, price.
 * These are reads of every event page, ticket page, reservation and
 * purchase, and keep drizzle as they are sent today (see ARCHITECTURE.md,
 * "Where SQL lives"): they take the drizzle `Db`.
 */
import { asc, eq, inArray, type Placeholder, type SQL, sql } from 'drizzle-orm';

import type { Db } from '../../db/client.js';
import { isAnyOfIds, preparedPerDb } from '../../db/prepared.js';
import { holdTickets, seats, tickets } from '../../db/schema.js';
import type { TicketStatus, TicketView } from '../types.js';

/** A ticket's status at `now` (ticket_status_at, migration 0009): a hold past its end frees its tickets at once. (`now` as a placeholder: an ISO string.) */
function ticketStatusAt(now: Date | Placeholder): SQL<TicketStatus> {
  const at = now instanceof Date ? now.toISOString() : now;
  return sql<TicketStatus>`ticket_status_at(${tickets.status}, ${tickets.heldUntil}, ${at}::timestamptz)`;
}

function ticketColumns(now: Date | Placeholder) {
  return {
    id: tickets.id,
    eventId: tickets.eventId,
    sectionId: tickets.sectionId,
    row: seats.rowLabel,
    number: sql<number>`coalesce(${seats.number}, ${tickets.gaNumber})`,
    x: seats.x,
    y: seats.y,
    status: ticketStatusAt(now),
    price: tickets.price,
  };
}

/** Which tickets a page of each parent holds: the page's own filter and position, the same for every parent. */
export interface TicketPagesWhere {
  /** Each parent's event, and with `bySection` its section (0 when not). */
  eventIds: number[];
  sectionIds: number[];
  bySection: boolean;
  status: TicketStatus | null | undefined;
  afterId: number | null;
  limit: number;
}

/**
 * Up to `limit` tickets of each parent in id order, as of `now`, in one
 * statement: a LATERAL join reads each parent's page as a query of its own
 * would (its own LIMIT). Rows come in the order of the parents, each with its
 * parent's position (1-based) in `parent`; ids are bigints, read as text.
 */
export function ticketPages(db: Db, now: Date, where: TicketPagesWhere): Promise<Record<string, unknown>[]> {
  const { eventIds, sectionIds, bySection, afterId } = where;
  const status = ticketStatusAt(now);
  return db.execute<Record<string, unknown>>(sql`
    SELECT p.parent, page.*
    FROM unnest(${sql.param(eventIds)}::int[], ${sql.param(sectionIds)}::int[]) WITH ORDINALITY AS p(event_id, section_id, parent)
    CROSS JOIN LATERAL (
      SELECT ${tickets.id} AS "id", ${tickets.eventId} AS "eventId", ${tickets.sectionId} AS "sectionId", ${seats.rowLabel} AS "row",
        coalesce(${seats.number}, ${tickets.gaNumber}) AS "number", ${seats.x} AS "x", ${seats.y} AS "y", ${status} AS "status", ${tickets.price} AS "price"
      FROM ${tickets} LEFT JOIN ${seats} ON ${seats.id} = ${tickets.seatId}
      WHERE ${tickets.eventId} = p.event_id
        ${bySection ? sql`AND ${tickets.sectionId} = p.section_id` : sql``}
        ${where.status ? sql`AND ${status} = ${where.status}` : sql``}
        ${afterId !== null ? sql`AND ${tickets.id} > ${afterId}` : sql``}
      ORDER BY ${tickets.id}
      LIMIT ${where.limit}
    ) page
    ORDER BY p.parent, page."id"`);
}

export async function ticketsById(db: Db, now: Date, ids: readonly number[]): Promise<TicketView[]> {
  return db
    .select(ticketColumns(now))
    .from(tickets)
    .leftJoin(seats, eq(seats.id, tickets.seatId))
    .where(inArray(tickets.id, [...ids]));
}

// Every reservation and purchase answers with its tickets.
const ticketsOfHoldsQuery = preparedPerDb((db) =>
  db
    .select({ ...ticketColumns(sql.placeholder('now')), price: holdTickets.price, holdId: holdTickets.holdId })
    .from(holdTickets)
    .innerJoin(tickets, eq(tickets.id, holdTickets.ticketId))
    .leftJoin(seats, eq(seats.id, tickets.seatId))
    .where(isAnyOfIds(holdTickets.holdId))
    .orderBy(asc(holdTickets.ticketId))
    .prepare('tickets_of_holds'),
);

/** The tickets of holds, each at the price its hold fixed. */
export async function ticketsOfHolds(db: Db, now: Date, holdIds: readonly number[]): Promise<(TicketView & { holdId: number })[]> {
  return ticketsOfHoldsQuery(db).execute({ now: now.toISOString(), ids: holdIds });
}
