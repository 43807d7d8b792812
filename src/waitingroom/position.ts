/**
 * Where a waiting fan stands, from one read of the room (queue-store.ts's
 * RoomSnapshot) and the fan's fixed number: no read per fan, so one snapshot
 * a second updates every waiting fan of a process.
 */
import type { QueuePassRecord, RoomSnapshot } from './queue-store.js';

/**
 * 1 for the next fan to be let in: the fan's number minus the serving number,
 * minus those between who left. Null unless WAITING with a number. It only
 * goes down: the serving number and the count of those who left only grow.
 */
export function positionOf(pass: Pick<QueuePassRecord, 'status' | 'number'>, room: Pick<RoomSnapshot, 'servingNumber' | 'leftAhead'>): number | null {
  if (pass.status !== 'WAITING' || pass.number === null) return null;
  return Math.max(1, pass.number - room.servingNumber - countBelow(room.leftAhead, pass.number));
}

/** The most of the recent past the observed admission rate looks at. */
const RATE_WINDOW_MS = 60_000;

/**
 * Seconds until admission: position ÷ the rate fans were let in over the last
 * minute (over the time since the sale opened, in its first minute), or the
 * room's configured rate before any were. Null without a position, or with no
 * rate to go by (an adaptive room before its first admission).
 */
export function estimatedWaitSeconds(
  position: number | null,
  room: Pick<RoomSnapshot, 'admittedLastMinute'>,
  settings: { admitPerMinute: number | null; onSaleAt: Date },
  now: Date,
): number | null {
  if (position === null) return null;
  const observedMs = Math.min(RATE_WINDOW_MS, Math.max(1_000, now.getTime() - settings.onSaleAt.getTime()));
  const perMinute = room.admittedLastMinute > 0 ? (room.admittedLastMinute * 60_000) / observedMs : settings.admitPerMinute;
  return perMinute ? Math.ceil((position * 60) / perMinute) : null;
}

/** Whether the pass numbered `number` left while waiting. */
export function hasLeft(room: Pick<RoomSnapshot, 'leftAhead'>, number: number): boolean {
  return countBelow(room.leftAhead, number + 1) > countBelow(room.leftAhead, number);
}

/** How many of the ascending `numbers` are below `limit` (binary search). */
function countBelow(numbers: readonly number[], limit: number): number {
  let low = 0;
  let high = numbers.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (numbers[middle]! < limit) low = middle + 1;
    else high = middle;
  }
  return low;
}
