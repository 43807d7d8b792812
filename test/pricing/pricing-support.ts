/**
 * What the dynamic-pricing tests share: its operations as a client sends
 * them, an event on sale with a section to price, sales through the API, and
 * the rows a refused setPricingPolicy must leave alone.
 */
import { randomUUID } from 'node:crypto';

import type postgres from 'postgres';
import { expect } from 'vitest';

import { toGlobalId } from '../../src/relay/global-id.js';
import { type Buyer, createBuyers, createOnSaleEvent, type OnSaleEvent } from '../support/booking.js';
import { CONFIRM, RESERVE } from '../support/booking-operations.js';
import type { TestServer } from '../support/server.js';

const BOUNDS = 'floor { amount currency } ceiling { amount currency } mode effectiveAt';

export const SET_PRICING_POLICY = `mutation ($input: SetPricingPolicyInput!) {
  setPricingPolicy(input: $input) {
    policy { event { id } section { id } mode floor { amount currency } ceiling { amount currency } maxStepPercent minIntervalSeconds targetSellThrough effectiveAt }
    userErrors { code message field }
  }
}`;

export const PREVIEW_PRICING = `query ($eventId: ID!) {
  previewPricing(eventId: $eventId) { at sections { section { id } mode price { amount } nextPrice { amount } reason reviewAt } }
}`;

/** What anyone may read of an event's prices. */
export const EVENT_PRICES = `query ($id: ID!) {
  event(id: $id) {
    pricing { mode nextReviewAt lastChangedAt }
    sections { section { id } price { amount currency } priceBounds { ${BOUNDS} } announcedPriceBounds { ${BOUNDS} } }
    priceHistory(first: 100) { edges { node { section { id } oldPrice { amount currency } newPrice { amount currency } reason changedAt } } }
  }
}`;

const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** An event of `organizerId` on sale from `onSaleAt` to `startsAt`: a reserved section of 200 seats at $120 and a floor of 20 at $50, 50 tickets a buyer. */
export async function pricedEvent(
  sql: postgres.Sql,
  organizerId: number,
  times: { onSaleAt: Date; startsAt: Date },
): Promise<OnSaleEvent & { sectionId: string }> {
  const event = await createOnSaleEvent(sql, organizerId, { rows: 10, seatsPerRow: 20, ticketLimit: 50, ...times });
  return { ...event, sectionId: toGlobalId('Section', event.reservedSectionId) };
}

/** setPricingPolicy's input for the event's reserved section: DEMAND from $100 to $200, with `overrides`. */
export function policyInput(event: { id: string; sectionId: string }, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventId: event.id,
    sectionId: event.sectionId,
    mode: 'DEMAND',
    floor: 10_000,
    ceiling: 20_000,
    currency: 'USD',
    maxStepPercent: 10,
    minIntervalSeconds: 60,
    targetSellThrough: 0.9,
    ...overrides,
  };
}

/** Sets a policy as `token`; answers the payload, asserting it was set. */
export async function setPolicy(server: TestServer, token: string, input: Record<string, unknown>) {
  const { data, errors } = await server.graphql(SET_PRICING_POLICY, { input }, token);
  expect(errors).toBeUndefined();
  expect(data.setPricingPolicy.userErrors).toEqual([]);
  return data.setPricingPolicy.policy;
}

/** The event's prices as anyone reads them. */
export async function eventPrices(server: TestServer, eventId: string) {
  const { data, errors } = await server.graphql(EVENT_PRICES, { id: eventId });
  expect(errors).toBeUndefined();
  return data.event;
}

/** Reserves `quantity` best-available tickets of the section as `buyer`; answers the hold. */
export async function reserve(server: TestServer, buyer: Buyer, event: { id: string; sectionId: string }, quantity: number) {
  const { data, errors } = await server.graphql(
    RESERVE,
    { input: { eventId: event.id, bestAvailable: { quantity, sectionId: event.sectionId } } },
    buyer.token,
  );
  expect(errors).toBeUndefined();
  expect(data.reserveSeats.userErrors).toEqual([]);
  return data.reserveSeats.hold;
}

/** Pays for a hold of `buyer`'s; answers the booking. */
export async function confirm(server: TestServer, buyer: Buyer, holdId: string) {
  const { data, errors } = await server.graphql(CONFIRM, { input: { holdId, payment: { token: 'tok_visa' }, idempotencyKey: randomUUID() } }, buyer.token);
  expect(errors).toBeUndefined();
  expect(data.confirmBooking.userErrors).toEqual([]);
  return data.confirmBooking.booking;
}

/** Sells `count` tickets of the section through the API (reserve and pay), to one new buyer. */
export async function sell(server: TestServer, sql: postgres.Sql, event: { id: string; sectionId: string }, count: number): Promise<void> {
  const [buyer] = (await createBuyers(sql, 1)) as [Buyer];
  await confirm(server, buyer, (await reserve(server, buyer, event, count)).id);
}

/** The pricing rows a refused change must leave as they were: policies and history. */
export function pricingRows(sql: postgres.Sql) {
  return Promise.all([
    sql`SELECT * FROM pricing_policies ORDER BY id`,
    sql`SELECT * FROM price_changes ORDER BY id`,
    sql`SELECT event_id, section_id, price FROM event_sections ORDER BY event_id, section_id`,
  ]);
}
