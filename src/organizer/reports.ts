/**
 * Sales reports, for the people who run an event (its organizer and admins):
 * its sales now, its bookings with their buyers, and an organizer's own
 * events, drafts included. Anyone else is answered null, as the schema says.
 */
import DataLoader from 'dataloader';

import { canManageEvent, canSeePrivateFields, canSeeRecord } from '../accounts/policy.js';
import { byKey, pageLoader } from '../batch.js';
import { listBookingsOfEvents } from '../booking/lists.js';
import type { BookingRow } from '../booking/types.js';
import { listOrganizedEvents, type OrganizedEventFilter } from '../catalog/events.js';
import { loadExisting } from '../catalog/find.js';
import type { EventRow } from '../catalog/types.js';
import type { Clock } from '../clock.js';
import type { Sql } from '../db/client.js';
import { type Connection, pageSize } from '../relay/connection.js';
import type { RequestScope } from '../request-scope.js';
import type { OrganizerServices } from './facade.js';
import { eventSales, type EventSalesRow } from './store/reports.js';
import type { EventSalesView } from './types.js';

/** A booking's buyer, as a box office needs them. */
export interface BookingBuyer {
  name: string;
  email: string;
}

/** A page of an event's bookings: whose, and the page's arguments (`size` already validated). */
interface BookingPageKey {
  eventId: number;
  size: number;
  after: string | null;
}

type ReportLoaders = ReturnType<typeof createReportLoaders>;

/**
 * Batching of the reports of many events (a list of an organizer's events
 * with their sales or bookings): one statement per kind and page arguments.
 */
function createReportLoaders(sql: Sql, clock: Clock) {
  return {
    salesByEventId: new DataLoader<number, EventSalesRow | undefined>(async (ids) => byKey(ids, await eventSales(sql, ids, clock()), (sales) => sales.eventId)),
    bookingPages: pageLoader<BookingPageKey, Connection<BookingRow>>(
      ({ size, after }) => JSON.stringify([size, after]),
      (keys) =>
        listBookingsOfEvents(
          sql,
          keys.map((key) => key.eventId),
          keys[0]!.size,
          keys[0]!.after,
        ),
    ),
  };
}

export class SalesReports {
  /** The request's loaders, made at its first report: most requests ask for none. */
  private requestLoaders?: ReportLoaders;

  constructor(
    private readonly services: OrganizerServices,
    private readonly scope: RequestScope,
  ) {}

  /** The event's sales at the request's time, in the event's currency: for its organizer and admins; null for anyone else. */
  async salesOf(event: EventRow): Promise<EventSalesView | null> {
    if (!canManageEvent(this.scope.viewer, event)) return null;
    const { eventId: _, bySection, byDay, ...totals } = await loadExisting(this.loaders.salesByEventId, event.id, 'the sales of event');
    const { currency } = event;
    return {
      ...totals,
      netRevenue: totals.grossRevenue - totals.refunded,
      currency,
      bySection: bySection.map((section) => ({ ...section, currency })),
      byDay: byDay.map((day) => ({ ...day, currency })),
    };
  }

  /** A page of the event's bookings, newest first (`first` checked as a page size): for its organizer and admins; null for anyone else. */
  bookingsOf(event: EventRow, first: number | null | undefined, after: string | null | undefined): Promise<Connection<BookingRow>> | null {
    return canManageEvent(this.scope.viewer, event) ? this.loaders.bookingPages.load({ eventId: event.id, size: pageSize(first), after: after ?? null }) : null;
  }

  /** Who bought the booking: for the buyer, the event's organizer and admins; null for anyone else. */
  async buyerOf(booking: BookingRow): Promise<BookingBuyer | null> {
    const { viewer, loaders } = this.scope;
    if (!canSeeRecord(viewer, booking) && !canManageEvent(viewer, await loadExisting(loaders.eventById, booking.eventId, 'event'))) return null;
    const { name, email } = await loadExisting(loaders.userById, booking.userId, 'user');
    return { name, email };
  }

  /**
   * A page of the events `user` runs, drafts included, soonest first (`first`
   * checked as a page size): for the user themself and admins; null for anyone else.
   */
  organizedEventsOf(
    user: { id: number },
    filter: OrganizedEventFilter,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Connection<EventRow>> | null {
    return canSeePrivateFields(this.scope.viewer, user) ? listOrganizedEvents(this.services.sql, user.id, filter, pageSize(first), after) : null;
  }

  private get loaders(): ReportLoaders {
    return (this.requestLoaders ??= createReportLoaders(this.services.sql, this.scope.clock));
  }
}
