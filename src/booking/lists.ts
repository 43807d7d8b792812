/** A user's bookings and live holds. */
import { and, desc, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { bookings, holds } from '../db/schema.js';
import { decodeCursor, encodeCursor, toConnection, type Connection } from '../relay/connection.js';
import type { BookingRow, HoldRow } from './types.js';

/** Newest first, in keyset pages. */
export async function listBookings(db: Db, userId: number, size: number, after?: string | null): Promise<Connection<BookingRow>> {
  const rows = await db
    .select()
    .from(bookings)
    .where(and(eq(bookings.userId, userId), after ? lt(bookings.id, decodeCursor(after, ['bigint'] as const)[0]) : undefined))
    .orderBy(desc(bookings.id))
    .limit(size + 1);
  return toConnection(rows, size, (booking) => encodeCursor([booking.id]));
}

/** Holds that have not ended or expired, newest first. A user has few: the per-event limit bounds them. */
export function liveHolds(db: Db, userId: number, now: Date): Promise<HoldRow[]> {
  return db
    .select()
    .from(holds)
    .where(and(eq(holds.userId, userId), eq(holds.status, 'ACTIVE'), gt(holds.expiresAt, now)))
    .orderBy(desc(holds.id));
}
