/**
 * Calling an event off. At once, in one transaction: the event CANCELLED (no
 * more holds or sales: a sale share-locks its event, so it either committed
 * before, and its booking is counted and refunded, or it finds the event
 * cancelled and charges nothing), its cancellation recorded with the
 * bookings that stand, and its live holds released. After the commit its
 * seat-map watchers, in every process, get the final changes and then the
 * EVENT_CANCELLED error, and the refund job queued in the transaction
 * runs (refunds.ts). Also: how far the refunds have got, as the caller may
 * see it.
 *
 * No rate limit of its own: only the people who run the event may cancel it,
 * and only once.
 */
import DataLoader from 'dataloader';

import { canManageEvent, requireOrganizer } from '../accounts/policy.js';
import { byKey } from '../batch.js';
import { endHolds } from '../booking/holds.js';
import { Rollback, transaction } from '../booking/transaction.js';
import type { EventRow, EventStatus } from '../catalog/types.js';
import { write } from '../outbox/store.js';
import type { RequestScope } from '../request-scope.js';
import { isFailure, type Result, type UserFailure, userFailure } from '../user-error.js';
import type { OrganizerServices } from './facade.js';
import { queueRefunds } from './refunds.js';
import { cancellationsOf, lockLiveHoldsOfEvent, recordCancellation } from './store/cancellations.js';
import { lockEvent } from './store/events.js';
import type { CancellationRow, CancellationView } from './types.js';

const eventNotFound = userFailure('EVENT_NOT_FOUND', 'No event you run has this ID.', ['input', 'eventId']);

/** Why an event in `status` cannot be cancelled; undefined when it can (it is published and not over). */
function refusal(status: EventStatus): UserFailure | undefined {
  const field = ['input', 'eventId'];
  switch (status) {
    case 'ON_SALE':
    case 'SOLD_OUT':
      return undefined;
    case 'DRAFT':
      return userFailure('EVENT_NOT_ON_SALE', 'This event is a draft, never published: delete the draft instead (deleteEvent).', field);
    case 'COMPLETED':
      return userFailure('EVENT_NOT_ON_SALE', 'This event is over and can no longer be cancelled.', field);
    case 'CANCELLED':
      return userFailure('ALREADY_CANCELLED', 'This event is already cancelled.', field);
  }
}

export class CancellationTools {
  /** The request's reads of cancellations, batched; made when first used. */
  private cancellations: DataLoader<number, CancellationRow | undefined> | undefined;

  constructor(
    private readonly services: OrganizerServices,
    private readonly scope: RequestScope,
  ) {}

  /** Cancels a published event the caller runs (an admin: any), for `reason`, shown to fans; answers the event as it now is. */
  async cancelEvent(eventId: number, reason: string): Promise<Result<EventRow>> {
    const caller = requireOrganizer(this.scope.viewer);
    const why = reason.trim();
    if (why === '') return userFailure('INVALID_EVENT', 'Say why the event is cancelled: fans are shown the reason.', ['input', 'reason']);
    const cancelled = await transaction(this.services.seatMapLog, async (tx) => {
      const now = this.scope.clock();
      // Waits for the sales under way (each share-locks the event) to commit; any sale after this waits for the commit, and then finds the event cancelled.
      const event = await lockEvent(tx, eventId);
      if (!event || !canManageEvent(caller, event)) throw new Rollback(eventNotFound);
      const refused = refusal(event.status);
      if (refused) throw new Rollback(refused);
      const cancellation = await recordCancellation(tx, { eventId, reason: why, requestedBy: caller.userId, now });
      if (cancellation.completedAt === null) await queueRefunds(tx, eventId); // with no booking to refund it is complete already
      await write(tx, { topic: 'event.cancelled', payload: { eventId } }, now); // its buyers are told (the notifier)
      const holds = await lockLiveHoldsOfEvent(tx, eventId, now);
      if (holds.length > 0) await endHolds(tx, holds, 'RELEASED', now); // their tickets go on the seat map: the watchers' final delta
      return { ...event, status: 'CANCELLED' as const, updatedAt: now };
    });
    if (isFailure(cancelled)) return cancelled;
    this.services.endSeatMaps(eventId, why);
    this.scope.loaders.eventById.clear(eventId).prime(eventId, cancelled);
    return cancelled;
  }

  /** The event's cancellation, with its progress for the people who run it; null unless the event is CANCELLED. */
  async cancellationOf(event: EventRow): Promise<CancellationView | null> {
    if (event.status !== 'CANCELLED') return null;
    this.cancellations ??= new DataLoader(async (ids) => byKey(ids, await cancellationsOf(this.services.sql, ids), (row) => row.eventId));
    const cancellation = await this.cancellations.load(event.id);
    return cancellation ? { ...cancellation, progressVisible: canManageEvent(this.scope.viewer, event) } : null;
  }
}
