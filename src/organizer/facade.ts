/**
 * The organizer tools as one request sees them: venues and performers, the
 * life of an event, its cancellation, and sales reports. Resolvers call it as
 * `context.organizer`; server.ts builds one per request. Each part is a small
 * class over the services below and the request's scope (viewer, clock,
 * loaders), in the module that holds its rules.
 */
import type { Sql } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { RequestScope } from '../request-scope.js';
import type { SeatMapLog } from '../seatmap/change-log.js';
import { CancellationTools } from './cancellation.js';
import { EventTools, type UnsafeEventGuards } from './events.js';
import { SalesReports } from './reports.js';
import { VenueTools } from './venues.js';

/** What the organizer tools need for every request. */
export interface OrganizerServices {
  sql: Sql;
  logger: Logger;
  /** Where price changes and cancellations record their seat-map changes. */
  seatMapLog: SeatMapLog;
  /** Ends the live seat maps of a cancelled event in every process, after their last changes (seatmap/live.ts's `end`). */
  endSeatMaps(eventId: number, reason: string): void;
  /** Test-only: switches that turn an event change's guards off, to show that the tests catch what they prevent (events.ts). */
  unsafeEventGuards?: UnsafeEventGuards;
}

export class OrganizerFacade {
  readonly venues: VenueTools;
  readonly events: EventTools;
  readonly cancellations: CancellationTools;
  readonly reports: SalesReports;

  constructor(services: OrganizerServices, scope: RequestScope) {
    this.venues = new VenueTools(services, scope);
    this.events = new EventTools(services, scope);
    this.cancellations = new CancellationTools(services, scope);
    this.reports = new SalesReports(services, scope);
  }
}
