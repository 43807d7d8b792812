/**
 * Per-request batching: every relation of the catalog is loaded with one
 * statement per kind, however many parents a page has; paged relations too
 * (a venue's upcoming events), one statement per kind and page arguments.
 */
import DataLoader from 'dataloader';
import { and, asc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import { byKey, groupByKey, pageLoader } from '../batch.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { isAnyOfIds, preparedPerDb } from '../db/prepared.js';
import { eventPerformers, eventSections, events, performers, sections, tickets, venues } from '../db/schema.js';
import type { Connection } from '../relay/connection.js';
import { listEventsOfEach } from './events.js';
import type { EventRow, PerformerRow, SectionRow, VenueRow } from './types.js';
import { UPCOMING_STATUSES } from './visibility.js';

export type CatalogLoaders = ReturnType<typeof createCatalogLoaders>;

type PriceRow = typeof eventSections.$inferSelect & { section: SectionRow };

// Every event page and seat map asks for these.
const eventsById = preparedPerDb((db) => db.select().from(events).where(isAnyOfIds(events.id)).prepare('events_by_id'));
const venuesById = preparedPerDb((db) => db.select().from(venues).where(isAnyOfIds(venues.id)).prepare('venues_by_id'));
const pricesOfEvents = preparedPerDb((db) =>
  db
    .select({ price: eventSections, section: sections })
    .from(eventSections)
    .innerJoin(sections, eq(sections.id, eventSections.sectionId))
    .where(isAnyOfIds(eventSections.eventId))
    .orderBy(asc(eventSections.sectionId))
    .prepare('prices_of_events'),
);

/** A page of a paged relation: whose, and the page's arguments (`size` already validated). */
interface PageKey {
  parentId: number;
  size: number;
  after: string | null;
}

export function createCatalogLoaders(db: Db, clock: Clock) {
  const upcomingEventsOf = (parent: 'venue' | 'performer') =>
    pageLoader<PageKey, Connection<EventRow>>(
      ({ size, after }) => JSON.stringify([size, after]),
      (keys) =>
        listEventsOfEach(
          db,
          parent,
          keys.map((key) => key.parentId),
          { startsAfter: clock(), statuses: UPCOMING_STATUSES },
          keys[0]!.size,
          keys[0]!.after,
        ),
    );
  const sectionById = new DataLoader<number, SectionRow | undefined>(async (ids) =>
    byKey(
      ids,
      await db
        .select()
        .from(sections)
        .where(inArray(sections.id, [...ids])),
      (s) => s.id,
    ),
  );
  return {
    eventById: new DataLoader<number, EventRow | undefined>(async (ids) => byKey(ids, await eventsById(db).execute({ ids }), (e) => e.id)),
    venueById: new DataLoader<number, VenueRow | undefined>(async (ids) => byKey(ids, await venuesById(db).execute({ ids }), (v) => v.id)),
    performerById: new DataLoader<number, PerformerRow | undefined>(async (ids) =>
      byKey(
        ids,
        await db
          .select()
          .from(performers)
          .where(inArray(performers.id, [...ids])),
        (p) => p.id,
      ),
    ),
    sectionById,
    sectionsByVenueId: new DataLoader<number, SectionRow[]>(async (venueIds) => {
      const rows = await db
        .select()
        .from(sections)
        .where(inArray(sections.venueId, [...venueIds]))
        .orderBy(asc(sections.id));
      rows.forEach((row) => sectionById.prime(row.id, row));
      return groupByKey(venueIds, rows, (s) => s.venueId);
    }),
    /** Headliner first. */
    performersByEventId: new DataLoader<number, PerformerRow[]>(async (eventIds) => {
      const rows = await db
        .select({ eventId: eventPerformers.eventId, performer: performers })
        .from(eventPerformers)
        .innerJoin(performers, eq(performers.id, eventPerformers.performerId))
        .where(inArray(eventPerformers.eventId, [...eventIds]))
        .orderBy(asc(eventPerformers.billing), asc(performers.id));
      return groupByKey(eventIds, rows, (r) => r.eventId).map((group) => group.map((r) => r.performer));
    }),
    /** Each priced section of an event with its section row, in section order. */
    pricesByEventId: new DataLoader<number, PriceRow[]>(async (eventIds) => {
      const rows = await pricesOfEvents(db).execute({ ids: eventIds });
      rows.forEach((row) => sectionById.prime(row.section.id, row.section));
      return groupByKey(eventIds, rows, (r) => r.price.eventId).map((group) => group.map((r) => ({ ...r.price, section: r.section })));
    }),
    /**
     * Tickets of each section of an event that are sold or under a live hold.
     * Counting the taken ones, not the free ones, keeps this an index range
     * over a few rows for most events rather than a scan of every seat.
     */
    takenByEventId: new DataLoader<number, Map<number, number>>(async (eventIds) => {
      const rows = await db
        .select({ eventId: tickets.eventId, sectionId: tickets.sectionId, taken: sql<number>`count(*)::int` })
        .from(tickets)
        .where(and(inArray(tickets.eventId, [...eventIds]), or(eq(tickets.status, 'SOLD'), and(eq(tickets.status, 'HELD'), gt(tickets.heldUntil, clock())))))
        .groupBy(tickets.eventId, tickets.sectionId);
      return groupByKey(eventIds, rows, (r) => r.eventId).map((group) => new Map(group.map((r) => [r.sectionId, r.taken])));
    }),
    /** Upcoming events (on sale or sold out, not started) of each venue, soonest first. */
    upcomingEventsByVenue: upcomingEventsOf('venue'),
    /** Upcoming events of each performer, soonest first. */
    upcomingEventsByPerformer: upcomingEventsOf('performer'),
  };
}
