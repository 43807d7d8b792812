/** Listing events: filters and keyset pages in (starts_at, id) order. */
import { and, asc, eq, getTableColumns, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { eventPerformers, events, performers, venues } from '../db/schema.js';
import { badUserInput } from '../errors.js';
import { decodeCursor, encodeCursor, toConnection, type Connection } from '../relay/connection.js';
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
  const [startsAt, id] = decodeCursor(cursor, ['timestamp', 'integer'] as const);
  return { startsAt, id };
}

/** The conditions of `filter` and of the page after `after`; undefined when no status asked for may be listed. */
function eventConditions(db: Db, filter: EventListFilter, after?: string | null): (SQL | undefined)[] | undefined {
  if (filter.startsAfter && filter.startsBefore && filter.startsAfter >= filter.startsBefore) {
    throw badUserInput('filter.startsAfter must be earlier than filter.startsBefore.', 'filter');
  }
  const statuses = (filter.statuses ?? PUBLIC_STATUSES).filter((status) => PUBLIC_STATUSES.includes(status));
  if (statuses.length === 0) return undefined;

  const conditions: (SQL | undefined)[] = [
    inArray(events.status, statuses),
    filter.startsAfter ? gte(events.startsAt, filter.startsAfter) : undefined,
    filter.startsBefore ? lt(events.startsAt, filter.startsBefore) : undefined,
    filter.category ? eq(events.category, filter.category) : undefined,
    filter.venueId ? eq(events.venueId, filter.venueId) : undefined,
    filter.city
      ? inArray(
          events.venueId,
          db
            .select({ id: venues.id })
            .from(venues)
            .where(sql`lower(${venues.city}) = lower(${filter.city.trim()})`),
        )
      : undefined,
    filter.country
      ? inArray(events.venueId, db.select({ id: venues.id }).from(venues).where(eq(venues.country, filter.country.trim().toUpperCase())))
      : undefined,
    filter.performerId
      ? inArray(events.id, db.select({ id: eventPerformers.eventId }).from(eventPerformers).where(eq(eventPerformers.performerId, filter.performerId)))
      : undefined,
  ];
  if (after) {
    const position = decodeEventCursor(after);
    conditions.push(sql`(${events.startsAt}, ${events.id}) > (${position.startsAt}::timestamptz, ${position.id})`);
  }
  return conditions;
}

/** One page of events matching `filter`, soonest first. `size` must already be validated. */
export async function listEvents(db: Db, filter: EventListFilter, size: number, after?: string | null): Promise<Connection<EventRow>> {
  const conditions = eventConditions(db, filter, after);
  if (!conditions) return toConnection([], size, eventCursor);
  const rows = await db
    .select()
    .from(events)
    .where(and(...conditions))
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(size + 1);
  return toConnection(rows, size, eventCursor);
}

/**
 * A page of events for each of many venues or performers, in one statement
 * (a LATERAL join: each parent's page is read as listEvents would read it
 * alone, with its LIMIT). `filter` applies to every parent, on top of its
 * venue or performer. Pages come in the order of `parentIds`.
 */
export async function listEventsOfEach(
  db: Db,
  parent: 'venue' | 'performer',
  parentIds: readonly number[],
  filter: Omit<EventListFilter, 'venueId' | 'performerId'>,
  size: number,
  after?: string | null,
): Promise<Connection<EventRow>[]> {
  const conditions = eventConditions(db, filter, after);
  if (!conditions) return parentIds.map(() => toConnection([], size, eventCursor));
  const parents = parent === 'venue' ? venues : performers;
  const ofParent =
    parent === 'venue'
      ? eq(events.venueId, venues.id)
      : inArray(events.id, db.select({ id: eventPerformers.eventId }).from(eventPerformers).where(eq(eventPerformers.performerId, performers.id)));
  const page = db
    .select()
    .from(events)
    .where(and(ofParent, ...conditions))
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(size + 1)
    .as('page');
  // Every column of the page, as a nested object (drizzle takes a bare subquery in a selection for a scalar one).
  const event = Object.fromEntries(
    Object.keys(getTableColumns(events)).map((name) => [name, page[name as keyof typeof page]]),
  ) as unknown as typeof page._.selectedFields;
  const rows = await db
    .select({ parentId: parents.id, event })
    .from(parents)
    .innerJoinLateral(page, sql`true`)
    .where(inArray(parents.id, [...parentIds]))
    .orderBy(asc(parents.id), asc(page.startsAt), asc(page.id));
  const byParent = new Map<number, EventRow[]>();
  for (const row of rows) {
    const list = byParent.get(row.parentId);
    if (list) list.push(row.event);
    else byParent.set(row.parentId, [row.event]);
  }
  return parentIds.map((id) => toConnection(byParent.get(id) ?? [], size, eventCursor));
}
