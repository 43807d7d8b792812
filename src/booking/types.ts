import type { bookings, holds, purchases, ticketStatus } from '../db/schema.js';
import type { UserError } from '../user-error.js';

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

/** An expected failure: nothing was changed. */
export interface Failure {
  userErrors: UserError[];
  /** With SEATS_UNAVAILABLE: the chosen tickets that someone else holds or bought. */
  unavailableTicketIds?: number[];
}

export const isFailure = (result: object): result is Failure => 'userErrors' in result;

export type ReserveResult = { holdId: number } | Failure;
export type BookingResult = { bookingId: number } | Failure;
