/**
 * Seat maps as one request sees them (src/request-scope.ts): an event's map,
 * from memory while fresh (seat-map-cache.ts), and its live changes
 * (live.ts). Resolvers call it as `context.seatMaps`; server.ts builds one
 * per request.
 */
import { totalAvailability } from '../catalog/availability.js';
import type { HotAvailability } from '../catalog/facade.js';
import { findEvent } from '../catalog/find.js';
import type { Availability, EventRow } from '../catalog/types.js';
import type { Db } from '../db/client.js';
import { badUserInput, notFound } from '../errors.js';
import type { EventStream } from '../event-stream.js';
import type { RequestScope } from '../request-scope.js';
import type { SectionLayout } from './layout-cache.js';
import type { LiveDelta, LiveSeatMaps } from './live.js';
import { loadSeatMap, type SeatMapSectionView, type SeatMapView } from './seat-map.js';
import type { SeatMapCache } from './seat-map-cache.js';
import { readPlaces } from './store.js';

/** What seat maps need for every request: the database, this process's live feeds and its cache of maps. */
export interface SeatMapServices {
  db: Db;
  live: LiveSeatMaps;
  cache: SeatMapCache;
}

export class SeatMapsFacade implements HotAvailability {
  constructor(
    private readonly services: SeatMapServices,
    private readonly scope: RequestScope,
  ) {}

  /** The event named by an `eventId` argument; NOT_FOUND when the caller may not see it. */
  private async visibleEvent(eventId: number): Promise<EventRow> {
    const event = await findEvent(this.scope.loaders, this.scope.viewer, eventId);
    if (!event) throw notFound('No event has this ID.');
    return event;
  }

  /** Reads the event's map, starting from `previous` (the last one read) when there is one. */
  private read(event: EventRow) {
    return (previous: SeatMapView | undefined) => loadSeatMap(this.services.db, this.scope.loaders, event, this.scope.clock(), previous);
  }

  /** The event's seat map, from memory while fresh. */
  async seatMap(eventId: number): Promise<SeatMapView> {
    const event = await this.visibleEvent(eventId);
    return this.services.cache.get(event.id, this.read(event));
  }

  /** The event's live changes from now on, or from `sinceVersion` (live.ts). */
  async watch(eventId: number, sinceVersion: number | null | undefined): Promise<EventStream<LiveDelta>> {
    const event = await this.visibleEvent(eventId);
    if (sinceVersion != null && sinceVersion < 0) throw badUserInput('sinceVersion cannot be negative.', 'sinceVersion');
    return this.services.live.watch(event, sinceVersion);
  }

  /** Where the tickets of a section of the event's map are, as many as the map has (layout-cache.ts). */
  layout(section: SeatMapSectionView): Promise<SectionLayout> {
    const read = () => readPlaces(this.services.db, section.eventId);
    return this.services.cache.layouts.section(section.eventId, section.sectionId, section.capacity, read);
  }

  /** A hot event's availability, counted from its map in memory; undefined for any other, and nothing is read. */
  hotAvailability(event: EventRow): Promise<Availability> | undefined {
    const map = this.services.cache.getIfHot(event.id, this.read(event));
    return map?.then(({ sections }) => totalAvailability(sections.map(({ available, capacity }) => ({ available, total: capacity }))));
  }
}
