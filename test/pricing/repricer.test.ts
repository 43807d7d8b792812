/**
 * The repricer over time, with the injectable clock: a fast-selling section
 * rises step by step, never above its ceiling nor more often than its
 * interval; a slow one falls to its floor and stops there; FIXED never moves;
 * no price rises while a waiting room admits fans. Every change reaches the
 * price history, seat-map subscribers (as SeatChange rows) and search (the
 * outbox), in the transaction that makes it.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { toGlobalId } from '../../src/relay/global-id.js';
import { type Buyer, createBuyers } from '../support/booking.js';
import { RESERVE } from '../support/booking-operations.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestServer } from '../support/fixture.js';
import { watchSeatMap } from '../support/seat-map-watcher.js';
import { manualClock } from '../support/server.js';
import { confirm, DAY, eventPrices, policyInput, pricedEvent, sell, setPolicy } from './pricing-support.js';

const CONFIGURE_ROOM = `mutation ($input: ConfigureWaitingRoomInput!) { configureWaitingRoom(input: $input) { userErrors { code } } }`;
const JOIN_ROOM = `mutation ($eventId: ID!) { joinWaitingRoom(input: { eventId: $eventId }) { pass { status admissionToken } userErrors { code } } }`;

describe('the repricer', () => {
  const clock = manualClock(ANCHOR);
  const { database, server } = useTestServer({ clock });
  let organizer: Buyer;
  let now = ANCHOR;
  /** Moves the clock on by `ms`. */
  const advance = (ms: number) => clock.set((now = new Date(now.getTime() + ms)));

  beforeAll(async () => {
    [organizer] = (await createBuyers(database.sql, 1, 'ORGANIZER')) as [Buyer];
  });
  beforeEach(() => clock.set((now = ANCHOR)));

  /** A sale that opened `openedDaysAgo` days ago and runs ten days in all, with `policy` on its reserved section, set before the sale opened. */
  async function saleWith(policy: Record<string, unknown>, openedDaysAgo = 0) {
    const onSaleAt = new Date(ANCHOR.getTime() - openedDaysAgo * DAY);
    const event = await pricedEvent(database.sql, organizer.userId, { onSaleAt, startsAt: new Date(onSaleAt.getTime() + 10 * DAY) });
    clock.set(new Date(onSaleAt.getTime() - 60_000));
    await setPolicy(server, organizer.token, policyInput(event, policy));
    clock.set(now);
    return event;
  }

  /** When the repricer last reviewed the event's section (its policy in force), if it has. */
  const reviewedAt = async (event: { eventId: number }) =>
    (await database.sql<{ reviewedAt: Date | null }[]>`SELECT reviewed_at AS "reviewedAt" FROM pricing_policies WHERE event_id = ${event.eventId}`)[0]!
      .reviewedAt;

  const priceOf = async (event: { id: string }) => (await eventPrices(server, event.id)).sections[0].price.amount as number;

  it('raises a fast-selling section one step per interval at most, up to its ceiling and no further', async () => {
    const event = await saleWith({ floor: 10_000, ceiling: 20_000, minIntervalSeconds: 60 });
    const watcher = watchSeatMap(server.url, { eventId: event.id });
    try {
      const prices = [await priceOf(event)];
      for (let round = 0; round < 10; round++) {
        advance(30_000);
        await sell(server, database.sql, event, 10);
        const before = await reviewedAt(event);
        await server.repricePrices(); // half an interval since the last review: not due yet
        expect(await reviewedAt(event)).toEqual(before);
        advance(30_000);
        await server.repricePrices();
        expect(await reviewedAt(event)).toEqual(now);
        prices.push(await priceOf(event));
      }
      // 5 points ahead of target: half of a 10% step; 10 points or more: a whole one. Each rounded down to a whole
      // dollar, then held at the $200 ceiling.
      expect(prices).toEqual([12_000, 12_600, 13_800, 15_100, 16_600, 18_200, 20_000, 20_000, 20_000, 20_000, 20_000]);
      const { priceHistory, pricing } = await eventPrices(server, event.id);
      const changes = priceHistory.edges.map((edge: any) => edge.node).reverse();
      expect(changes.map((change: any) => [change.oldPrice.amount, change.newPrice.amount])).toEqual(
        prices.slice(0, 6).map((price, i) => [price, prices[i + 1]]),
      );
      expect(changes[0].reason).toMatch(/^5\.0% sold against a target of 0\.0% by now .*: ahead, up 5\.0%, from \$120\.00 to \$126\.00\.$/);
      const times = changes.map((change: any) => Date.parse(change.changedAt));
      for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(60_000);
      expect(pricing).toEqual({ mode: 'DEMAND', nextReviewAt: new Date(now.getTime() + 60_000).toISOString(), lastChangedAt: changes.at(-1).changedAt });

      // Seat-map subscribers saw every unsold ticket of the section at its last price, through the deltas.
      const [{ version }] = await database.sql<[{ version: number }]>`SELECT version::int FROM seat_maps WHERE event_id = ${event.eventId}`;
      await expect.poll(() => watcher.deltas.at(-1)?.version).toBe(version);
      const seen = new Map(watcher.deltas.flatMap((delta) => delta.changes.map((change) => [change.ticketId, change.price.amount] as const)));
      const unsold = await database.sql<{ id: number }[]>`
        SELECT id::int FROM tickets WHERE event_id = ${event.eventId} AND section_id = ${event.reservedSectionId} AND status <> 'SOLD'`;
      expect(unsold).toHaveLength(200 - 100);
      for (const ticket of unsold) expect(seen.get(toGlobalId('Ticket', ticket.id))).toBe(20_000);
      // Search heard of each change through the outbox, and indexes the new price.
      await server.indexSearch();
      const [document] = await database.sql`SELECT prices FROM search_documents WHERE event_id = ${event.eventId}`;
      expect(document!.prices).toContain(20_000);
    } finally {
      await watcher.close();
    }
  });

  it('lowers a slow section step by step to its floor, and stops there', async () => {
    const event = await saleWith({ floor: 9_000, ceiling: 20_000, minIntervalSeconds: 10 }, 9);
    const prices = [await priceOf(event)];
    for (let round = 0; round < 5; round++) {
      advance(10_000);
      await server.repricePrices();
      prices.push(await priceOf(event));
    }
    expect(prices).toEqual([12_000, 10_800, 9_800, 9_000, 9_000, 9_000]);
    const { priceHistory } = await eventPrices(server, event.id);
    expect(priceHistory.edges).toHaveLength(3);
    expect(
      (await server.graphql(`query ($id: ID!) { previewPricing(eventId: $id) { sections { reason } } }`, { id: event.id }, organizer.token)).data,
    ).toMatchObject({ previewPricing: { sections: [{ reason: expect.stringContaining('behind, but already at its floor; holds at $90.00.') }] } });
  });

  it('never moves a FIXED price, however the section sells', async () => {
    const event = await saleWith({ mode: 'FIXED', floor: 10_000, ceiling: 20_000, minIntervalSeconds: 10 });
    for (let round = 0; round < 3; round++) {
      advance(60_000);
      await sell(server, database.sql, event, 10);
      await server.repricePrices();
    }
    expect(await reviewedAt(event)).toBeNull();
    expect(await priceOf(event)).toBe(12_000);
    expect((await eventPrices(server, event.id)).pricing).toEqual({ mode: 'FIXED', nextReviewAt: null, lastChangedAt: null });
  });

  it('raises no price while the event’s waiting room has fans admitted, and does once none are', async () => {
    const event = await saleWith({ floor: 10_000, ceiling: 20_000, minIntervalSeconds: 10 });
    const configured = await server.graphql(CONFIGURE_ROOM, { input: { eventId: event.id, enabled: true } }, organizer.token);
    expect(configured.data.configureWaitingRoom.userErrors).toEqual([]);
    const fans = (await createBuyers(database.sql, 2)) as [Buyer, Buyer];
    for (const fan of fans) expect((await server.graphql(JOIN_ROOM, { eventId: event.id }, fan.token)).data.joinWaitingRoom.pass.status).toBe('WAITING');
    expect((await server.admitWaitingRooms())[0]!.admitted).toHaveLength(2);
    /** The fan buys ten seats with their admission, which ends with the sale. */
    const buyAdmitted = async (fan: Buyer) => {
      const { data } = await server.graphql(JOIN_ROOM, { eventId: event.id }, fan.token);
      const input = {
        eventId: event.id,
        bestAvailable: { quantity: 10, sectionId: event.sectionId },
        admissionToken: data.joinWaitingRoom.pass.admissionToken,
      };
      const reserved = await server.graphql(RESERVE, { input }, fan.token);
      expect(reserved.data.reserveSeats.userErrors).toEqual([]);
      await confirm(server, fan, reserved.data.reserveSeats.hold.id);
    };

    advance(5_000);
    await buyAdmitted(fans[0]);
    advance(5_000);
    // Ahead of target and selling, but the second fan, admitted, is still to buy at the price they were shown.
    const preview = `query ($id: ID!) { previewPricing(eventId: $id) { sections { reason } } }`;
    const { data } = await server.graphql(preview, { id: event.id }, organizer.token);
    expect(data.previewPricing.sections[0].reason).toContain('ahead, but fans admitted from the waiting room are buying at the price they were shown');
    await server.repricePrices();
    expect(await reviewedAt(event)).toEqual(now);
    expect(await priceOf(event)).toBe(12_000);

    advance(5_000);
    await buyAdmitted(fans[1]);
    advance(5_000);
    await server.repricePrices();
    expect(await priceOf(event)).toBe(13_200);
  });
});

