/**
 * Booking as one request sees it (src/request-scope.ts): the caller's holds
 * and bookings, their tickets and totals, and reserving, releasing, paying
 * and cancelling, each behind its rate limits. Resolvers call it as
 * `context.booking`; server.ts builds one per request.
 */
import { canSeeRecord } from '../accounts/policy.js';
import { loadExisting } from '../catalog/find.js';
import type { Sql } from '../db/client.js';
import type { RateLimits } from '../rate-limits/limits.js';
import { type Connection, pageSize } from '../relay/connection.js';
import type { RequestScope } from '../request-scope.js';
import { isFailure, type Result } from '../user-error.js';
import type { AdmissionGate } from './admission-gate.js';
import type { Booking } from './booking.js';
import { findBooking, findHold, findTicket } from './find.js';
import { holdStatusAt } from './hold-expiry.js';
import { listBookings, liveHolds } from './lists.js';
import type { TicketPageKey } from './loaders.js';
import type { Selection } from './reserve.js';
import type { BookingRow, HoldRow, TicketView, UnavailableTickets } from './types.js';

/** What booking needs for every request: its service, the database for listing, the rate limits, and the waiting rooms' gate. */
export interface BookingServices {
  booking: Booking;
  sql: Sql;
  rateLimits: RateLimits;
  gate: AdmissionGate;
}

/** An amount in minor units of a currency. */
export interface Money {
  amount: number;
  currency: string;
}

export class BookingFacade {
  constructor(
    private readonly services: BookingServices,
    private readonly scope: RequestScope,
  ) {}

  /** A hold the caller may see (theirs; any, for an admin), or null. */
  hold(id: number): Promise<HoldRow | null> {
    return findHold(this.scope.loaders, this.scope.viewer, id);
  }

  /** A booking the caller may see (theirs; any, for an admin), or null. */
  booking(id: number): Promise<BookingRow | null> {
    return findBooking(this.scope.loaders, this.scope.viewer, id);
  }

  /** A ticket of an event the caller may see, or null. */
  ticket(id: number): Promise<TicketView | null> {
    return findTicket(this.scope.loaders, this.scope.viewer, id);
  }

  /**
   * Holds tickets for the caller, after the rate limits and, when the event
   * has a waiting room on, with the admission `admissionToken` stands for:
   * the hold, or why not.
   */
  async reserveSeats(
    eventId: number,
    selection: Selection,
    idempotencyKey?: string | null,
    admissionToken?: string | null,
  ): Promise<Result<HoldRow, UnavailableTickets>> {
    const { viewer, clientAddress } = this.scope;
    const { rateLimits, booking, gate } = this.services;
    await rateLimits.reserveSeats(viewer, clientAddress, eventId);
    const admission = await gate.admit(viewer, eventId, admissionToken);
    if (isFailure(admission)) return admission;
    const started = performance.now();
    const result = await booking.reserveSeats(viewer, eventId, selection, idempotencyKey);
    gate.observe(performance.now() - started);
    if (isFailure(result)) return result;
    if (admission.passId) await gate.held(admission.passId, result.holdId);
    return this.existingHold(result.holdId);
  }

  /** Ends a hold of the caller's, after the rate limits (its release counts towards the churn limit of its event). */
  async releaseHold(holdId: number): Promise<Result<HoldRow>> {
    const { viewer, clientAddress } = this.scope;
    await this.services.rateLimits.releaseHold(viewer, clientAddress);
    const result = await this.services.booking.releaseHold(viewer, holdId);
    if (isFailure(result)) return result;
    const hold = await this.existingHold(result.holdId);
    await this.services.rateLimits.released(viewer, hold.eventId);
    await this.services.gate.holdEnded(hold);
    return hold;
  }

  /** Pays for a hold of the caller's: the booking, or why not. */
  async confirmBooking(holdId: number, paymentToken: string, idempotencyKey: string): Promise<Result<BookingRow>> {
    const result = await this.services.booking.confirmBooking(this.scope.viewer, holdId, paymentToken, idempotencyKey);
    if (isFailure(result)) return result;
    const booking = await this.existingBooking(result.bookingId);
    await this.services.gate.holdEnded({ id: booking.holdId, eventId: booking.eventId, userId: booking.userId });
    return booking;
  }

  /** Cancels a booking of the caller's, refunded: the booking, or why not. */
  async cancelBooking(bookingId: number, idempotencyKey: string): Promise<Result<BookingRow>> {
    const result = await this.services.booking.cancelBooking(this.scope.viewer, bookingId, idempotencyKey);
    return isFailure(result) ? result : this.existingBooking(result.bookingId);
  }

  /** A hold's status now: an ACTIVE hold past its end is EXPIRED before any sweeper says so. */
  holdStatus(hold: HoldRow): HoldRow['status'] {
    return holdStatusAt(hold, this.scope.clock());
  }

  /** A hold's tickets, at the prices it fixed. */
  ticketsOfHold(hold: Pick<HoldRow, 'id'>): Promise<TicketView[]> {
    return this.scope.loaders.ticketsByHoldId.load(hold.id);
  }

  /** What a hold's tickets cost, in its event's currency. */
  async holdTotal(hold: HoldRow): Promise<Money> {
    const tickets = await this.ticketsOfHold(hold);
    return this.money(
      hold.eventId,
      tickets.reduce((sum, ticket) => sum + ticket.price, 0),
    );
  }

  /** The booking a hold became, or null. */
  async bookingOfHold(hold: HoldRow): Promise<BookingRow | null> {
    return (await this.scope.loaders.bookingByHoldId.load(hold.id)) ?? null;
  }

  ticketsOfBooking(booking: BookingRow): Promise<TicketView[]> {
    return this.ticketsOfHold({ id: booking.holdId });
  }

  /** A ticket's price, in its event's currency. */
  ticketPrice(ticket: TicketView): Promise<Money> {
    return this.money(ticket.eventId, ticket.price);
  }

  /** A page of an event's tickets, or of one section's; pages of one kind and arguments are read in one statement. */
  ticketPage(key: TicketPageKey): Promise<Connection<TicketView>> {
    return this.scope.loaders.ticketPages.load(key);
  }

  /** A page of a user's bookings, newest first (`first` checked as a page size): for the user themself and admins; null for anyone else. */
  bookingsOf(user: { id: number }, first: number | null | undefined, after: string | null | undefined): Promise<Connection<BookingRow>> | null {
    return canSeeRecord(this.scope.viewer, { userId: user.id }) ? listBookings(this.services.sql, user.id, pageSize(first), after) : null;
  }

  /** A user's live holds, newest first: for the user themself and admins; null for anyone else. */
  holdsOf(user: { id: number }): Promise<HoldRow[]> | null {
    return canSeeRecord(this.scope.viewer, { userId: user.id }) ? liveHolds(this.services.sql, user.id, this.scope.clock()) : null;
  }

  private existingHold(id: number): Promise<HoldRow> {
    return loadExisting(this.scope.loaders.holdById, id, 'hold');
  }

  private existingBooking(id: number): Promise<BookingRow> {
    return loadExisting(this.scope.loaders.bookingById, id, 'booking');
  }

  /** An amount in the currency of the event it belongs to. */
  private async money(eventId: number, amount: number): Promise<Money> {
    return { amount, currency: (await loadExisting(this.scope.loaders.eventById, eventId, 'event')).currency };
  }
}
