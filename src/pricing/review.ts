/**
 * A review of an event's prices: for each section with a policy in force,
 * what its price should be now and why (demand.ts's rule in DEMAND mode; a
 * FIXED price holds). The repricer applies the decisions of the sections due
 * (repricer.ts); previewPricing shows them all without applying any.
 */
import type { Queryable } from '../db/client.js';
import { demandPrice, type PriceDecision } from './demand.js';
import { inForceOfSections } from './policy.js';
import { policiesOfEvents, type PolicyRow, salesOfSections } from './store.js';

/** An event as a review reads it. */
export interface ReviewedEvent {
  id: number;
  status: string;
  onSaleAt: Date;
  startsAt: Date;
  currency: string;
}

/** A section's decision, with the policy it follows and when that policy has it reviewed next (null: it does not, FIXED or not on sale). */
export interface SectionReview extends PriceDecision {
  sectionId: number;
  policy: PolicyRow;
  /** The price before the decision. */
  currentPrice: number;
  dueAt: Date | null;
}

/** Whether the event sells at `now`: the repricer moves prices only then. */
export const selling = (event: ReviewedEvent, now: Date) => event.status === 'ON_SALE' && event.onSaleAt <= now && now < event.startsAt;

/** When a DEMAND policy's section is next reviewed: its interval after the last review, or after the policy or the sale began. */
export function reviewFrom(policy: PolicyRow, event: ReviewedEvent): Date {
  const since = policy.reviewedAt ?? policy.effectiveAt;
  return since > event.onSaleAt ? since : event.onSaleAt;
}

/** When a DEMAND policy's section is due for review: its interval after reviewFrom. */
export const reviewDueAt = (policy: PolicyRow, event: ReviewedEvent) => new Date(reviewFrom(policy, event).getTime() + policy.minIntervalSeconds * 1000);

/**
 * The decision for each section of `event` with a policy in force at `now`
 * (only those due, with `dueOnly`); `admitting`: a waiting room admits fans,
 * so no price rises.
 */
export async function reviewEvent(sql: Queryable, event: ReviewedEvent, now: Date, { admitting, dueOnly }: { admitting: boolean; dueOnly: boolean }) {
  const open = selling(event, now);
  const dueAtOf = (policy: PolicyRow) => (policy.mode === 'DEMAND' && open ? reviewDueAt(policy, event) : null);
  const due = (policy: PolicyRow) => (dueAtOf(policy)?.getTime() ?? Infinity) <= now.getTime();
  const policies = inForceOfSections(await policiesOfEvents(sql, [event.id]), now).filter((policy) => !dueOnly || due(policy));
  if (policies.length === 0) return [];
  const sales = await salesOfSections(
    sql,
    event.id,
    policies.map((policy) => ({ sectionId: policy.sectionId, since: reviewFrom(policy, event) })),
    now,
  );
  const salesOf = new Map(sales.map((section) => [section.sectionId, section]));
  return policies.map((policy): SectionReview => {
    const section = salesOf.get(policy.sectionId)!;
    const base = { sectionId: policy.sectionId, policy, currentPrice: section.price, dueAt: dueAtOf(policy) };
    if (policy.mode === 'FIXED') return { ...base, price: section.price, reason: 'FIXED: the price moves only when the organizer sets it.' };
    if (!open) {
      const when = `from ${event.onSaleAt.toISOString()} until the start, ${event.startsAt.toISOString()}`;
      return { ...base, price: section.price, reason: `The price moves with demand only while the sale is open, ${when}.` };
    }
    const since = reviewFrom(policy, event);
    return {
      ...base,
      ...demandPrice({ ...policy, ...section, since, onSaleAt: event.onSaleAt, startsAt: event.startsAt, now, currency: event.currency, admitting }),
    };
  });
}