describe('the repricer’s lead', () => {
  const clock = manualClock(ANCHOR);
  const fixture = useTestServer({ clock });
  const { database, server } = fixture;

  it('is held only while a section is due, so that an idle process holds no connection of the pool', async () => {
    const [organizer] = (await createBuyers(database.sql, 1, 'ORGANIZER')) as [Buyer];
    // Half of its selling period gone and nothing sold: each review steps the price down.
    const onSaleAt = new Date(ANCHOR.getTime() - 5 * DAY);
    const event = await pricedEvent(database.sql, organizer.userId, { onSaleAt, startsAt: new Date(ANCHOR.getTime() + 5 * DAY) });
    clock.set(new Date(onSaleAt.getTime() - 1_000));
    await setPolicy(server, organizer.token, policyInput(event, { minIntervalSeconds: 10 }));
    const second = await fixture.startServer({ clock });
    clock.set(ANCHOR);
    expect(await server.repricePrices()).toEqual({ reviewed: 1, changed: 1 });
    expect(await server.repricePrices()).toEqual({ reviewed: 0, changed: 0 }); // nothing due: it steps down
    clock.set(new Date(ANCHOR.getTime() + 10_000));
    expect(await second.repricePrices()).toEqual({ reviewed: 1, changed: 1 }); // and another process may lead at once
    expect(await server.repricePrices()).toEqual({ reviewed: 0, changed: 0 });
  });
});
