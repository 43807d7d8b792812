/** Reading tickets as the API shows them: place, status as of now, price. */
import { asc, eq, inArray, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { isAnyOfIds, preparedPerDb } from '../db/prepared.js';
import { holdTickets, seats, tickets } from '../db/schema.js';
import { decodeCursor, encodeCursor, toConnection, type Connection } from '../relay/connection.js';
import type { TicketStatus, TicketView } from './types.js';

/** A hold past its end frees its tickets at once, before any sweeper runs. (`now` as a placeholder: an ISO string.) */
export function ticketStatusAt(now: Date | Placeholder): SQL<TicketStatus> {
  const at = now instanceof Date ? now.toISOString() : now;
  return sql<TicketStatus>`(CASE WHEN ${tickets.status} = 'HELD' AND ${tickets.heldUntil} <= ${at}::timestamptz THEN 'AVAILABLE' ELSE ${tickets.status} END)`;
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

/** Whose tickets a page is: an event's, or with `sectionId` one section's of it (the same for all parents of one call). */
export interface TicketPageParent {
  eventId: number;
  sectionId?: number | null;
}

/**
 * A page of tickets for each parent, in id order (section, then row and seat,
 * as they were created), in one statement: a LATERAL join reads each
 * parent's page as a query of its own would (its own LIMIT), however many
 * parents there are. Pages come in the order of `parents`. `status` and
 * `after` apply to every parent; a parent's `sectionId` narrows its page.
 */
export async function listTicketPages(
  db: Db,
  now: Date,
  parents: readonly TicketPageParent[],
  filter: { status?: TicketStatus | null },
  size: number,
  after?: string | null,
): Promise<Connection<TicketView>[]> {
  const afterId = after ? decodeCursor(after, ['bigint'] as const)[0] : null;
  const eventIds = parents.map((parent) => parent.eventId);
  const bySection = parents.some((parent) => parent.sectionId != null);
  if (bySection && parents.some((parent) => parent.sectionId == null)) throw new Error('listTicketPages: either every parent has a sectionId or none has');
  const sectionIds = parents.map((parent) => parent.sectionId ?? 0);
  const status = ticketStatusAt(now);
  const rows = await db.execute<Record<string, unknown>>(sql`
    SELECT p.parent, page.*
    FROM unnest(${sql.param(eventIds)}::int[], ${sql.param(sectionIds)}::int[]) WITH ORDINALITY AS p(event_id, section_id, parent)
    CROSS JOIN LATERAL (
      SELECT ${tickets.id} AS "id", ${tickets.eventId} AS "eventId", ${tickets.sectionId} AS "sectionId", ${seats.rowLabel} AS "row",
        coalesce(${seats.number}, ${tickets.gaNumber}) AS "number", ${seats.x} AS "x", ${seats.y} AS "y", ${status} AS "status", ${tickets.price} AS "price"
      FROM ${tickets} LEFT JOIN ${seats} ON ${seats.id} = ${tickets.seatId}
      WHERE ${tickets.eventId} = p.event_id
        ${bySection ? sql`AND ${tickets.sectionId} = p.section_id` : sql``}
        ${filter.status ? sql`AND ${status} = ${filter.status}` : sql``}
        ${afterId !== null ? sql`AND ${tickets.id} > ${afterId}` : sql``}
      ORDER BY ${tickets.id}
      LIMIT ${size + 1}
    ) page
    ORDER BY p.parent, page."id"`);
  const pages = parents.map((): TicketView[] => []);
  for (const { parent, id, ...ticket } of rows) pages[Number(parent) - 1]!.push({ ...ticket, id: Number(id) } as TicketView); // bigints come as strings
  return pages.map((page) => toConnection(page, size, (ticket) => encodeCursor([ticket.id])));
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
