/**
 * setPricingPolicy and previewPricing over HTTP: who may call them, every bad
 * input refused with a typed error naming the field and nothing written, when
 * a policy applies (at once, or after 24 hours' notice when it widens an open
 * sale's bounds), the bounds everyone sees, and an organizer's own price
 * change kept within them.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { toGlobalId } from '../../src/relay/global-id.js';
import { mutate, UPDATE_EVENT } from '../organizer/events-support.js';
import { type Buyer, createBuyers } from '../support/booking.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestServer } from '../support/fixture.js';
import { manualClock } from '../support/server.js';
import { DAY, eventPrices, policyInput, PREVIEW_PRICING, pricedEvent, pricingRows, SET_PRICING_POLICY, setPolicy } from './pricing-support.js';

describe('pricing policies', () => {
  const clock = manualClock(ANCHOR);
  const { database, server } = useTestServer({ clock });
  let organizer: Buyer;
  let otherOrganizer: Buyer;
  let admin: Buyer;
  let fan: Buyer;

  beforeAll(async () => {
    [organizer, otherOrganizer] = (await createBuyers(database.sql, 2, 'ORGANIZER')) as [Buyer, Buyer];
    [admin] = (await createBuyers(database.sql, 1, 'ADMIN')) as [Buyer];
    [fan] = (await createBuyers(database.sql, 1)) as [Buyer];
  });

  beforeEach(() => clock.set(ANCHOR));

  /** An event whose sale opens a day from now (`open`: opened a day ago), ten days before its start. */
  const newEvent = (open = false) =>
    pricedEvent(database.sql, organizer.userId, {
      onSaleAt: new Date(ANCHOR.getTime() + (open ? -DAY : DAY)),
      startsAt: new Date(ANCHOR.getTime() + 10 * DAY),
    });

  const setAs = (token: string | undefined, input: Record<string, unknown>) => mutate(server, SET_PRICING_POLICY, input, token);

  it('lets the event’s organizer and admins set a policy; refuses anyone else, writing nothing', async () => {
    const event = await newEvent();
    const before = await pricingRows(database.sql);
    expect((await setAs(undefined, policyInput(event))).code).toBe('UNAUTHENTICATED');
    expect((await setAs(fan.token, policyInput(event))).code).toBe('FORBIDDEN');
    const other = await setAs(otherOrganizer.token, policyInput(event));
    expect(other.payload.userErrors).toEqual([{ code: 'EVENT_NOT_FOUND', message: expect.any(String), field: ['input', 'eventId'] }]);
    expect(other.payload.policy).toBeNull();
    expect(await pricingRows(database.sql)).toEqual(before);

    const byAdmin = await setPolicy(server, admin.token, policyInput(event, { mode: 'FIXED' }));
    expect(byAdmin).toMatchObject({ mode: 'FIXED', section: { id: event.sectionId }, floor: { amount: 10_000, currency: 'USD' } });
    const byOrganizer = await setPolicy(server, organizer.token, policyInput(event));
    expect(byOrganizer).toEqual({
      event: { id: event.id },
      section: { id: event.sectionId },
      mode: 'DEMAND',
      floor: { amount: 10_000, currency: 'USD' },
      ceiling: { amount: 20_000, currency: 'USD' },
      maxStepPercent: 10,
      minIntervalSeconds: 60,
      targetSellThrough: 0.9,
      effectiveAt: ANCHOR.toISOString(),
    });
  });

  it('refuses each bad input with INVALID_PRICING_POLICY naming the field, and writes nothing', async () => {
    const event = await newEvent();
    const elsewhere = await newEvent();
    const cancelled = await newEvent();
    await database.sql`UPDATE events SET status = 'CANCELLED' WHERE id = ${cancelled.eventId}`;
    const cases: [Record<string, unknown>, string][] = [
      [policyInput(event, { floor: 20_001 }), 'floor'],
      [policyInput(event, { floor: -1 }), 'floor'],
      [policyInput(event, { floor: 4_000, ceiling: 16_001 }), 'ceiling'],
      [policyInput(event, { ceiling: 100_000_001, floor: 30_000_000 }), 'ceiling'],
      [policyInput(event, { currency: 'EUR' }), 'currency'],
      [policyInput(event, { floor: 12_001, ceiling: 20_000 }), 'floor'],
      [policyInput(event, { floor: 5_000, ceiling: 11_999 }), 'ceiling'],
      [policyInput(event, { maxStepPercent: 26 }), 'maxStepPercent'],
      [policyInput(event, { maxStepPercent: 0 }), 'maxStepPercent'],
      [policyInput(event, { minIntervalSeconds: 9 }), 'minIntervalSeconds'],
      [policyInput(event, { targetSellThrough: 1.5 }), 'targetSellThrough'],
      [policyInput(event, { targetSellThrough: 0 }), 'targetSellThrough'],
      [policyInput(event, { sectionId: elsewhere.sectionId }), 'sectionId'],
      [policyInput(cancelled), 'eventId'],
    ];
    const before = await pricingRows(database.sql);
    for (const [input, field] of cases) {
      const { payload, errors } = await setAs(organizer.token, input);
      expect(errors, JSON.stringify(input)).toBeUndefined();
      expect(payload.userErrors, JSON.stringify(input)).toEqual([{ code: 'INVALID_PRICING_POLICY', message: expect.any(String), field: ['input', field] }]);
      expect(payload.policy).toBeNull();
    }
    expect(await pricingRows(database.sql)).toEqual(before);
  });

  it('applies at once before the sale opens, for every section when none is named, and shows the bounds to everyone', async () => {
    const event = await newEvent();
    const policy = await setPolicy(server, organizer.token, policyInput(event, { sectionId: null, floor: 5_000, ceiling: 12_000, mode: 'FIXED' }));
    expect(policy).toMatchObject({ section: null, effectiveAt: ANCHOR.toISOString() });
    const prices = await eventPrices(server, event.id);
    expect(prices.sections.map((section: any) => [section.price.amount, section.priceBounds, section.announcedPriceBounds])).toEqual(
      [12_000, 5_000].map((price) => [
        price,
        { floor: { amount: 5_000, currency: 'USD' }, ceiling: { amount: 12_000, currency: 'USD' }, mode: 'FIXED', effectiveAt: ANCHOR.toISOString() },
        null,
      ]),
    );
    expect(prices.pricing).toEqual({ mode: 'FIXED', nextReviewAt: null, lastChangedAt: null });
  });

  it('on an open sale: narrowing or FIXED applies at once, wider bounds after 24 hours of notice shown to all; a new price stays within the bounds', async () => {
    const event = await newEvent(true);
    const bounds = async () => (await eventPrices(server, event.id)).sections[0];
    // No policy yet: the price is the bounds, so keeping it FIXED applies at once, and anything wider is announced.
    expect((await setPolicy(server, organizer.token, policyInput(event, { mode: 'FIXED', floor: 12_000, ceiling: 12_000 }))).effectiveAt).toBe(
      ANCHOR.toISOString(),
    );
    const later = new Date(ANCHOR.getTime() + DAY);
    expect((await setPolicy(server, organizer.token, policyInput(event))).effectiveAt).toBe(later.toISOString());
    expect(await bounds()).toMatchObject({
      priceBounds: { floor: { amount: 12_000 }, ceiling: { amount: 12_000 }, mode: 'FIXED' },
      announcedPriceBounds: { floor: { amount: 10_000 }, ceiling: { amount: 20_000 }, mode: 'DEMAND', effectiveAt: later.toISOString() },
    });
    // A price the announced bounds would not allow is refused now, as one outside those in force.
    const sectionPrice = (amount: number) => ({ eventId: event.id, prices: [{ sectionId: event.sectionId, amount, currency: 'USD' }] });
    const before = await pricingRows(database.sql);
    for (const amount of [13_000, 9_000]) {
      const refused = await mutate(server, UPDATE_EVENT, sectionPrice(amount), organizer.token);
      expect(refused.payload.userErrors).toEqual([{ code: 'PRICE_OUT_OF_BOUNDS', message: expect.any(String), field: ['input', 'prices', '0', 'amount'] }]);
    }
    expect(await pricingRows(database.sql)).toEqual(before);

    clock.set(new Date(later.getTime() - 1));
    expect((await bounds()).priceBounds.mode).toBe('FIXED');
    clock.set(later);
    expect(await bounds()).toMatchObject({
      priceBounds: { floor: { amount: 10_000 }, ceiling: { amount: 20_000 }, mode: 'DEMAND' },
      announcedPriceBounds: null,
    });

    const narrowed = await setPolicy(server, organizer.token, policyInput(event, { floor: 11_000, ceiling: 15_000 }));
    expect(narrowed.effectiveAt).toBe(later.toISOString());
    expect((await bounds()).priceBounds).toMatchObject({ floor: { amount: 11_000 }, ceiling: { amount: 15_000 } });
    expect((await mutate(server, UPDATE_EVENT, sectionPrice(15_001), organizer.token)).payload.userErrors[0].code).toBe('PRICE_OUT_OF_BOUNDS');
    expect((await mutate(server, UPDATE_EVENT, sectionPrice(14_000), organizer.token)).payload.userErrors).toEqual([]);
    const { priceHistory, pricing } = await eventPrices(server, event.id);
    expect(priceHistory.edges.map((edge: any) => edge.node)).toEqual([
      {
        section: { id: event.sectionId },
        oldPrice: { amount: 12_000, currency: 'USD' },
        newPrice: { amount: 14_000, currency: 'USD' },
        reason: 'The organizer set the price.',
        changedAt: later.toISOString(),
      },
    ]);
    expect(pricing).toEqual({ mode: 'DEMAND', nextReviewAt: new Date(later.getTime() + 60_000).toISOString(), lastChangedAt: later.toISOString() });
  });

  describe('previewPricing', () => {
    it('shows what a review would do and why, changing nothing; for the event’s organizer and admins only', async () => {
      const event = await newEvent(true);
      clock.set(new Date(ANCHOR.getTime() - DAY - 60_000)); // before its sale opened: the policy applies at once
      await setPolicy(server, organizer.token, policyInput(event, { floor: 9_000, ceiling: 24_000 }));
      clock.set(ANCHOR);
      const preview = (token?: string) => server.graphql(PREVIEW_PRICING, { eventId: event.id }, token);
      expect((await preview()).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect((await preview(fan.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await preview(otherOrganizer.token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const before = await pricingRows(database.sql);
      for (const token of [organizer.token, admin.token]) {
        const { data, errors } = await preview(token);
        expect(errors).toBeUndefined();
        // A day of eleven gone and nothing sold: 8.2 points behind the target and not catching up, so 0.82 of a 10% step
        // down ($9.81), rounded toward the old price to a whole dollar.
        expect(data.previewPricing).toEqual({
          at: ANCHOR.toISOString(),
          sections: [
            {
              section: { id: toGlobalId('Section', event.reservedSectionId) },
              mode: 'DEMAND',
              price: { amount: 12_000 },
              nextPrice: { amount: 11_100 },
              reason: expect.stringMatching(/^0\.0% sold against a target of 8\.2% by now .*: behind, down 7\.5%, from \$120\.00 to \$111\.00\.$/),
              reviewAt: ANCHOR.toISOString(), // overdue: the repricer's next round
            },
          ],
        });
      }
      expect(await pricingRows(database.sql)).toEqual(before);
    });
  });
});
