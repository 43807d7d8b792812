/** Per-request batching of holds, bookings and tickets (pages of an event's tickets too). */
import DataLoader from 'dataloader';
import { byKey, groupByKey, pageLoader } from '../batch.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { isAnyOfIds, preparedPerDb } from '../db/prepared.js';
import { bookings, holds } from '../db/schema.js';
import type { Connection } from '../relay/connection.js';
import { listTicketPages, ticketsById, ticketsOfHolds, type TicketPageParent } from './tickets.js';
import type { BookingRow, HoldRow, TicketStatus, TicketView } from './types.js';

export type BookingLoaders = ReturnType<typeof createBookingLoaders>;

/** A page of an event's tickets, or of one section's: whose, and the page's arguments (`size` already validated). */
export interface TicketPageKey extends TicketPageParent {
  status: TicketStatus | null;
  size: number;
  after: string | null;
}

// Every reservation and purchase answers with these.
const holdsById = preparedPerDb((db) => db.select().from(holds).where(isAnyOfIds(holds.id)).prepare('holds_by_id'));
const bookingsById = preparedPerDb((db) => db.select().from(bookings).where(isAnyOfIds(bookings.id)).prepare('bookings_by_id'));
const bookingsByHoldId = preparedPerDb((db) => db.select().from(bookings).where(isAnyOfIds(bookings.holdId)).prepare('bookings_by_hold_id'));

export function createBookingLoaders(db: Db, clock: Clock) {
  return {
    ticketById: new DataLoader<number, TicketView | undefined>(async (ids) => byKey(ids, await ticketsById(db, clock(), ids), (t) => t.id)),
    holdById: new DataLoader<number, HoldRow | undefined>(async (ids) => byKey(ids, await holdsById(db).execute({ ids }), (h) => h.id)),
    bookingById: new DataLoader<number, BookingRow | undefined>(async (ids) => byKey(ids, await bookingsById(db).execute({ ids }), (b) => b.id)),
    bookingByHoldId: new DataLoader<number, BookingRow | undefined>(async (holdIds) =>
      byKey(holdIds, await bookingsByHoldId(db).execute({ ids: holdIds }), (b) => b.holdId),
    ),
    /** At the prices the hold fixed. */
    ticketsByHoldId: new DataLoader<number, TicketView[]>(async (holdIds) => groupByKey(holdIds, await ticketsOfHolds(db, clock(), holdIds), (t) => t.holdId)),
    /** A page of an event's tickets (or of one section's, with `sectionId`), in ticket order; pages of one kind and arguments in one statement. */
    ticketPages: pageLoader<TicketPageKey, Connection<TicketView>>(
      ({ sectionId, status, size, after }) => JSON.stringify([sectionId != null, status, size, after]),
      (keys) => listTicketPages(db, clock(), keys, { status: keys[0]!.status }, keys[0]!.size, keys[0]!.after),
    ),
  };
}
