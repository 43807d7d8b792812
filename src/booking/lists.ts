/** A user's bookings and live holds. */
import type { Sql } from '../db/client.js';
import { type Connection, decodeCursor, encodeCursor, toConnection } from '../relay/connection.js';
import { bookingsOfUser, liveHoldsOfUser } from './store/holds.js';
import type { BookingRow, HoldRow } from './types.js';

/** Newest first, in keyset pages. */
export async function listBookings(sql: Sql, userId: number, size: number, after?: string | null): Promise<Connection<BookingRow>> {
  const rows = await bookingsOfUser(sql, userId, after ? decodeCursor(after, ['bigint'] as const)[0] : null, size + 1);
  return toConnection(rows, size, (booking) => encodeCursor([booking.id]));
}

/** Holds that have not ended or expired, newest first. A user has few: the per-event limit bounds them. */
export function liveHolds(sql: Sql, userId: number, now: Date): Promise<HoldRow[]> {
  return liveHoldsOfUser(sql, userId, now);
}
