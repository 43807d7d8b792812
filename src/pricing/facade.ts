/**
 * Dynamic pricing as one request sees it: an organizer's policies and their
 * preview, and what everyone may read of prices (bounds, the pricing mode,
 * the history). Resolvers call it as `context.pricing`; server.ts builds one
 * per request.
 *
 * setPricingPolicy has no rate limit of its own: only organizers and admins
 * may call it, on their own events, and it writes one row per section.
 */
import DataLoader from 'dataloader';

import { canManageEvent, requireOrganizer } from '../accounts/policy.js';
import { groupByKey, pageLoader } from '../batch.js';
import { Rollback, transaction } from '../booking/transaction.js';
import type { EventRow, PricedSection } from '../catalog/types.js';
import type { Sql } from '../db/client.js';
import { notFound } from '../errors.js';
import { lockManagedEvent } from '../organizer/locks.js';
import { pricesOfEvent } from '../organizer/store/events.js';
import { type Connection, decodeCursor, encodeCursor, pageSize, toConnection } from '../relay/connection.js';
import type { RequestScope } from '../request-scope.js';
import type { SeatMapLog } from '../seatmap/change-log.js';
import { type Result, userFailure } from '../user-error.js';
import { checkCurrency, checkPolicy, inForceOfSections, isWithin, NOTICE_MS, policiesAt, type PolicyInput, type PolicySettings, widens } from './policy.js';
import { reviewDueAt, reviewEvent, type SectionReview, selling } from './review.js';
import { lastPriceChanges, policiesOfEvents, type PolicyRow, type PriceChangeRow, priceChangesOfEvents, replacePolicies } from './store.js';

/** What pricing needs for every request. */
export interface PricingServices {
  sql: Sql;
  seatMapLog: SeatMapLog;
  /** How many times its floor a ceiling may be (PRICING_MAX_CEILING_MULTIPLE). */
  maxCeilingMultiple: number;
  /** Whether a waiting room admits fans to the event now (the preview shows a rise held back, as the repricer would). */
  admitting(eventId: number): Promise<boolean>;
}

/** A policy as setPricingPolicy answers it: for one section, or every section (null). */
export type PolicyView = PolicySettings & { eventId: number; sectionId: number | null; currency: string; effectiveAt: Date };

/** A section's bounds as everyone sees them. */
export type BoundsView = Pick<PolicyRow, 'mode' | 'floor' | 'ceiling' | 'effectiveAt'> & { currency: string };

/** The event's pricing as everyone sees it. */
export interface EventPricingView {
  mode: PolicyRow['mode'];
  nextReviewAt: Date | null;
  lastChangedAt: Date | null;
}

/** A section's review as previewPricing shows it. */
export type SectionPreview = SectionReview & { currency: string };

/** What previewPricing answers. */
export interface PricingPreviewView {
  event: EventRow;
  at: Date;
  sections: SectionPreview[];
}

interface HistoryPageKey {
  eventId: number;
  size: number;
  after: string | null;
}

function createPricingLoaders(sql: Sql) {
  return {
    policiesByEventId: new DataLoader<number, PolicyRow[]>(async (ids) => groupByKey(ids, await policiesOfEvents(sql, ids), (row) => row.eventId)),
    lastChangeByEventId: new DataLoader<number, Date | null>(async (ids) => {
      const last = new Map((await lastPriceChanges(sql, ids)).map((row) => [row.eventId, row.changedAt]));
      return ids.map((id) => last.get(id) ?? null);
    }),
    historyPages: pageLoader<HistoryPageKey, Connection<PriceChangeRow>>(
      ({ size, after }) => JSON.stringify([size, after]),
      async (keys) => {
        const { size, after } = keys[0]!;
        const beforeId = after === null ? null : decodeCursor(after, ['bigint'] as const)[0];
        const eventIds = keys.map((key) => key.eventId);
        const rows = await priceChangesOfEvents(sql, eventIds, beforeId, size + 1);
        return groupByKey(eventIds, rows, (row) => row.eventId).map((page) => toConnection(page, size, (row) => encodeCursor([row.id])));
      },
    ),
  };
}

export class PricingFacade {
  /** The request's loaders, made at its first read of pricing. */
  private requestLoaders?: ReturnType<typeof createPricingLoaders>;

  constructor(
    private readonly services: PricingServices,
    private readonly scope: RequestScope,
  ) {}

