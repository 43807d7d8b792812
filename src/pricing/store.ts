/**
 * The SQL of prices on sale: a published event's new section prices with
 * their tickets' and their history (reprice.ts says in which order and why),
 * pricing policies, and what the repricer reads of a section's sales.
 * Arrays of times go as ISO text (`::text[]::timestamptz[]`): db/client.ts's
 * timestamptz serializer takes one Date, not an array of them.
 */
import type { Queryable } from '../db/client.js';
import type { pricingMode, ticketStatus } from '../db/schema.js';

/** A section's price, in minor units of the event's currency. */
export interface SectionPrice {
  sectionId: number;
  amount: number;
}

/** A section's new price with its old one and why it changed: a row of the public price history. */
export interface PriceChangeRow {
  id: number;
  eventId: number;
  sectionId: number;
  oldPrice: number;
  newPrice: number;
  reason: string;
  changedAt: Date;
  /** The event's, as the prices are. */
  currency: string;
}

/** A section's pricing policy, in force from `effectiveAt` (see db/schema.ts's pricingPolicies). */
export interface PolicyRow {
  eventId: number;
  sectionId: number;
  mode: (typeof pricingMode.enumValues)[number];
  floor: number;
  ceiling: number;
  maxStepPercent: number;
  minIntervalSeconds: number;
  targetSellThroughBp: number;
  effectiveAt: Date;
  reviewedAt: Date | null;
}

/** A policy as it is set, for one section. */
export type NewPolicy = Omit<PolicyRow, 'reviewedAt'>;

/** A ticket whose price changed, with its status as stored (what the seat map logs). */
export interface RepricedTicket {
  ticketId: number;
  status: (typeof ticketStatus.enumValues)[number];
  price: number;
}

/** What the repricer weighs of a section: its price, its tickets, those sold, and those sold since `since`. */
export interface SectionSales {
  sectionId: number;
  price: number;
  capacity: number;
  sold: number;
  soldSince: number;
}

/** Sets new prices of a published event's sections (those that differ); answers the sections changed, with their old and new price. */
export function setSectionPrices(tx: Queryable, eventId: number, prices: readonly SectionPrice[]): Promise<(SectionPrice & { oldAmount: number })[]> {
  return tx<(SectionPrice & { oldAmount: number })[]>`
    UPDATE event_sections es SET price = given.price
    FROM unnest(${prices.map((p) => p.sectionId)}::integer[], ${prices.map((p) => p.amount)}::integer[]) AS given (section_id, price)
      JOIN event_sections old ON old.event_id = ${eventId} AND old.section_id = given.section_id
    WHERE es.event_id = ${eventId} AND es.section_id = given.section_id AND es.price <> given.price
    RETURNING es.section_id AS "sectionId", es.price AS amount, old.price AS "oldAmount"`;
}

/** Appends price changes to the event's history. */
export async function recordPriceChanges(tx: Queryable, changes: readonly Omit<PriceChangeRow, 'id' | 'currency'>[]): Promise<void> {
  if (changes.length === 0) return;
  await tx`
    INSERT INTO price_changes (event_id, section_id, old_price, new_price, reason, changed_at)
    SELECT * FROM unnest(${changes.map((c) => c.eventId)}::integer[], ${changes.map((c) => c.sectionId)}::integer[],
                         ${changes.map((c) => c.oldPrice)}::integer[], ${changes.map((c) => c.newPrice)}::integer[],
                         ${changes.map((c) => c.reason)}::text[], ${changes.map((c) => c.changedAt.toISOString())}::text[]::timestamptz[])`;
}

/**
 * Gives each ticket of `sections` that is not SOLD, and not at its section's
 * price yet, that price (a live hold keeps the price it fixed in
 * hold_tickets); answers the tickets changed. Locks them first, in id order:
 * with `skipLocked`, only those no other transaction has locked, without
 * waiting for any.
 */
