import type { bookings, holds, purchases, ticketStatus } from '../db/schema.js';
import type { Result } from '../user-error.js';

export type HoldRow = typeof holds.$inferSelect;
export type BookingRow = typeof bookings.$inferSelect;
export type PurchaseRow = Pick<
  typeof purchases.$inferSelect,
  'id' | 'userId' | 'idempotencyKey' | 'holdId' | 'amount' | 'currency' | 'step' | 'paymentId' | 'cardLast4' | 'bookingId'
>;
export type TicketStatus = (typeof ticketStatus.enumValues)[number];

/** A ticket as the API shows it: its place, its status as of now (an expired hold is AVAILABLE) and a price. */
export interface TicketView {
  id: number;
  eventId: number;
  sectionId: number;
  /** Row label of a seat; null for general admission. */
  row: string | null;
  /** Seat number, or the unit number in general admission. */
  number: number;
  /** Where to draw a seat; null for general admission. */
  x: number | null;
  y: number | null;
  status: TicketStatus;
  /** In minor units: the price on sale, or in a hold or booking the price fixed by the hold. */
  price: number;
}

/** What a failed reservation adds to its userErrors: with SEATS_UNAVAILABLE, the chosen tickets that someone else holds or bought. */
export interface UnavailableTickets {
  unavailableTicketIds?: number[];
}

export type ReserveResult = Result<{ holdId: number }, UnavailableTickets>;
export type BookingResult = Result<{ bookingId: number }>;
