/** Lists of bookings (a user's, each event's) and a user's live holds. */
import { groupByKey } from '../batch.js';
import type { Sql } from '../db/client.js';
import { type Connection, decodeCursor, encodeCursor, toConnection } from '../relay/connection.js';
import { bookingsOfEvents, bookingsOfUser, liveHoldsOfUser } from './store/holds.js';
import type { BookingRow, HoldRow } from './types.js';

const bookingCursor = (booking: BookingRow) => encodeCursor([booking.id]);
const beforeIdOf = (after?: string | null) => (after ? decodeCursor(after, ['bigint'] as const)[0] : null);

/** Newest first, in keyset pages. */
export async function listBookings(sql: Sql, userId: number, size: number, after?: string | null): Promise<Connection<BookingRow>> {
  const rows = await bookingsOfUser(sql, userId, beforeIdOf(after), size + 1);
  return toConnection(rows, size, bookingCursor);
}

/**
 * A page of bookings of each event, newest first, in one statement: each
 * event's page is the one a list of its own would give. Pages come in the
 * order of `eventIds`; `size` must already be validated.
 */
export async function listBookingsOfEvents(sql: Sql, eventIds: readonly number[], size: number, after?: string | null): Promise<Connection<BookingRow>[]> {
  const rows = await bookingsOfEvents(sql, eventIds, beforeIdOf(after), size + 1);
  return groupByKey(eventIds, rows, (booking) => booking.eventId).map((page) => toConnection(page, size, bookingCursor));
}

/** Holds that have not ended or expired, newest first. A user has few: the per-event limit bounds them. */
export function liveHolds(sql: Sql, userId: number, now: Date): Promise<HoldRow[]> {
  return liveHoldsOfUser(sql, userId, now);
}
