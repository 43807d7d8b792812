/**
 * The catalog as one request sees it (src/request-scope.ts): events, venues
 * and performers read through the request's loaders with the caller's
 * visibility. Resolvers call it as
 * `context.catalog`; server.ts builds one per request.
 */
import type { Sql } from '../db/client.js';
import type { Connection } from '../relay/connection.js';
import type { RequestScope } from '../request-scope.js';
import { eventAvailability, sectionAvailability } from './availability.js';
import { type EventListFilter, listEvents } from './events.js';
import { findEvent, loadExisting } from './find.js';
import type { Availability, EventRow, PerformerRow, PricedSection, SectionRow, VenueRow } from './types.js';

/** What the catalog needs for every request: its database. */
export interface CatalogServices {
  sql: Sql;
}

/**
 * Counts an event's availability from its seat map when that map is in
 * memory anyway (a hot event: the seat-map domain knows); undefined when it
 * is not, and nothing is read.
 */
export interface HotAvailability {
  hotAvailability(event: EventRow): Promise<Availability> | undefined;
}

export class CatalogFacade {
  constructor(
    private readonly services: CatalogServices,
    private readonly scope: RequestScope,
    private readonly seatMaps: HotAvailability,
  ) {}

  /** An event the caller may see, or null (a draft is its organizer's). */
  event(id: number): Promise<EventRow | null> {
    return findEvent(this.scope.loaders, this.scope.viewer, id);
  }

  /** An event a foreign key names; a miss is broken data, an internal error. */
  existingEvent(id: number): Promise<EventRow> {
    return loadExisting(this.scope.loaders.eventById, id, 'event');
  }

  async venue(id: number): Promise<VenueRow | null> {
    return (await this.scope.loaders.venueById.load(id)) ?? null;
  }

  existingVenue(id: number): Promise<VenueRow> {
    return loadExisting(this.scope.loaders.venueById, id, 'venue');
  }

  async section(id: number): Promise<SectionRow | null> {
    return (await this.scope.loaders.sectionById.load(id)) ?? null;
  }

  existingSection(id: number): Promise<SectionRow> {
    return loadExisting(this.scope.loaders.sectionById, id, 'section');
  }

  async performer(id: number): Promise<PerformerRow | null> {
    return (await this.scope.loaders.performerById.load(id)) ?? null;
  }

  /** A page of public events matching `filter`, soonest first (`size` already validated). */
  events(filter: EventListFilter, size: number, after?: string | null): Promise<Connection<EventRow>> {
    return listEvents(this.services.sql, filter, size, after);
  }

  performersOf(event: EventRow): Promise<PerformerRow[]> {
    return this.scope.loaders.performersByEventId.load(event.id);
  }

  /** The cheapest and dearest ticket prices of the event; null before it has any. */
  async priceRangeOf(event: EventRow): Promise<{ min: number; max: number } | null> {
    const prices = (await this.scope.loaders.pricesByEventId.load(event.id)).map((p) => p.price);
    return prices.length === 0 ? null : { min: Math.min(...prices), max: Math.max(...prices) };
  }

  /** A hot event's seat map is in memory: counted from it rather than from its (then many) taken tickets. */
  availabilityOf(event: EventRow): Promise<Availability> {
    return this.seatMaps.hotAvailability(event) ?? eventAvailability(this.scope.loaders, event.id);
  }

  /** The sections the event sells, with their prices, in section order. */
  async sectionsOf(event: EventRow): Promise<PricedSection[]> {
    return (await this.scope.loaders.pricesByEventId.load(event.id)).map((priced) => ({ ...priced, currency: event.currency }));
  }

  sectionAvailability(priced: PricedSection): Promise<Availability> {
    return sectionAvailability(this.scope.loaders, priced);
  }

  sectionsOfVenue(venue: VenueRow): Promise<SectionRow[]> {
    return this.scope.loaders.sectionsByVenueId.load(venue.id);
  }

  async capacityOf(venue: VenueRow): Promise<number> {
    return (await this.sectionsOfVenue(venue)).reduce((sum, section) => sum + section.capacity, 0);
  }

  /** A page of the venue's upcoming events; the pages of every venue of a list are read in one statement. */
  upcomingEventsOfVenue(venue: VenueRow, size: number, after: string | null): Promise<Connection<EventRow>> {
    return this.scope.loaders.upcomingEventsByVenue.load({ parentId: venue.id, size, after });
  }

  /** A page of the performer's upcoming events; the pages of every performer of a list are read in one statement. */
  upcomingEventsOfPerformer(performer: PerformerRow, size: number, after: string | null): Promise<Connection<EventRow>> {
    return this.scope.loaders.upcomingEventsByPerformer.load({ parentId: performer.id, size, after });
  }
}