export async function repriceTickets(
  tx: Queryable,
  eventId: number,
  sections: readonly SectionPrice[],
  { skipLocked }: { skipLocked: boolean },
): Promise<RepricedTicket[]> {
  const changed = await tx<{ ticketId: string; status: RepricedTicket['status']; price: number }[]>`
    WITH unsold AS (
      SELECT t.id, given.price
      FROM tickets t JOIN unnest(${sections.map((s) => s.sectionId)}::integer[], ${sections.map((s) => s.amount)}::integer[]) AS given (section_id, price)
        ON given.section_id = t.section_id
      WHERE t.event_id = ${eventId} AND t.status <> 'SOLD' AND t.price <> given.price
      ORDER BY t.id
      FOR UPDATE OF t ${skipLocked ? tx`SKIP LOCKED` : tx``}
    )
    UPDATE tickets t SET price = unsold.price FROM unsold WHERE t.id = unsold.id
    RETURNING t.id AS "ticketId", t.status, t.price`;
  return changed.map((ticket) => ({ ...ticket, ticketId: Number(ticket.ticketId) }));
}

const policyColumns = (sql: Queryable) =>
  sql`event_id AS "eventId", section_id AS "sectionId", mode, floor, ceiling, max_step_percent AS "maxStepPercent",
      min_interval_seconds AS "minIntervalSeconds", target_sell_through_bp AS "targetSellThroughBp", effective_at AS "effectiveAt", reviewed_at AS "reviewedAt"`;

/** Every policy of the events, in force, announced or superseded (policy.ts tells them apart), by event, section and effectiveAt. */
export function policiesOfEvents(sql: Queryable, eventIds: readonly number[]): Promise<PolicyRow[]> {
  return sql<PolicyRow[]>`
    SELECT ${policyColumns(sql)} FROM pricing_policies WHERE event_id = ANY(${eventIds as number[]}::integer[])
    ORDER BY event_id, section_id, effective_at`;
}

/**
 * Stores the policies, each for its section: `announced` ones join the
 * policy in force (replacing any announced before); others replace every
 * policy of their section.
 */
export async function replacePolicies(tx: Queryable, policies: readonly NewPolicy[], { announced, now }: { announced: boolean; now: Date }): Promise<void> {
  const column = <K extends keyof NewPolicy>(key: K) => policies.map((policy) => policy[key]);
  // Two statements: a data-modifying WITH runs its parts in no set order, so an INSERT there could meet the row it replaces.
  await tx`
    DELETE FROM pricing_policies p USING unnest(${column('eventId')}::integer[], ${column('sectionId')}::integer[]) AS given (event_id, section_id)
    WHERE p.event_id = given.event_id AND p.section_id = given.section_id AND (NOT ${announced}::boolean OR p.effective_at > ${now})`;
  await tx`
    INSERT INTO pricing_policies (event_id, section_id, mode, floor, ceiling, max_step_percent, min_interval_seconds, target_sell_through_bp, effective_at, created_at)
    SELECT *, ${now}::timestamptz FROM unnest(${column('eventId')}::integer[], ${column('sectionId')}::integer[], ${column('mode')}::pricing_mode[],
      ${column('floor')}::integer[], ${column('ceiling')}::integer[], ${column('maxStepPercent')}::integer[], ${column('minIntervalSeconds')}::integer[],
      ${column('targetSellThroughBp')}::integer[], ${policies.map((policy) => policy.effectiveAt.toISOString())}::text[]::timestamptz[])`;
}

/**
 * Events on sale at `now` with a section whose DEMAND policy in force is due
 * for review: its last review (or, before the first, the opening of the sale
 * or of the policy, whichever is later) is at least its interval ago.
 */
export async function eventsDueForReview(sql: Queryable, now: Date): Promise<number[]> {
  const rows = await sql<{ eventId: number }[]>`
    SELECT DISTINCT p.event_id AS "eventId"
    FROM pricing_policies p JOIN events e ON e.id = p.event_id
    WHERE e.status = 'ON_SALE' AND e.on_sale_at <= ${now} AND e.starts_at > ${now} AND p.mode = 'DEMAND' AND p.effective_at <= ${now}
      AND NOT EXISTS (SELECT 1 FROM pricing_policies newer WHERE newer.event_id = p.event_id AND newer.section_id = p.section_id
                        AND newer.effective_at > p.effective_at AND newer.effective_at <= ${now})
      AND greatest(e.on_sale_at, coalesce(p.reviewed_at, p.effective_at)) + make_interval(secs => p.min_interval_seconds) <= ${now}
    ORDER BY p.event_id`;
  return rows.map((row) => row.eventId);
}

