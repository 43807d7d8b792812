/** Single-object reads that apply visibility, for Query fields and node(id). */
import { canSeeRecord, type Viewer } from '../accounts/policy.js';
import { findEvent } from '../catalog/find.js';
import type { CatalogLoaders } from '../catalog/loaders.js';
import type { BookingLoaders } from './loaders.js';
import type { BookingRow, HoldRow, TicketView } from './types.js';

export async function findHold(loaders: BookingLoaders, viewer: Viewer | null, id: number): Promise<HoldRow | null> {
  const hold = await loaders.holdById.load(id);
  return hold && canSeeRecord(viewer, hold) ? hold : null;
}

export async function findBooking(loaders: BookingLoaders, viewer: Viewer | null, id: number): Promise<BookingRow | null> {
  const booking = await loaders.bookingById.load(id);
  return booking && canSeeRecord(viewer, booking) ? booking : null;
}

/** Tickets are public, as their event is. */
export async function findTicket(loaders: BookingLoaders & CatalogLoaders, viewer: Viewer | null, id: number): Promise<TicketView | null> {
  const ticket = await loaders.ticketById.load(id);
  return ticket && (await findEvent(loaders, viewer, ticket.eventId)) ? ticket : null;
}
