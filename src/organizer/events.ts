/**
 * The life of an event as its organizer runs it: a DRAFT is created and
 * edited, published (publish.ts) or deleted; a published event is edited
 * within narrower rules (event-rules.ts checks the settings). Each change is
 * one transaction of the seat-map log (a price change on sale records its
 * tickets there for `seatMapChanged`), in which a rule broken rolls back and
 * answers its userError: nothing is written. locks.ts says which locks a
 * change takes, and why.
 *
 * No rate limit of their own: only organizers and admins may call them, on
 * their own events, and the most work one call makes (publishing) is bounded
 * by a venue's 120,000 seats.
 */
import { canUseVenue, requireOrganizer, type Viewer } from '../accounts/policy.js';
import { Rollback, transaction } from '../booking/transaction.js';
import { performersById, sectionsOfVenues } from '../catalog/store.js';
import type { EventRow } from '../catalog/types.js';
import { write } from '../outbox/store.js';
import { checkWithinBounds } from '../pricing/bounds.js';
import { repriceOnSale, repricing } from '../pricing/reprice.js';
import type { RequestScope } from '../request-scope.js';
import { type EventChange, recordSeatMapChanges, type Tx } from '../seatmap/change-log.js';
import { type Result, type UserErrorCode, type UserFailure, userFailure } from '../user-error.js';
import {
  checkPerformerList,
  checkPerformersFound,
  checkPriceList,
  checkPriceSections,
  checkSettings,
  checkTimes,
  checkTitle,
  type EventTimes,
  EVERY_TIME,
  HOLD_TTL_SECONDS,
  NO_CURRENCY,
  type PriceInput,
  TICKET_LIMIT,
} from './event-rules.js';
import type { OrganizerServices } from './facade.js';
import { lockManagedEvent } from './locks.js';
import { publishEvent } from './publish.js';
import {
  deleteEventRow,
  type EventFields,
  hasConfirmedBookings,
  hasTickets,
  insertDraft,
  type LockedVenue,
  lockVenues,
  pricesOfEvent,
  setDraftPrices,
  setPerformers,
  updateEventFields,
} from './store/events.js';

/** A new event, as createEvent takes it (ids decoded). */
export interface NewEvent extends EventTimes {
  title: string;
  description?: string | null;
  category: EventRow['category'];
  venueId: number;
  performerIds?: readonly number[] | null;
  holdTtlSeconds?: number | null;
  ticketLimitPerUser?: number | null;
  prices?: readonly PriceInput[] | null;
}

/**
 * Test-only switches, never set anywhere else: each turns a guard off to show
 * that the tests catch what it prevents.
 */
export interface UnsafeEventGuards {
  /** A price change's tickets (updateEvent's, and the repricer's) are recorded on the seat map in a transaction of their own, after the change committed. */
  unsafeSplitPriceChange?: boolean;
  /** publishEvent reads the event without locking it, so two publishes may both find it a draft. */
  unsafeDisablePublishLock?: boolean;
}

/** Changes to an event, as updateEvent takes them: a field left out (or null) stays as it is. */
export type EventChanges = { [K in keyof NewEvent]?: NewEvent[K] | null };

/** Rolls the transaction back with `failure`, if there is one. */
function refuse(failure: UserFailure | undefined): void {
  if (failure) throw new Rollback(failure);
}

const venueNotFound = () => new Rollback(userFailure('VENUE_NOT_FOUND', 'No venue you may use has this ID.', ['input', 'venueId']));

/** The reason a price change by updateEvent gives in the price history. */
const ORGANIZER_SET_IT = 'The organizer set the price.';

/** Currency codes in capitals, as they are stored. */
const normalized = (prices: readonly PriceInput[]) => prices.map((price) => ({ ...price, currency: price.currency.toUpperCase() }));

export class EventTools {
  constructor(
    private readonly services: OrganizerServices,
    private readonly scope: RequestScope,
  ) {}

