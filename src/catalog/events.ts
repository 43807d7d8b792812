/** Listing events: filters and keyset pages in (starts_at, id) order. */
import { and, asc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { eventPerformers, events, venues } from '../db/schema.js';
import { badUserInput } from '../errors.js';
import { decodeCursor, encodeCursor, notACursor, toConnection, type Connection } from '../relay/connection.js';
import type { EventRow, EventStatus } from './types.js';
import { PUBLIC_STATUSES } from './visibility.js';

export interface EventListFilter {
  startsAfter?: Date | null;
  startsBefore?: Date | null;
  city?: string | null;
  country?: string | null;
  category?: EventRow['category'] | null;
  venueId?: number | null;
  performerId?: number | null;
  /** Default: every public status. Drafts are never listed, even when asked for. */
  statuses?: readonly EventStatus[] | null;
}

export function eventCursor(event: EventRow): string {
  return encodeCursor([event.startsAt.toISOString(), event.id]);
}

function decodeEventCursor(cursor: string): { startsAt: string; id: number } {
  const [startsAt, id] = decodeCursor(cursor, ['string', 'number'] as const);
  const valid = !Number.isNaN(Date.parse(startsAt)) && new Date(startsAt).toISOString() === startsAt; // exactly what eventCursor wrote
  if (!valid) throw notACursor(cursor);
  return { startsAt, id };
}

/** One page of events matching `filter`, soonest first. `size` must already be validated. */
export async function listEvents(db: Db, filter: EventListFilter, size: number, after?: string | null): Promise<Connection<EventRow>> {
  if (filter.startsAfter && filter.startsBefore && filter.startsAfter >= filter.startsBefore) {
    throw badUserInput('filter.startsAfter must be earlier than filter.startsBefore.', 'filter');
  }
  const statuses = (filter.statuses ?? PUBLIC_STATUSES).filter((status) => PUBLIC_STATUSES.includes(status));
  if (statuses.length === 0) return toConnection([], size, eventCursor);

  const conditions: (SQL | undefined)[] = [
    inArray(events.status, statuses),
    filter.startsAfter ? gte(events.startsAt, filter.startsAfter) : undefined,
    filter.startsBefore ? lt(events.startsAt, filter.startsBefore) : undefined,
    filter.category ? eq(events.category, filter.category) : undefined,
    filter.venueId ? eq(events.venueId, filter.venueId) : undefined,
    filter.city ? inArray(events.venueId, db.select({ id: venues.id }).from(venues).where(sql`lower(${venues.city}) = lower(${filter.city.trim()})`)) : undefined,
    filter.country ? inArray(events.venueId, db.select({ id: venues.id }).from(venues).where(eq(venues.country, filter.country.trim().toUpperCase()))) : undefined,
    filter.performerId
      ? inArray(events.id, db.select({ id: eventPerformers.eventId }).from(eventPerformers).where(eq(eventPerformers.performerId, filter.performerId)))
      : undefined,
  ];
  if (after) {
    const position = decodeEventCursor(after);
    conditions.push(sql`(${events.startsAt}, ${events.id}) > (${position.startsAt}::timestamptz, ${position.id})`);
  }
  const rows = await db
    .select()
    .from(events)
    .where(and(...conditions))
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(size + 1);
  return toConnection(rows, size, eventCursor);
}
