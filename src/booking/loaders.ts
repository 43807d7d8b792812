/** Per-request batching of holds, bookings and tickets (pages of an event's tickets too). */
import DataLoader from 'dataloader';

import { byKey, groupByKey, pageLoader } from '../batch.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import type { Connection } from '../relay/connection.js';
import { bookingsByHoldId, bookingsById, holdsById } from './store/holds.js';
import { ticketsById, ticketsOfHolds } from './store/tickets.js';
import { listTicketPages, type TicketPageParent } from './tickets.js';
import type { BookingRow, HoldRow, TicketStatus, TicketView } from './types.js';

export type BookingLoaders = ReturnType<typeof createBookingLoaders>;

/** A page of an event's tickets, or of one section's: whose, and the page's arguments (`size` already validated). */
export interface TicketPageKey extends TicketPageParent {
  status: TicketStatus | null;
  size: number;
  after: string | null;
}

export function createBookingLoaders(db: Db, clock: Clock) {
  return {
    ticketById: new DataLoader<number, TicketView | undefined>(async (ids) => byKey(ids, await ticketsById(db, clock(), ids), (t) => t.id)),
    holdById: new DataLoader<number, HoldRow | undefined>(async (ids) => byKey(ids, await holdsById(db, ids), (h) => h.id)),
    bookingById: new DataLoader<number, BookingRow | undefined>(async (ids) => byKey(ids, await bookingsById(db, ids), (b) => b.id)),
    bookingByHoldId: new DataLoader<number, BookingRow | undefined>(async (holdIds) => byKey(holdIds, await bookingsByHoldId(db, holdIds), (b) => b.holdId)),
    /** At the prices the hold fixed. */
    ticketsByHoldId: new DataLoader<number, TicketView[]>(async (holdIds) => groupByKey(holdIds, await ticketsOfHolds(db, clock(), holdIds), (t) => t.holdId)),
    /** A page of an event's tickets (or of one section's, with `sectionId`), in ticket order; pages of one kind and arguments in one statement. */
    ticketPages: pageLoader<TicketPageKey, Connection<TicketView>>(
      ({ sectionId, status, size, after }) => JSON.stringify([sectionId != null, status, size, after]),
      (keys) => listTicketPages(db, clock(), keys, { status: keys[0]!.status }, keys[0]!.size, keys[0]!.after),
    ),
  };
}
