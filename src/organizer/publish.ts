/**
 * Publishing a draft: the checks that it can go on sale, then, in one
 * transaction, its tickets (one per seat or general-admission unit, made by
 * catalog's createTickets in one INSERT ... SELECT) and the status ON_SALE.
 * The event's row is locked FOR UPDATE, so two publishes queue and the second
 * finds the event on sale and answers it unchanged; its venue's row FOR SHARE
 * (locks.ts), so the plan the tickets are made from cannot be replaced
 * meanwhile (updateVenue locks it FOR UPDATE, and refuses once an event at
 * the venue is published). Search takes the event in through the outbox: the
 * status change's trigger writes event.changed.
 */
import { requireOrganizer } from '../accounts/policy.js';
import { Rollback, transaction } from '../booking/transaction.js';
import { createTickets, sectionsOfVenues } from '../catalog/store.js';
import type { EventRow } from '../catalog/types.js';
import type { RequestScope } from '../request-scope.js';
import type { SeatMapLog, Tx } from '../seatmap/change-log.js';
import { type Result, userFailure } from '../user-error.js';
import type { UnsafeEventGuards } from './events.js';
import { lockManagedEvent } from './locks.js';
import { markOnSale, pricesOfEvent } from './store/events.js';

/** Puts a draft the caller runs on sale; a published event is answered as it is. */
export async function publishEvent(
  seatMapLog: SeatMapLog,
  scope: RequestScope,
  eventId: number,
  { unsafeDisablePublishLock = false }: UnsafeEventGuards = {},
): Promise<Result<EventRow>> {
  const viewer = requireOrganizer(scope.viewer);
  return transaction(seatMapLog, async (tx) => {
    const now = scope.clock();
    const { event } = await lockManagedEvent(tx, viewer, eventId, [], { locked: !unsafeDisablePublishLock });
    if (event.status === 'CANCELLED') throw new Rollback(userFailure('ALREADY_CANCELLED', 'The event is cancelled.', ['input', 'eventId']));
    if (event.status !== 'DRAFT') return event;
    const missing = await whatIsMissing(tx, event, now);
    if (missing.length > 0) {
      throw new Rollback(userFailure('EVENT_NOT_PUBLISHABLE', `The draft cannot be published yet: ${missing.join('; ')}.`, ['input', 'eventId']));
    }
    await createTickets(tx, [event.id]);
    return markOnSale(tx, event.id, now);
  });
}

/** What the draft lacks to go on sale at `now`, in words: every section priced (so in one currency, not XXX), times in order and ahead. */
async function whatIsMissing(tx: Tx, event: EventRow, now: Date): Promise<string[]> {
  const [sections, prices] = await Promise.all([sectionsOfVenues(tx, [event.venueId]), pricesOfEvent(tx, event.id)]);
  const unpriced = sections.filter((section) => !prices.some((price) => price.sectionId === section.id)).map((section) => section.name);
  return [
    unpriced.length > 0 && `${unpriced.length === 1 ? 'section' : 'sections'} ${unpriced.join(', ')} ${unpriced.length === 1 ? 'has' : 'have'} no price`,
    event.onSaleAt >= event.startsAt && 'onSaleAt must be before startsAt',
    event.endsAt <= event.startsAt && 'endsAt must be after startsAt',
    event.startsAt <= now && 'startsAt must be in the future',
  ].filter((reason): reason is string => !!reason);
}
