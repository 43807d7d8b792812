/** Per-request batching of holds, bookings and tickets. */
import DataLoader from 'dataloader';
import { inArray } from 'drizzle-orm';
import { byKey, groupByKey } from '../batch.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/client.js';
import { bookings, holds } from '../db/schema.js';
import { ticketsById, ticketsOfHolds } from './tickets.js';
import type { BookingRow, HoldRow, TicketView } from './types.js';

export type BookingLoaders = ReturnType<typeof createBookingLoaders>;

export function createBookingLoaders(db: Db, clock: Clock) {
  return {
    ticketById: new DataLoader<number, TicketView | undefined>(async (ids) => byKey(ids, await ticketsById(db, clock(), ids), (t) => t.id)),
    holdById: new DataLoader<number, HoldRow | undefined>(async (ids) =>
      byKey(ids, await db.select().from(holds).where(inArray(holds.id, [...ids])), (h) => h.id),
    ),
    bookingById: new DataLoader<number, BookingRow | undefined>(async (ids) =>
      byKey(ids, await db.select().from(bookings).where(inArray(bookings.id, [...ids])), (b) => b.id),
    ),
    bookingByHoldId: new DataLoader<number, BookingRow | undefined>(async (holdIds) =>
      byKey(holdIds, await db.select().from(bookings).where(inArray(bookings.holdId, [...holdIds])), (b) => b.holdId),
    ),
    /** At the prices the hold fixed. */
    ticketsByHoldId: new DataLoader<number, TicketView[]>(async (holdIds) =>
      groupByKey(holdIds, await ticketsOfHolds(db, clock(), holdIds), (t) => t.holdId),
    ),
  };
}
