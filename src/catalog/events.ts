/** Listing events: filters and keyset pages in (starts_at, id) order. */
import type { Sql } from '../db/client.js';
import { badUserInput } from '../errors.js';
import { type Connection, decodeCursor, encodeCursor, toConnection } from '../relay/connection.js';
import { eventsOfEachWhere, type EventsWhere, eventsWhere } from './store.js';
import type { EventRow, EventStatus } from './types.js';
import { EVERY_STATUS, PUBLIC_STATUSES } from './visibility.js';

/** What a list is narrowed by: the store's conditions, but for the organizer (listOrganizedEvents) and the page's position, which the cursor gives. */
export interface EventListFilter extends Omit<EventsWhere, 'statuses' | 'organizerId' | 'after'> {
  /** Default: every public status. Drafts are never listed, even when asked for, but to the people who run them (listOrganizedEvents). */
  statuses?: readonly EventStatus[] | null;
}

/** What an organizer's own list is narrowed by. */
export type OrganizedEventFilter = Pick<EventListFilter, 'statuses' | 'startsAfter' | 'startsBefore'>;

export function eventCursor(event: EventRow): string {
  return encodeCursor([event.startsAt.toISOString(), event.id]);
}

function decodeEventCursor(cursor: string): { startsAt: string; id: number } {
  const [startsAt, id] = decodeCursor(cursor, ['timestamp', 'integer'] as const);
  return { startsAt, id };
}

/**
 * The events `filter` and the page after `after` stand for, of the statuses
 * the list may hold (`listed`); undefined when no status asked for may be listed.
 */
function eventsWhereOf(filter: EventListFilter, after?: string | null, listed: readonly EventStatus[] = PUBLIC_STATUSES): EventsWhere | undefined {
  if (filter.startsAfter && filter.startsBefore && filter.startsAfter >= filter.startsBefore) {
    throw badUserInput('filter.startsAfter must be earlier than filter.startsBefore.', 'filter');
  }
  const statuses = (filter.statuses ?? listed).filter((status) => listed.includes(status));
  if (statuses.length === 0) return undefined;
  return {
    statuses,
    startsAfter: filter.startsAfter,
    startsBefore: filter.startsBefore,
    category: filter.category,
    venueId: filter.venueId,
    city: filter.city ? filter.city.trim() : null,
    country: filter.country ? filter.country.trim().toUpperCase() : null,
    performerId: filter.performerId,
    after: after ? decodeEventCursor(after) : null,
  };
}

/** The page of `size` events `where` stands for (none when undefined). */
async function pageOf(sql: Sql, where: EventsWhere | undefined, size: number): Promise<Connection<EventRow>> {
  return toConnection(where ? await eventsWhere(sql, where, size + 1) : [], size, eventCursor);
}

/** One page of events matching `filter`, soonest first. `size` must already be validated. */
export function listEvents(sql: Sql, filter: EventListFilter, size: number, after?: string | null): Promise<Connection<EventRow>> {
  return pageOf(sql, eventsWhereOf(filter, after), size);
}

/**
 * One page of the events an organizer runs, drafts included, soonest first
 * (events_organizer_idx): for the organizer and admins, whom the caller has
 * let through. `size` must already be validated.
 */
export function listOrganizedEvents(
  sql: Sql,
  organizerId: number,
  filter: OrganizedEventFilter,
  size: number,
  after?: string | null,
): Promise<Connection<EventRow>> {
  const where = eventsWhereOf(filter, after, EVERY_STATUS);
  return pageOf(sql, where && { ...where, organizerId }, size);
}

/**
 * A page of events for each of many venues or performers, in one statement
 * (a LATERAL join: each parent's page is read as listEvents would read it
 * alone, with its LIMIT). `filter` applies to every parent, on top of its
 * venue or performer. Pages come in the order of `parentIds`.
 */
export async function listEventsOfEach(
  sql: Sql,
  parent: 'venue' | 'performer',
  parentIds: readonly number[],
  filter: Omit<EventListFilter, 'venueId' | 'performerId'>,
  size: number,
  after?: string | null,
): Promise<Connection<EventRow>[]> {
  const where = eventsWhereOf(filter, after);
  if (!where) return parentIds.map(() => toConnection([], size, eventCursor));
  const byParent = new Map<number, EventRow[]>();
  for (const { parentId, event } of await eventsOfEachWhere(sql, parent, parentIds, where, size + 1)) {
    const list = byParent.get(parentId);
    if (list) list.push(event);
    else byParent.set(parentId, [event]);
  }
  return parentIds.map((id) => toConnection(byParent.get(id) ?? [], size, eventCursor));
}