  /** Creates a DRAFT run by the caller, with its performers and prices. */
  async createEvent(input: NewEvent): Promise<Result<EventRow>> {
    const viewer = requireOrganizer(this.scope.viewer);
    const now = this.scope.clock();
    const title = input.title.trim();
    const performerIds = input.performerIds ?? [];
    const prices = normalized(input.prices ?? []);
    const invalid =
      checkTitle(title) ?? checkSettings(input) ?? checkTimes(input, EVERY_TIME, now) ?? checkPerformerList(performerIds) ?? checkPriceList(prices);
    if (invalid) return invalid;
    return transaction(this.services.seatMapLog, async (tx) => {
      const [venue] = await lockVenues(tx, { venueIds: [input.venueId] });
      if (!venue || !canUseVenue(viewer, venue)) throw venueNotFound();
      const [sections, found] = await Promise.all([sectionsOfVenues(tx, [venue.id]), performersById(tx, performerIds)]);
      refuse(checkPerformersFound(performerIds, new Set(found.map((performer) => performer.id))));
      refuse(checkPriceSections(prices, new Set(sections.map((section) => section.id))));
      const fields = {
        title,
        description: input.description ?? '',
        category: input.category,
        venueId: venue.id,
        currency: prices[0]?.currency ?? NO_CURRENCY,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        onSaleAt: input.onSaleAt,
        holdTtlSeconds: input.holdTtlSeconds ?? HOLD_TTL_SECONDS.default,
        ticketLimit: input.ticketLimitPerUser ?? TICKET_LIMIT.default,
      };
      return insertDraft(tx, { ...fields, organizerId: viewer.userId }, performerIds, prices, now);
    });
  }

  /**
   * Edits an event the caller runs (UpdateEventInput's rules). New prices on
   * sale go to the tickets not sold in the transaction that changes the
   * section's price, and onto the seat map with it; new times of an event
   * with buyers go to the outbox (event.rescheduled), for them to be told.
   */
  async updateEvent(eventId: number, changes: EventChanges): Promise<Result<EventRow>> {
    const viewer = requireOrganizer(this.scope.viewer);
    const title = changes.title?.trim();
    const prices = changes.prices ? normalized(changes.prices) : null;
    const performerIds = changes.performerIds ?? null;
    const invalid =
      (title !== undefined ? checkTitle(title) : undefined) ??
      checkSettings(changes) ??
      (performerIds ? checkPerformerList(performerIds) : undefined) ??
      (prices ? checkPriceList(prices) : undefined);
    if (invalid) return invalid;
    return repricing(async () => {
      const recordLater: EventChange[] = [];
      const updated = await transaction(this.services.seatMapLog, async (tx) => {
        const now = this.scope.clock();
        const { event, venues } = await lockManagedEvent(tx, viewer, eventId, changes.venueId ? [changes.venueId] : []);
        const fields = await this.changedFields(tx, viewer, event, venues, { ...changes, title, prices }, now);
        const draft = event.status === 'DRAFT';
        const moving = fields.venueId !== event.venueId;
        if (prices?.length && !moving) refuse(await checkWithinBounds(tx, event.id, prices, now));
        const row = await updateEventFields(tx, event.id, fields, now);
        if (performerIds) await setPerformers(tx, event.id, performerIds);
        if (draft && (moving || prices?.length)) await setDraftPrices(tx, event.id, prices ?? [], moving);
        if (!draft && prices?.length) {
          const repriced = await repriceOnSale(
            tx,
            event.id,
            prices.map((price) => ({ ...price, reason: ORGANIZER_SET_IT })),
            now,
          );
          if (this.services.unsafeEventGuards?.unsafeSplitPriceChange) recordLater.push(...repriced);
          else recordSeatMapChanges(tx, repriced);
        }
        if (!draft && (await this.rescheduledWithBuyers(tx, event, fields))) {
          const payload = {
            eventId: event.id,
            startsAt: fields.startsAt.toISOString(),
            endsAt: fields.endsAt.toISOString(),
            previousStartsAt: event.startsAt.toISOString(),
            previousEndsAt: event.endsAt.toISOString(),
          };
          await write(tx, { topic: 'event.rescheduled', payload }, now);
        }
        return row;
      });
      if (recordLater.length > 0) await this.services.seatMapLog.transaction(async (tx) => recordSeatMapChanges(tx, recordLater));
      return updated;
    });
  }

  /** Whether the change moves the start or end of an event that has confirmed bookings: its buyers are to be told. */
  private async rescheduledWithBuyers(tx: Tx, event: EventRow, fields: EventTimes): Promise<boolean> {
    const moved = fields.startsAt.getTime() !== event.startsAt.getTime() || fields.endsAt.getTime() !== event.endsAt.getTime();
    return moved && (await hasConfirmedBookings(tx, event.id));
  }