/** The event's timing and currency, share-locked until the transaction ends: a change or cancellation of it waits (and this for it). */
export async function shareLockEvent(
  tx: Queryable,
  eventId: number,
): Promise<{ status: string; onSaleAt: Date; startsAt: Date; currency: string } | undefined> {
  const [event] = await tx<[{ status: string; onSaleAt: Date; startsAt: Date; currency: string }?]>`
    SELECT status, on_sale_at AS "onSaleAt", starts_at AS "startsAt", currency FROM events WHERE id = ${eventId} FOR SHARE`;
  return event;
}

/**
 * The price and sales of the event's sections `sections`, each with those
 * sold from its own `since` until `now` (by their booking's time): a review at
 * `now` counts a sale made at `now` in the next review's window, not in both.
 */
export function salesOfSections(sql: Queryable, eventId: number, sections: readonly { sectionId: number; since: Date }[], now: Date): Promise<SectionSales[]> {
  return sql<SectionSales[]>`
    SELECT t.section_id AS "sectionId", es.price, count(*)::int AS capacity, count(*) FILTER (WHERE t.status = 'SOLD')::int AS sold,
           count(*) FILTER (WHERE t.status = 'SOLD' AND b.created_at >= given.since AND b.created_at < ${now})::int AS "soldSince"
    FROM tickets t
      JOIN unnest(${sections.map((s) => s.sectionId)}::integer[], ${sections.map((s) => s.since.toISOString())}::text[]::timestamptz[]) AS given (section_id, since)
        ON given.section_id = t.section_id
      JOIN event_sections es ON es.event_id = t.event_id AND es.section_id = t.section_id
      LEFT JOIN bookings b ON b.id = t.booking_id
    WHERE t.event_id = ${eventId}
    GROUP BY t.section_id, es.price`;
}

/** Marks the sections' policies in force reviewed at `now`, and drops the policies they superseded. */
export async function markReviewed(tx: Queryable, eventId: number, sectionIds: readonly number[], now: Date): Promise<void> {
  await tx`
    WITH in_force AS (
      SELECT DISTINCT ON (section_id) section_id, effective_at FROM pricing_policies
      WHERE event_id = ${eventId} AND section_id = ANY(${sectionIds as number[]}::integer[]) AND effective_at <= ${now}
      ORDER BY section_id, effective_at DESC
    ), superseded AS (
      DELETE FROM pricing_policies p USING in_force f
      WHERE p.event_id = ${eventId} AND p.section_id = f.section_id AND p.effective_at < f.effective_at
    )
    UPDATE pricing_policies p SET reviewed_at = ${now} FROM in_force f
    WHERE p.event_id = ${eventId} AND p.section_id = f.section_id AND p.effective_at = f.effective_at`;
}

/** Up to `limit` changes of each event's prices before the change `beforeId` (from the newest, when null), newest first, event by event. */
export async function priceChangesOfEvents(sql: Queryable, eventIds: readonly number[], beforeId: number | null, limit: number): Promise<PriceChangeRow[]> {
  const rows = await sql<PriceChangeRow[]>`
    SELECT page.*, ev.currency FROM unnest(${eventIds as number[]}::integer[]) WITH ORDINALITY AS e(id, position) JOIN events ev ON ev.id = e.id CROSS JOIN LATERAL (
      SELECT id, event_id AS "eventId", section_id AS "sectionId", old_price AS "oldPrice", new_price AS "newPrice", reason, changed_at AS "changedAt"
      FROM price_changes WHERE event_id = e.id ${beforeId === null ? sql`` : sql`AND id < ${beforeId}`}
      ORDER BY id DESC LIMIT ${limit}
    ) page
    ORDER BY e.position, page.id DESC`;
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

/** When each event's price last changed, if it ever did. */
export function lastPriceChanges(sql: Queryable, eventIds: readonly number[]): Promise<{ eventId: number; changedAt: Date }[]> {
  return sql<{ eventId: number; changedAt: Date }[]>`
    SELECT e.id AS "eventId", last.changed_at AS "changedAt" FROM unnest(${eventIds as number[]}::integer[]) AS e(id) CROSS JOIN LATERAL (
      SELECT changed_at FROM price_changes WHERE event_id = e.id ORDER BY id DESC LIMIT 1
    ) last`;
}
