/**
 * Per-request batching: every relation of the catalog is loaded with one
 * statement per kind, however many parents a page has; paged relations too
 * (a venue's upcoming events), one statement per kind and page arguments.
 */
import DataLoader from 'dataloader';

import { byKey, groupByKey, pageLoader } from '../batch.js';
import type { Clock } from '../clock.js';
import type { Db, Sql } from '../db/client.js';
import type { Connection } from '../relay/connection.js';
import { listEventsOfEach } from './events.js';
import {
  eventsById,
  performersById,
  performersOfEvents,
  type PriceRow,
  pricesOfEvents,
  sectionsById,
  sectionsOfVenues,
  takenTickets,
  venuesById,
} from './store.js';
import type { EventRow, PerformerRow, SectionRow, VenueRow } from './types.js';
import { UPCOMING_STATUSES } from './visibility.js';

export type CatalogLoaders = ReturnType<typeof createCatalogLoaders>;

/** A page of a paged relation: whose, and the page's arguments (`size` already validated). */
interface PageKey {
  parentId: number;
  size: number;
  after: string | null;
}

export function createCatalogLoaders(db: Db, sql: Sql, clock: Clock) {
  const upcomingEventsOf = (parent: 'venue' | 'performer') =>
    pageLoader<PageKey, Connection<EventRow>>(
      ({ size, after }) => JSON.stringify([size, after]),
      (keys) =>
        listEventsOfEach(
          sql,
          parent,
          keys.map((key) => key.parentId),
          { startsAfter: clock(), statuses: UPCOMING_STATUSES },
          keys[0]!.size,
          keys[0]!.after,
        ),
    );
  const sectionById = new DataLoader<number, SectionRow | undefined>(async (ids) => byKey(ids, await sectionsById(db, ids), (s) => s.id));
  return {
    eventById: new DataLoader<number, EventRow | undefined>(async (ids) => byKey(ids, await eventsById(db, ids), (e) => e.id)),
    venueById: new DataLoader<number, VenueRow | undefined>(async (ids) => byKey(ids, await venuesById(db, ids), (v) => v.id)),
    performerById: new DataLoader<number, PerformerRow | undefined>(async (ids) => byKey(ids, await performersById(sql, ids), (p) => p.id)),
    sectionById,
    sectionsByVenueId: new DataLoader<number, SectionRow[]>(async (venueIds) => {
      const rows = await sectionsOfVenues(sql, venueIds);
      rows.forEach((row) => sectionById.prime(row.id, row));
      return groupByKey(venueIds, rows, (s) => s.venueId);
    }),
    /** Headliner first. */
    performersByEventId: new DataLoader<number, PerformerRow[]>(async (eventIds) => {
      const rows = await performersOfEvents(db, eventIds);
      return groupByKey(eventIds, rows, (r) => r.eventId).map((group) => group.map((r) => r.performer));
    }),
    /** Each priced section of an event with its section row, in section order. */
    pricesByEventId: new DataLoader<number, PriceRow[]>(async (eventIds) => {
      const rows = await pricesOfEvents(db, eventIds);
      rows.forEach((row) => sectionById.prime(row.section.id, row.section));
      return groupByKey(eventIds, rows, (r) => r.price.eventId).map((group) => group.map((r) => ({ ...r.price, section: r.section })));
    }),
    /** Tickets of each section of an event that are sold or under a live hold (store.ts, takenTickets). */
    takenByEventId: new DataLoader<number, Map<number, number>>(async (eventIds) => {
      const rows = await takenTickets(db, eventIds, clock());
      return groupByKey(eventIds, rows, (r) => r.eventId).map((group) => new Map(group.map((r) => [r.sectionId, r.taken])));
    }),
    /** Upcoming events (on sale or sold out, not started) of each venue, soonest first. */
    upcomingEventsByVenue: upcomingEventsOf('venue'),
    /** Upcoming events of each performer, soonest first. */
    upcomingEventsByPerformer: upcomingEventsOf('performer'),
  };
}