  /**
   * The event's settings once `changes` apply (title trimmed, prices in
   * capitals), or a rollback with the rule they break: a cancelled event
   * stays as it is; venue and new sections only while DRAFT, a venue the
   * caller may use; onSaleAt fixed once the sale opened; times in order, a
   * new start ahead; performers that exist; prices of the venue's sections.
   */
  private async changedFields(tx: Tx, viewer: Viewer, event: EventRow, venues: readonly LockedVenue[], changes: EventChanges, now: Date): Promise<EventFields> {
    const fail = (code: UserErrorCode, message: string, field: string) => new Rollback(userFailure(code, message, ['input', field]));
    if (event.status === 'CANCELLED') throw fail('ALREADY_CANCELLED', 'A cancelled event cannot be edited.', 'eventId');
    const draft = event.status === 'DRAFT';
    const venueId = changes.venueId ?? event.venueId;
    const moving = venueId !== event.venueId;
    if (moving && !draft) throw fail('EVENT_NOT_DRAFT', 'The venue of a published event cannot change: its tickets are its seats.', 'venueId');
    if (moving && !venues.some((venue) => venue.id === venueId && canUseVenue(viewer, venue))) throw venueNotFound();
    const times = { startsAt: changes.startsAt ?? event.startsAt, endsAt: changes.endsAt ?? event.endsAt, onSaleAt: changes.onSaleAt ?? event.onSaleAt };
    const moved = new Set([...EVERY_TIME].filter((time) => times[time].getTime() !== event[time].getTime()));
    if (moved.has('onSaleAt') && !draft && event.onSaleAt <= now) throw fail('INVALID_DATES', 'onSaleAt cannot change once the sale has opened.', 'onSaleAt');
    refuse(checkTimes(times, moved, now));
    if (changes.performerIds) {
      const found = await performersById(tx, changes.performerIds);
      refuse(checkPerformersFound(changes.performerIds, new Set(found.map((performer) => performer.id))));
    }
    return {
      title: changes.title ?? event.title,
      description: changes.description ?? event.description,
      category: changes.category ?? event.category,
      venueId,
      currency: changes.prices || moving ? await this.currencyWith(tx, event, venueId, changes.prices ?? []) : event.currency,
      ...times,
      holdTtlSeconds: changes.holdTtlSeconds ?? event.holdTtlSeconds,
      ticketLimit: changes.ticketLimitPerUser ?? event.ticketLimit,
    };
  }

  /**
   * The event's currency once `prices` apply, or a rollback with why they
   * cannot: each of the venue's sections; on a published event only sections
   * it sells, in its currency; on a draft, one currency with the prices it
   * keeps (a draft moving venue keeps none).
   */
  private async currencyWith(tx: Tx, event: EventRow, venueId: number, prices: readonly PriceInput[]): Promise<string> {
    const [sections, current] = await Promise.all([sectionsOfVenues(tx, [venueId]), pricesOfEvent(tx, event.id)]);
    refuse(checkPriceSections(prices, new Set(sections.map((section) => section.id))));
    const kept = venueId === event.venueId ? current.filter((price) => !prices.some((given) => given.sectionId === price.sectionId)) : [];
    if (event.status !== 'DRAFT') {
      const unsold = prices.findIndex((price) => !current.some((priced) => priced.sectionId === price.sectionId));
      if (unsold >= 0) {
        const message = 'Only a draft’s sections can be priced anew: a published event sells the sections it was published with.';
        refuse(userFailure('EVENT_NOT_DRAFT', message, ['input', 'prices', String(unsold), 'sectionId']));
      }
    }
    if (prices.length === 0) return kept.length > 0 ? event.currency : NO_CURRENCY;
    if ((kept.length > 0 || event.status !== 'DRAFT') && prices[0]!.currency !== event.currency) {
      const message = `This event’s prices are in ${event.currency}, and every price of an event is in one currency.`;
      refuse(userFailure('INVALID_PRICE', message, ['input', 'prices', '0', 'currency']));
    }
    return prices[0]!.currency;
  }

  /** Puts a draft on sale (publish.ts). */
  publishEvent(eventId: number): Promise<Result<EventRow>> {
    return publishEvent(this.services.seatMapLog, this.scope, eventId, this.services.unsafeEventGuards);
  }

  /** Deletes a draft with its performers and prices; a published event has tickets, and is cancelled instead. */
  async deleteEvent(eventId: number): Promise<Result<{ eventId: number }>> {
    const viewer = requireOrganizer(this.scope.viewer);
    return transaction(this.services.seatMapLog, async (tx) => {
      const { event } = await lockManagedEvent(tx, viewer, eventId);
      if (event.status !== 'DRAFT' || (await hasTickets(tx, event.id))) {
        throw new Rollback(
          userFailure('EVENT_HAS_TICKETS', 'The event has tickets: a published event is cancelled (cancelEvent), not deleted.', ['input', 'eventId']),
        );
      }
      await deleteEventRow(tx, event.id);
      return { eventId: event.id };
    });
  }
}
