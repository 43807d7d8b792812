/** Reading tickets as the API shows them: place, status as of now, price. */
import { and, asc, eq, gt, inArray, sql, type Placeholder, type SQL } from 'drizzle-orm';
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

export interface TicketListFilter {
  sectionId?: number | null;
  status?: TicketStatus | null;
}

/** One page of an event's tickets in id order (section, then row and seat, as they were created). */
export async function listTickets(
  db: Db,
  now: Date,
  eventId: number,
  filter: TicketListFilter,
  size: number,
  after?: string | null,
): Promise<Connection<TicketView>> {
  const conditions = [
    eq(tickets.eventId, eventId),
    filter.sectionId ? eq(tickets.sectionId, filter.sectionId) : undefined,
    filter.status ? eq(ticketStatusAt(now), filter.status) : undefined,
    after ? gt(tickets.id, decodeCursor(after, ['number'] as const)[0]) : undefined,
  ];
  const rows = await db
    .select(ticketColumns(now))
    .from(tickets)
    .leftJoin(seats, eq(seats.id, tickets.seatId))
    .where(and(...conditions))
    .orderBy(asc(tickets.id))
    .limit(size + 1);
  return toConnection(rows, size, (ticket) => encodeCursor([ticket.id]));
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
