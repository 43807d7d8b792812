/**
 * cancelEvent racing a fan's confirmBooking, with the interleaving made
 * deterministic by holding row locks from a connection of the test's own:
 * either the sale never happens (nothing charged: its authorization voided)
 * or it happens and the cancellation refunds it. Never a charged booking on a
 * cancelled event. The negative control runs the same race against a server
 * whose sales do not share-lock their event (unsafeDisableEventLock), and
 * finds just that.
 */
import { randomUUID } from 'node:crypto';

import type postgres from 'postgres';
import { beforeAll, describe, expect, it, vi } from 'vitest';

import { fromGlobalId } from '../../src/relay/global-id.js';
import { type Buyer, createBuyers, createOnSaleEvent } from '../support/booking.js';
import { CONFIRM, RESERVE } from '../support/booking-operations.js';
import { ANCHOR } from '../support/catalog.js';
import { untilBlocked } from '../support/database.js';
import { useTestServer } from '../support/fixture.js';
import { manualClock, type TestServer } from '../support/server.js';
import { CANCEL_EVENT } from './cancellation-support.js';

/** What the statements of the server waiting for a lock now are doing, in alphabetical order. */
async function waitingStatements(sql: postgres.Sql): Promise<string[]> {
  const rows = await sql<{ query: string }[]>`SELECT query FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
  const named = rows.map(({ query }) =>
    query.includes("status = 'SOLD'") ? 'the sale, selling the tickets' : query.includes('FOR UPDATE OF e') ? 'the cancellation, locking the event' : query,
  );
  return named.sort();
}

describe('cancelEvent racing confirmBooking', () => {
  const clock = manualClock(ANCHOR);
  const { database, server } = useTestServer({ clock, env: { DATABASE_POOL_SIZE: '10' } });
  const { server: unguarded } = useTestServer({ database, clock, env: { DATABASE_POOL_SIZE: '10' }, unsafeBookingGuards: { unsafeDisableEventLock: true } });
  let organizer: Buyer;
  let fans: Buyer[];

  beforeAll(async () => {
    [organizer] = (await createBuyers(database.sql, 1, 'ORGANIZER')) as [Buyer];
    fans = await createBuyers(database.sql, 4);
  });

  /** A new event and a live hold of `fan`'s on two of its seats, with the seats' database ids. */
  async function heldSeats(target: TestServer, fan: Buyer) {
    const event = await createOnSaleEvent(database.sql, organizer.userId);
    const seats = event.seats[0]!.slice(0, 2);
    const { data } = await target.graphql(RESERVE, { input: { eventId: event.id, ticketIds: seats } }, fan.token);
    expect(data.reserveSeats.userErrors).toEqual([]);
    return { event, holdId: data.reserveSeats.hold.id as string, ticketIds: seats.map((id) => fromGlobalId(id).id) };
  }

  const pay = (target: TestServer, fan: Buyer, holdId: string) =>
    target.graphql(CONFIRM, { input: { holdId, payment: { token: 'tok_visa' }, idempotencyKey: randomUUID() } }, fan.token);
  const cancel = (target: TestServer, eventId: string) => target.graphql(CANCEL_EVENT, { input: { eventId, reason: 'Storm warning.' } }, organizer.token);

  /**
   * Once every refund is done: the event's cancellation, the outcome of the
   * sale, and every charge of the hold with the booking it paid for.
   */
  async function settled(target: TestServer, eventId: number, holdId: string, sale: any) {
    await target.runJobs(); // the refund job cancelEvent queued
    const [cancellation] = await database.sql`
      SELECT total_bookings AS total, refunded_bookings AS refunded, completed_at IS NOT NULL AS completed FROM event_cancellations WHERE event_id = ${eventId}`;
    const charges = await database.sql`
      SELECT c.status AS charge, b.status AS booking FROM simulated_charges c LEFT JOIN bookings b ON b.payment_id = c.id
      WHERE c.reference = ${`hold:${fromGlobalId(holdId).id}`}`;
    return { cancellation, sold: sale.data.confirmBooking.userErrors.map((error: { code: string }) => error.code), charges };
  }

  /**
   * The sale share-locks the event, then waits to sell the tickets (the test
   * holds their rows); the cancellation starts meanwhile. Answers which
   * statements waited for a lock while both were under way, and the outcome.
   */
  async function cancelDuringSale(target: TestServer, fan: Buyer) {
    const { event, holdId, ticketIds } = await heldSeats(target, fan);
    let sale!: Promise<any>;
    let cancelled!: Promise<any>;
    let waiting: string[] = [];
    await database.sql.begin(async (tx) => {
      await tx`SELECT id FROM tickets WHERE id = ANY(${ticketIds}::bigint[]) FOR UPDATE`;
      sale = pay(target, fan, holdId);
      await untilBlocked(database.sql, 1); // authorized, the event share-locked, waiting in sellTickets
      let done = false;
      cancelled = cancel(target, event.id).finally(() => (done = true));
      // The cancellation either waits for the event's lock too, or (no lock to wait for) commits at once.
      await vi.waitFor(async () => {
        waiting = await waitingStatements(database.sql);
        if (!done && waiting.length < 2) throw new Error('the cancellation is neither waiting nor done');
      });
    }); // the ticket rows go free here: the sale goes on, then the cancellation
    expect((await cancelled).data.cancelEvent.userErrors).toEqual([]);
    return { waiting, ...(await settled(target, event.eventId, holdId, await sale)) };
  }

  it('a sale under way when the event is cancelled commits first, is counted, and is refunded', async () => {
    const outcome = await cancelDuringSale(server, fans[0]!);
    expect(outcome.waiting).toEqual(['the cancellation, locking the event', 'the sale, selling the tickets']);
    expect(outcome.sold).toEqual([]);
    expect(outcome.cancellation).toEqual({ total: 1, refunded: 1, completed: true });
    expect(outcome.charges).toEqual([{ charge: 'REFUNDED', booking: 'CANCELLED' }]);
  });

  it('negative control: a sale that does not share-lock its event commits after the cancellation, charged and never refunded', async () => {
    const outcome = await cancelDuringSale(unguarded, fans[1]!);
    expect(outcome.waiting).toEqual(['the sale, selling the tickets']); // the cancellation did not wait for the sale
    expect(outcome.sold).toEqual([]);
    expect(outcome.cancellation).toEqual({ total: 0, refunded: 0, completed: true });
    expect(outcome.charges).toEqual([{ charge: 'CAPTURED', booking: 'CONFIRMED' }]);
  });

  it('a sale that comes for a hold the cancellation has just released waits for it, then sells nothing and charges nothing', async () => {
    const { event, holdId } = await heldSeats(server, fans[2]!);
    // Another fan's hold, whose tickets the test locks: the cancellation, which has locked the event and the holds, waits to release them.
    const other = await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds: event.seats[1]!.slice(0, 1) } }, fans[3]!.token);
    const otherTicket = fromGlobalId(other.data.reserveSeats.hold.tickets[0].id).id;
    let sale!: Promise<any>;
    let cancelled!: Promise<any>;
    await database.sql.begin(async (tx) => {
      await tx`SELECT id FROM tickets WHERE id = ${otherTicket} FOR UPDATE`;
      cancelled = cancel(server, event.id);
      await untilBlocked(database.sql, 1);
      sale = pay(server, fans[2]!, holdId);
      await untilBlocked(database.sql, 2); // authorized, waiting for its hold
    });
    expect((await cancelled).data.cancelEvent.userErrors).toEqual([]);
    const outcome = await settled(server, event.eventId, holdId, await sale);
    expect(outcome.sold).toEqual(['HOLD_EXPIRED']);
    expect(outcome.cancellation).toEqual({ total: 0, refunded: 0, completed: true });
    expect(outcome.charges).toEqual([{ charge: 'VOIDED', booking: null }]);
  });

  it('a sale that holds its hold as the cancellation locks the event finds the event cancelled, and neither waits for the other forever', async () => {
    const { event, holdId } = await heldSeats(server, fans[0]!);
    let sale!: Promise<any>;
    let cancelled!: Promise<any>;
    // The test locks the organizer's row: the cancellation, once it has locked the event, waits for it (its record names
    // who cancelled) before it locks the holds; the sale meanwhile locks its purchase and hold, and waits for the event.
    await database.sql.begin(async (tx) => {
      await tx`SELECT id FROM users WHERE id = ${organizer.userId} FOR UPDATE`;
      cancelled = cancel(server, event.id);
      await untilBlocked(database.sql, 1);
      sale = pay(server, fans[0]!, holdId);
      await untilBlocked(database.sql, 2);
    });
    // The cancellation skips the hold the sale has locked (waiting for it would deadlock); the sale then finds the event cancelled.
    expect((await cancelled).data.cancelEvent.userErrors).toEqual([]);
    const outcome = await settled(server, event.eventId, holdId, await sale);
    expect(outcome.sold).toEqual(['EVENT_NOT_ON_SALE']);
    expect(outcome.cancellation).toEqual({ total: 0, refunded: 0, completed: true });
    expect(outcome.charges).toEqual([{ charge: 'VOIDED', booking: null }]);
    expect(server.logs.filter((line) => JSON.stringify(line).includes('deadlock'))).toEqual([]);
  });
});