  /**
   * Sets the policy of a section of an event the caller runs (or of every
   * section it sells). It applies at once on a draft, before the sale opens,
   * or when it does not widen the bounds in force (a section without a
   * policy is bounded by its price); wider bounds on an open sale are
   * announced, and apply NOTICE_MS later. A new policy replaces any
   * announced one.
   */
  async setPricingPolicy(eventId: number, input: PolicyInput): Promise<Result<PolicyView>> {
    const viewer = requireOrganizer(this.scope.viewer);
    const settings = checkPolicy(input, this.services.maxCeilingMultiple);
    if ('userErrors' in settings) return settings;
    const refuse = (message: string, field: string) => new Rollback(userFailure('INVALID_PRICING_POLICY', message, ['input', field]));
    return transaction(this.services.seatMapLog, async (tx) => {
      const now = this.scope.clock();
      const { event } = await lockManagedEvent(tx, viewer, eventId);
      if (event.status === 'CANCELLED' || event.startsAt <= now) throw refuse('The event is cancelled or has started: its prices no longer move.', 'eventId');
      const wrongCurrency = checkCurrency(input.currency, event.currency);
      if (wrongCurrency) throw new Rollback(wrongCurrency);
      const prices = await pricesOfEvent(tx, event.id);
      const sections = input.sectionId === null ? prices : prices.filter((price) => price.sectionId === input.sectionId);
      if (sections.length === 0) throw refuse('The event does not sell this section: pick one of its priced sections.', 'sectionId');
      const outside = sections.find((section) => !isWithin(section.amount, settings));
      if (outside) {
        const field = outside.amount < settings.floor ? 'floor' : 'ceiling';
        throw refuse(`The section’s price now (${outside.amount}) must lie within the bounds: set its price first (updateEvent), or other bounds.`, field);
      }
      const rows = await policiesOfEvents(tx, [event.id]);
      const saleOpen = event.status !== 'DRAFT' && event.onSaleAt <= now;
      const widened = sections.some((section) => {
        const inForce = policiesAt(
          rows.filter((row) => row.sectionId === section.sectionId),
          now,
        ).inForce;
        return widens(inForce ?? { floor: section.amount, ceiling: section.amount }, settings);
      });
      const announced = saleOpen && widened;
      const effectiveAt = announced ? new Date(now.getTime() + NOTICE_MS) : now;
      await replacePolicies(
        tx,
        sections.map((section) => ({ eventId: event.id, sectionId: section.sectionId, ...settings, effectiveAt })),
        { announced, now },
      );
      return { ...settings, eventId: event.id, sectionId: input.sectionId, currency: event.currency, effectiveAt };
    });
  }

  /** What a review of the event's prices would do now and why, without doing it: for its organizer and admins (NOT_FOUND for anyone else). */
  async previewPricing(eventId: number): Promise<PricingPreviewView> {
    const viewer = requireOrganizer(this.scope.viewer);
    const event = await this.scope.loaders.eventById.load(eventId);
    if (!event || !canManageEvent(viewer, event)) throw notFound('No event you run has this ID.');
    const at = this.scope.clock();
    const sections = await reviewEvent(this.services.sql, event, at, { admitting: await this.services.admitting(event.id), dueOnly: false });
    // A review overdue now comes at the repricer's next round: shown as now.
    const reviewAt = (dueAt: Date | null) => dueAt && (dueAt < at ? at : dueAt);
    return { event, at, sections: sections.map((section) => ({ ...section, dueAt: reviewAt(section.dueAt), currency: event.currency })) };
  }

  /** The section's bounds in force, and those announced to follow, if it has a policy. */
  async boundsOf(priced: PricedSection): Promise<{ inForce?: BoundsView; announced?: BoundsView }> {
    const rows = (await this.loaders.policiesByEventId.load(priced.eventId)).filter((row) => row.sectionId === priced.sectionId);
    const { inForce, announced } = policiesAt(rows, this.scope.clock());
    const view = (row: PolicyRow | undefined) => row && { ...row, currency: priced.currency };
    return { inForce: view(inForce), announced: view(announced) };
  }

  /** DEMAND when a section's policy in force is, with the next review of one and the last change of any price. */
  async pricingOf(event: EventRow): Promise<EventPricingView> {
    const now = this.scope.clock();
    const [rows, lastChangedAt] = await Promise.all([this.loaders.policiesByEventId.load(event.id), this.loaders.lastChangeByEventId.load(event.id)]);
    const demand = inForceOfSections(rows, now).filter((policy) => policy.mode === 'DEMAND');
    const open = selling(event, now);
    const reviews = demand.map((policy) => reviewDueAt(policy, event).getTime());
    return {
      mode: demand.length > 0 ? 'DEMAND' : 'FIXED',
      nextReviewAt: open && reviews.length > 0 ? new Date(Math.max(now.getTime(), Math.min(...reviews))) : null,
      lastChangedAt,
    };
  }

  /** A page of the event's price changes, newest first (`first` checked as a page size). */
  priceHistoryOf(event: EventRow, first: number | null | undefined, after: string | null | undefined): Promise<Connection<PriceChangeRow>> {
    return this.loaders.historyPages.load({ eventId: event.id, size: pageSize(first), after: after ?? null });
  }

  private get loaders() {
    return (this.requestLoaders ??= createPricingLoaders(this.services.sql));
  }
}
