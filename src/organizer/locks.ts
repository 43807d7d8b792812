/**
 * How a change of an event takes its locks: the venue (FOR SHARE) before the
 * event (FOR UPDATE), the order updateVenue takes them in (it changes the
 * drafts at a venue it holds). So a plan is not replaced under a draft being
 * priced or published, two changes of one event queue, and a sale (which
 * share-locks its event) waits for a change to commit.
 */
import { canManageEvent, type Viewer } from '../accounts/policy.js';
import { Rollback } from '../booking/transaction.js';
import type { EventRow } from '../catalog/types.js';
import type { Tx } from '../seatmap/change-log.js';
import { userFailure } from '../user-error.js';
import { type LockedVenue, lockEvent, lockVenues } from './store/events.js';

/**
 * Share-locks the event's venue and `venueIds`, then locks the event, which
 * the caller must run (else EVENT_NOT_FOUND, as if it did not exist). A draft
 * moved to another venue in between has its new venue locked after it.
 * `locked: false` reads the event without locking it (UnsafeEventGuards).
 */
export async function lockManagedEvent(
  tx: Tx,
  viewer: Viewer,
  eventId: number,
  venueIds: readonly number[] = [],
  { locked = true } = {},
): Promise<{ event: EventRow; venues: LockedVenue[] }> {
  const venues = await lockVenues(tx, { eventId, venueIds });
  const event = await lockEvent(tx, eventId, locked);
  if (!event || !canManageEvent(viewer, event)) throw new Rollback(userFailure('EVENT_NOT_FOUND', 'No event you run has this ID.', ['input', 'eventId']));
  if (!venues.some((venue) => venue.id === event.venueId)) venues.push(...(await lockVenues(tx, { venueIds: [event.venueId] })));
  return { event, venues };
}
