/**
 * A price change racing reservations, over HTTP as fans and organizers send
 * them: fans reserve seats of a section (chosen or best available) and
 * release, buy or keep them, while the organizer changes the section's price
 * again and again. Afterwards every hold_tickets row, and the booking made
 * from it, must have exactly the price its ticket had when it was held.
 *
 * "When it was held" is read from the seat-map change log (support/price-log.ts). The
 * negative control records a price change on the seat map in a transaction
 * of its own after the change commits (UnsafeEventGuards): reservations
 * that see the new price then get versions before the change's, and the
 * check finds them.
 */

import { beforeAll, describe, expect, it, vi } from 'vitest';

import { fromGlobalIdOf, toGlobalId } from '../../src/relay/global-id.js';
import { type Buyer, createBuyers } from '../support/booking.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestServer } from '../support/fixture.js';
import { aheadOfVersion, raceOutcome, racePrices } from '../support/price-log.js';
import { manualClock, type TestServer } from '../support/server.js';
import { createDraft, draftInput, mutate, PUBLISH_EVENT, storeTestVenue, UPDATE_EVENT } from './events-support.js';

/** The log keeps every version of the race, so that the check reads them all. */
const env = { SEAT_MAP_LOG_VERSIONS: '1000000' };
const FIRST_PRICE = 12_000;
const FANS = 16;

describe('a price change racing reservations', () => {
  const clock = manualClock(ANCHOR);
  const fixture = useTestServer({ clock, env });
  const { database, server } = fixture;
  const outcome = (eventId: number) => raceOutcome(database.sql, eventId, FIRST_PRICE);
  let organizer: Buyer;
  let fans: Buyer[];

  beforeAll(async () => {
    [organizer] = (await createBuyers(database.sql, 1, 'ORGANIZER')) as [Buyer];
    fans = await createBuyers(database.sql, FANS);
  });

  /** A 200-seat section on sale now, each fan allowed 50 tickets. */
  async function onSaleNow(target: TestServer) {
    const venue = await storeTestVenue(database.sql, organizer.userId, { rows: 10, seatsPerRow: 20 });
    const input = draftInput(venue, { onSaleAt: new Date(ANCHOR.getTime() - 86_400_000).toISOString(), ticketLimitPerUser: 50 });
    const draft = await createDraft(target, organizer.token, input);
    expect((await mutate(target, PUBLISH_EVENT, { eventId: draft.id }, organizer.token)).payload.userErrors).toEqual([]);
    const sectionId = venue.sectionIds[0];
    const seats = await database.sql<{ id: string }[]>`
      SELECT id FROM tickets WHERE event_id = ${draft.eventId} AND section_id = ${fromGlobalIdOf('Section', sectionId)} ORDER BY id`;
    return { ...draft, sectionId, seats: seats.map((seat) => toGlobalId('Ticket', Number(seat.id))) };
  }

  /**
   * Fans reserve, release, buy and keep seats of the section over HTTP until
   * the organizer has changed its price `priceChanges` times, one change
   * every `every` of their operations; `stopEarly` ends it sooner. Answers
   * what went wrong on the way (an error or a refused price change).
   */
  function race(
    target: TestServer,
    event: Awaited<ReturnType<typeof onSaleNow>>,
    options: { priceChanges: number; every: number; stopEarly?: () => Promise<boolean> },
  ) {
    return racePrices({
      server: target,
      fans,
      event,
      seed: 17,
      next: [
        ['release', 6],
        ['buy', 2],
        ['keep', 1],
      ],
      changes: options.priceChanges,
      every: options.every,
      stopEarly: options.stopEarly,
      async change(n) {
        const prices = [{ sectionId: event.sectionId, amount: FIRST_PRICE + n * 100, currency: 'USD' }];
        const { payload, errors } = await mutate(target, UPDATE_EVENT, { eventId: event.id, prices }, organizer.token);
        return errors ?? (payload.userErrors.length > 0 ? payload.userErrors : undefined);
      },
    });
  }

  it('gives every hold and booking the price its ticket had when it was held', async () => {
    const event = await onSaleNow(server);
    const priceChanges = 8;
    const failures = await race(server, event, { priceChanges, every: 25 });
    expect(failures).toEqual([]);
    const { held, bookings, violations } = await outcome(event.eventId);
    expect(violations).toEqual([]);
    // The race did interleave: holds were made at the first price, at the last, and at several between.
    const pricesHeld = new Set(held.map((ticket) => ticket.price));
    expect(pricesHeld.size).toBeGreaterThanOrEqual(4);
    expect(bookings.length).toBeGreaterThan(0);
    for (const booking of bookings) expect(booking.total).toBe(booking.held);
    const lastPrice = FIRST_PRICE + priceChanges * 100;
    const unsold = await database.sql`
      SELECT DISTINCT price FROM tickets WHERE event_id = ${event.eventId} AND section_id = ${fromGlobalIdOf('Section', event.sectionId)} AND status <> 'SOLD'`;
    expect(unsold).toEqual([{ price: lastPrice }]);
  });

  it('gives way when a transaction it waits for waits for it: rolls back, lets that one finish, and is tried again', async () => {
    const event = await onSaleNow(server);
    const x = fromGlobalIdOf('Ticket', event.seats[5]!);
    const y = fromGlobalIdOf('Ticket', event.seats[2]!);
    let change: ReturnType<typeof mutate> | undefined;
    // The test's transaction stands for a release: it holds one of the section's tickets, and once the price change
    // waits for that one (having taken all the others), it asks for another the change holds: a cycle.
    await database.sql.begin(async (tx) => {
      await tx`SELECT id FROM tickets WHERE id = ${x} FOR UPDATE`;
      const prices = [{ sectionId: event.sectionId, amount: FIRST_PRICE + 1, currency: 'USD' }];
      change = mutate(server, UPDATE_EVENT, { eventId: event.id, prices }, organizer.token);
      await vi.waitFor(
        async () => {
          const [{ waiting }] = await database.sql<[{ waiting: number }]>`
            SELECT count(*)::int AS waiting FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE OF t%'`;
          expect(waiting).toBe(1);
        },
        { timeout: 10_000, interval: 5 },
      );
      await tx`UPDATE tickets SET held_until = held_until WHERE id = ${y}`; // waits until the change gives way
    });
    const { payload, errors } = await change!;
    expect(errors).toBeUndefined();
    expect(payload.userErrors).toEqual([]);
    const prices = await database.sql`SELECT DISTINCT price FROM tickets WHERE id IN (${x}, ${y})`;
    expect(prices).toEqual([{ price: FIRST_PRICE + 1 }]);
  });

  it('negative control: with the seat-map record split from the price change, the check finds holds priced ahead of their version', async () => {
    const unguarded = await fixture.startServer({ clock, env, unsafeEventGuards: { unsafeSplitPriceChange: true } });
    const event = await onSaleNow(unguarded);
    const failures = await race(unguarded, event, {
      priceChanges: 40,
      every: 10,
      stopEarly: async () => aheadOfVersion((await outcome(event.eventId)).violations).length > 0,
    });
    expect(failures).toEqual([]);
    const { violations } = await outcome(event.eventId);
    expect(aheadOfVersion(violations).length).toBeGreaterThan(0);
  });
});
