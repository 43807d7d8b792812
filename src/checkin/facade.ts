/**
 * Check-in as one request sees it (src/request-scope.ts): a ticket's code and
 * QR image for its buyer, scanning at the door, the staff of an event and how
 * many got in. Resolvers call it as `context.checkin`; server.ts builds one
 * per request. Its loaders are made on first use, so a request that asks
 * nothing of check-in pays for none.
 */
import DataLoader from 'dataloader';

import type { UserRow } from '../accounts/accounts.js';
import { canManageEvent } from '../accounts/policy.js';
import { byKey, groupByKey } from '../batch.js';
import type { BookingRow, TicketView } from '../booking/types.js';
import { loadExisting } from '../catalog/find.js';
import type { EventRow } from '../catalog/types.js';
import type { Db, Sql } from '../db/client.js';
import type { RequestScope } from '../request-scope.js';
import { isFailure, type Result } from '../user-error.js';
import { mayWorkTheDoor } from './access.js';
import { checkInTicket, type EarlierCheckIn, type UnsafeCheckInGuards } from './check-in.js';
import { ticketQrDataUrl } from './qr.js';
import { addEventStaff, removeEventStaff, type StaffChange } from './staff.js';
import { bookingIdsOfTickets, gateCounts, soldCounts, staffedEvents, staffOfEvents } from './store.js';
import { signTicketCode } from './ticket-code.js';

/** What check-in needs for every request. */
export interface CheckInServices {
  sql: Sql;
  /** For the log-in's prepared lookup of a user by email (addEventStaff). */
  db: Db;
  /** The key ticket codes are signed with (TICKET_SECRET, resolved by src/secrets.ts). */
  ticketSecret: string;
  /** Test-only: switches that turn the scan's guards off, to show that the tests catch what they prevent (check-in.ts). */
  unsafeCheckInGuards?: UnsafeCheckInGuards;
}

/** How many of an event's tickets got in (`Event.checkIns`). */
export interface CheckInSummaryView {
  checkedIn: number;
  total: number;
  byGate: { gate: string; checkedIn: number }[];
}

export class CheckInFacade {
  private loaders?: ReturnType<CheckInFacade['createLoaders']>;

  constructor(
    private readonly services: CheckInServices,
    private readonly scope: RequestScope,
  ) {}

  /** Checks in the ticket of a scanned code at a gate: the ticket let in and when, or why not (with ALREADY_CHECKED_IN, the earlier check-in). */
  async checkInTicket(code: string, gate: string): Promise<Result<{ ticket: TicketView; checkedInAt: Date }, EarlierCheckIn>> {
    const result = await checkInTicket(this.services, this.scope, code, gate);
    if (isFailure(result)) return result;
    return { ticket: await loadExisting(this.scope.loaders.ticketById, result.ticketId, 'ticket'), checkedInAt: result.checkedInAt };
  }

  addEventStaff(eventId: number, email: string): Promise<Result<StaffChange>> {
    return addEventStaff(this.services, this.scope, eventId, email);
  }

  removeEventStaff(eventId: number, userId: number): Promise<Result<StaffChange>> {
    return removeEventStaff(this.services, this.scope, eventId, userId);
  }

  /** The ticket's signed code: for the buyer of the CONFIRMED booking it is sold in; null for anyone else, or unsold. */
  async ticketCode(ticket: TicketView): Promise<string | null> {
    const viewer = this.scope.viewer;
    if (!viewer) return null;
    const bookingId = await this.own().bookingIdOfTicket.load(ticket.id);
    if (bookingId === null) return null;
    const booking: BookingRow | undefined = await this.scope.loaders.bookingById.load(bookingId);
    if (!booking || booking.status !== 'CONFIRMED' || booking.userId !== viewer.userId) return null;
    return signTicketCode(this.services.ticketSecret, { ticketId: ticket.id, eventId: ticket.eventId, serial: booking.id });
  }

  /** The code's QR image as a data URL, whenever `ticketCode` gives a code. */
  async ticketQrCode(ticket: TicketView): Promise<string | null> {
    const code = await this.ticketCode(ticket);
    return code === null ? null : ticketQrDataUrl(code);
  }

  /** The event's staff, by name: for its organizer and admins; null for anyone else. */
  async staffOf(event: EventRow): Promise<UserRow[] | null> {
    if (!canManageEvent(this.scope.viewer, event)) return null;
    const userIds = await this.own().staffIdsOfEvent.load(event.id);
    const users = await this.scope.loaders.userById.loadMany(userIds);
    return users.filter((user): user is UserRow => user !== undefined && !(user instanceof Error));
  }

  /** How many got in: for the event's organizer, its staff and admins; null for anyone else. */
  async checkInsOf(event: EventRow): Promise<CheckInSummaryView | null> {
    const loaders = this.own();
    if (!(await mayWorkTheDoor(this.scope.viewer, event, (eventId) => loaders.viewerStaffs.load(eventId)))) return null;
    return loaders.summaryOfEvent.load(event.id);
  }

  private own() {
    return (this.loaders ??= this.createLoaders());
  }

  private createLoaders() {
    const { sql } = this.services;
    const viewer = this.scope.viewer;
    return {
      /** The booking each ticket is sold in now; null when unsold. */
      bookingIdOfTicket: new DataLoader<number, number | null>(async (ids) =>
        byKey(ids, await bookingIdsOfTickets(sql, ids), (row) => row.ticketId).map((row) => row?.bookingId ?? null),
      ),
      staffIdsOfEvent: new DataLoader<number, number[]>(async (eventIds) =>
        groupByKey(eventIds, await staffOfEvents(sql, eventIds), (row) => row.eventId).map((rows) => rows.map((row) => row.userId)),
      ),
      /** Whether the viewer staffs each event. */
      viewerStaffs: new DataLoader<number, boolean>(async (eventIds) => {
        const staffed = new Set(viewer ? await staffedEvents(sql, viewer.userId, eventIds) : []);
        return eventIds.map((id) => staffed.has(id));
      }),
      summaryOfEvent: new DataLoader<number, CheckInSummaryView>(async (eventIds) => {
        const [sold, gates] = await Promise.all([soldCounts(sql, eventIds), gateCounts(sql, eventIds)]);
        const soldOf = new Map(sold.map((row) => [row.eventId, row.sold]));
        return groupByKey(eventIds, gates, (row) => row.eventId).map((byGate, i) => ({
          checkedIn: byGate.reduce((sum, gate) => sum + gate.checkedIn, 0),
          total: soldOf.get(eventIds[i]!) ?? 0,
          byGate: byGate.map(({ gate, checkedIn }) => ({ gate, checkedIn })),
        }));
      }),
    };
  }
}
