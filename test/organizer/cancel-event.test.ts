/**
 * cancelEvent over HTTP, and what follows it: the event stops selling at
 * once, its live holds end, its seat-map subscribers (over real graphql-ws
 * sockets, on this process and on another through Redis) get the final delta
 * and then the EVENT_CANCELLED error, and the refund job refunds and cancels
 * every confirmed booking. Also who may cancel, who sees the progress, bad
 * input, and a booking sold but not yet captured: voided, and never captured
 * by the reconciler afterwards.
 */
import { randomUUID } from 'node:crypto';

import { beforeAll, describe, expect, it, vi } from 'vitest';

import { fromGlobalId, toGlobalId } from '../../src/relay/global-id.js';
import { type Buyer, createBuyers, createOnSaleEvent, type OnSaleEvent } from '../support/booking.js';
import { CANCEL, CONFIRM, RESERVE } from '../support/booking-operations.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestServer } from '../support/fixture.js';
import { loadMap, SEAT_MAP_CHANGED, type SeatMapWatcher, watchSeatMap } from '../support/seat-map-watcher.js';
import { manualClock } from '../support/server.js';
import { openSocket } from '../support/ws.js';
import { CANCEL_EVENT, CANCELLATION, ledgerOf } from './cancellation-support.js';

const HOLD = `query ($id: ID!) { hold(id: $id) { status } }`;
const BOOKING = `query ($id: ID!) { booking(id: $id) { status cancelledAt payment { status } tickets { status } } }`;
const REASON = 'The headliner has lost their voice.';
const redisUrl = process.env.REDIS_URL;

describe('cancelEvent', () => {
  const clock = manualClock(ANCHOR);
  // With Redis (when there is one), so that a second server on the database shares the seat maps' channels.
  const { database, server, startServer } = useTestServer({ clock, redisUrl, env: { PAYMENT_RECONCILE_GRACE_MS: '0' } });
  let organizer: Buyer;
  let otherOrganizer: Buyer;
  let admin: Buyer;
  let fans: Buyer[];

  beforeAll(async () => {
    [organizer, otherOrganizer] = (await createBuyers(database.sql, 2, 'ORGANIZER')) as [Buyer, Buyer];
    [admin] = (await createBuyers(database.sql, 1, 'ADMIN')) as [Buyer];
    fans = await createBuyers(database.sql, 4);
  });

  const newEvent = () => createOnSaleEvent(database.sql, organizer.userId);
  const cancel = (event: { id: string }, token?: string, reason = REASON) => server.graphql(CANCEL_EVENT, { input: { eventId: event.id, reason } }, token);
  const cancellationOf = async (event: { id: string }, token?: string) => (await server.graphql(CANCELLATION, { id: event.id }, token)).data.node;

  /** A live hold of `fan`'s on `ticketIds`. */
  const hold = async (fan: Buyer, event: OnSaleEvent, ticketIds: string[]) => {
    const { data } = await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds } }, fan.token);
    expect(data.reserveSeats.userErrors).toEqual([]);
    return data.reserveSeats.hold.id as string;
  };

  const confirm = async (fan: Buyer, holdId: string) =>
    (await server.graphql(CONFIRM, { input: { holdId, payment: { token: 'tok_visa' }, idempotencyKey: randomUUID() } }, fan.token)).data.confirmBooking;

  /** A booking of `fan`'s on `ticketIds`, paid and captured. */
  const buy = async (fan: Buyer, event: OnSaleEvent, ticketIds: string[]) => {
    const confirmed = await confirm(fan, await hold(fan, event, ticketIds));
    expect(confirmed.userErrors).toEqual([]);
    return confirmed.booking.id as string;
  };

  /** What the database holds of the event's cancellation: its status and cancellation row. */
  const stored = async (event: OnSaleEvent) => {
    const [row] = await database.sql`
      SELECT e.status, c.total_bookings AS total FROM events e LEFT JOIN event_cancellations c ON c.event_id = e.id WHERE e.id = ${event.eventId}`;
    return row;
  };

  /** The errors a watcher's subscription ended with, flattened (graphql-ws hands them over as one list). */
  const endedWith = (watcher: SeatMapWatcher) => watcher.errors.flat() as { message: string; extensions?: { code?: string } }[];

  it('stops the sale at once, ends holds and seat-map subscriptions, then refunds every booking in the background', async () => {
    const event = await newEvent();
    const [buyer, holder] = fans as [Buyer, Buyer];
    const bought = event.seats[0]!.slice(0, 2);
    const held = event.seats[1]!.slice(0, 3);
    const bookingId = await buy(buyer, event, bought);
    const { version } = await loadMap(server, event.id);
    const watcher = watchSeatMap(server.url, { eventId: event.id, sinceVersion: version });
    const holdId = await hold(holder, event, held);
    expect((await watcher.take()).changes.map((change) => change.status)).toEqual(['HELD', 'HELD', 'HELD']); // the subscriber is in

    const { data } = await cancel(event, organizer.token);
    expect(data.cancelEvent.userErrors).toEqual([]);
    expect(data.cancelEvent.event).toMatchObject({
      id: event.id,
      status: 'CANCELLED',
      cancellation: { reason: REASON, requestedAt: ANCHOR.toISOString(), totalBookings: 1 },
    });

    // The held seats come back in a final delta, then the subscription ends with the reason.
    const final = await watcher.take();
    expect(final.changes.map((change) => [change.ticketId, change.status])).toEqual(held.map((id) => [id, 'AVAILABLE']));
    await vi.waitFor(() =>
      expect(endedWith(watcher)).toMatchObject([{ extensions: { code: 'EVENT_CANCELLED' }, message: `This event was cancelled: ${REASON}` }]),
    );
    expect(watcher.deltas).toHaveLength(2);
    await watcher.close();

    expect((await server.graphql(HOLD, { id: holdId }, holder.token)).data.hold.status).toBe('RELEASED');
    const again = await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds: held } }, holder.token);
    expect(again.data.reserveSeats.userErrors.map((error: { code: string }) => error.code)).toEqual(['EVENT_NOT_ON_SALE']);
    const paying = await confirm(holder, holdId);
    expect(paying.userErrors.map((error: { code: string }) => error.code)).toEqual(['HOLD_EXPIRED']);
    // The buyer cannot cancel (and count) it themself: the cancellation refunds it.
    const byBuyer = await server.graphql(CANCEL, { input: { bookingId, idempotencyKey: randomUUID() } }, buyer.token);
    expect(byBuyer.data.cancelBooking.userErrors.map((error: { code: string }) => error.code)).toEqual(['ALREADY_CANCELLED']);

    // Subscribing now answers the same error.
    const late = await openSocket(server.url).execute(SEAT_MAP_CHANGED, { eventId: event.id });
    expect(late.errors).toMatchObject([{ extensions: { code: 'EVENT_CANCELLED' }, message: `This event was cancelled: ${REASON}` }]);

    // The refund job cancelEvent queued.
    await server.runJobs();
    expect(await cancellationOf(event, organizer.token)).toEqual({
      status: 'CANCELLED',
      cancellation: { reason: REASON, requestedAt: ANCHOR.toISOString(), refundedBookings: 1, totalBookings: 1, completedAt: ANCHOR.toISOString() },
    });
    expect((await server.graphql(BOOKING, { id: bookingId }, buyer.token)).data.booking).toEqual({
      status: 'CANCELLED',
      cancelledAt: ANCHOR.toISOString(),
      payment: { status: 'REFUNDED' },
      tickets: bought.map(() => ({ status: 'AVAILABLE' })),
    });
    expect(await ledgerOf(database.sql, event.eventId)).toMatchObject([{ status: 'CANCELLED', paymentStatus: 'REFUNDED', charge: 'REFUNDED' }]);
    const [announced] = await database.sql<{ payload: Record<string, unknown> }[]>`
      SELECT payload FROM outbox WHERE topic = 'booking.cancelled' AND (payload->>'bookingId')::bigint = ${fromGlobalId(bookingId).id}`;
    expect(announced?.payload).toMatchObject({ eventId: event.eventId, userId: buyer.userId, refund: 'REFUNDED', eventCancelled: true });

    // The refunded seats are free on the map, and still not for sale.
    const resale = await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds: bought } }, holder.token);
    expect(resale.data.reserveSeats.userErrors.map((error: { code: string }) => error.code)).toEqual(['EVENT_NOT_ON_SALE']);
  });

  it.skipIf(!redisUrl)("ends the subscriptions on every process: another server's subscriber gets the final delta and the error", async () => {
    const other = await startServer();
    const event = await newEvent();
    const { version } = await loadMap(other, event.id);
    const watcher = watchSeatMap(other.url, { eventId: event.id, sinceVersion: version });
    const seats = event.units.slice(0, 2);
    await hold(fans[2]!, event, seats);
    expect((await watcher.take()).changes.map((change) => change.status)).toEqual(['HELD', 'HELD']);

    expect((await cancel(event, organizer.token)).data.cancelEvent.userErrors).toEqual([]);
    expect((await watcher.take()).changes.map((change) => [change.ticketId, change.status])).toEqual(seats.map((id) => [id, 'AVAILABLE']));
    await vi.waitFor(() => expect(endedWith(watcher)).toMatchObject([{ extensions: { code: 'EVENT_CANCELLED' } }]));
    await watcher.close();
  });

  it('is for the organizer of the event and admins: anonymous, fans and other organizers change nothing', async () => {
    const event = await newEvent();
    const anonymous = await cancel(event);
    expect(anonymous.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    const fan = await cancel(event, fans[0]!.token);
    expect(fan.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    // Another organizer is told what they would be told of an event that does not exist.
    const stranger = await cancel(event, otherOrganizer.token);
    const missing = await cancel({ id: toGlobalId('Event', 2_000_000_000) }, otherOrganizer.token);
    expect(stranger.data.cancelEvent).toEqual(missing.data.cancelEvent);
    expect(stranger.data.cancelEvent).toEqual({
      event: null,
      userErrors: [{ code: 'EVENT_NOT_FOUND', message: 'No event you run has this ID.', field: ['input', 'eventId'] }],
    });
    expect(await stored(event)).toEqual({ status: 'ON_SALE', total: null });

    const byAdmin = await cancel(event, admin.token);
    expect(byAdmin.data.cancelEvent).toMatchObject({ event: { status: 'CANCELLED', cancellation: { reason: REASON, totalBookings: 0 } }, userErrors: [] });
    expect(await stored(event)).toEqual({ status: 'CANCELLED', total: 0 });
  });

  it('shows everyone why and when, and the progress only to the organizer and admins', async () => {
    const event = await newEvent();
    await buy(fans[0]!, event, event.seats[2]!.slice(0, 1));
    expect(await cancellationOf(event, organizer.token)).toEqual({ status: 'ON_SALE', cancellation: null });
    await cancel(event, organizer.token);
    // Its refunds are a job on the queue, which admins see until it is done.
    const jobs = await server.graphql(`{ adminJobs { edges { node { task key status maxAttempts } } } }`, {}, admin.token);
    expect(jobs.data.adminJobs.edges.map((edge: { node: unknown }) => edge.node)).toContainEqual({
      task: 'refund-cancelled-event',
      key: `refunds:event:${event.eventId}`,
      status: 'WAITING',
      maxAttempts: 25,
    });
    await server.runJobs();

    const told = { reason: REASON, requestedAt: ANCHOR.toISOString(), completedAt: ANCHOR.toISOString() };
    for (const token of [organizer.token, admin.token]) {
      expect((await cancellationOf(event, token)).cancellation).toEqual({ ...told, refundedBookings: 1, totalBookings: 1 });
    }
    for (const token of [undefined, fans[0]!.token, otherOrganizer.token]) {
      expect((await cancellationOf(event, token)).cancellation).toEqual({ ...told, refundedBookings: null, totalBookings: null });
    }
  });

  it('refuses bad input with a typed userError naming the field, and cancels nothing', async () => {
    const event = await newEvent();
    for (const reason of ['', '   \n\t']) {
      expect((await cancel(event, organizer.token, reason)).data.cancelEvent).toEqual({
        event: null,
        userErrors: [{ code: 'INVALID_EVENT', message: 'Say why the event is cancelled: fans are shown the reason.', field: ['input', 'reason'] }],
      });
    }
    const long = await cancel(event, organizer.token, 'x'.repeat(1_001));
    expect(long.errors?.map((error) => [error.extensions?.code, error.extensions?.argument])).toEqual([['BAD_USER_INPUT', 'input.reason']]);
    const notAnEvent = await cancel({ id: toGlobalId('Venue', 1) }, organizer.token);
    expect(notAnEvent.errors?.map((error) => [error.extensions?.code, error.extensions?.argument])).toEqual([['BAD_USER_INPUT', 'input.eventId']]);
    expect(await stored(event)).toEqual({ status: 'ON_SALE', total: null });
  });

  it('cancels only a published event, once: a draft is deleted instead, a finished one stays', async () => {
    const codeOf = async (event: OnSaleEvent) => {
      const { userErrors } = (await cancel(event, organizer.token)).data.cancelEvent;
      return [userErrors[0]?.code, userErrors[0]?.message];
    };
    const draft = await createOnSaleEvent(database.sql, organizer.userId, { status: 'DRAFT' });
    expect(await codeOf(draft)).toEqual(['EVENT_NOT_ON_SALE', 'This event is a draft, never published: delete the draft instead (deleteEvent).']);
    expect(await stored(draft)).toEqual({ status: 'DRAFT', total: null });
    const over = await newEvent();
    await database.sql`UPDATE events SET status = 'COMPLETED' WHERE id = ${over.eventId}`;
    expect(await codeOf(over)).toEqual(['EVENT_NOT_ON_SALE', 'This event is over and can no longer be cancelled.']);
    expect(await stored(over)).toEqual({ status: 'COMPLETED', total: null });

    const event = await newEvent();
    expect(await codeOf(event)).toEqual([undefined, undefined]);
    expect(await codeOf(event)).toEqual(['ALREADY_CANCELLED', 'This event is already cancelled.']);
    const [{ cancellations }] = await database.sql<
      [{ cancellations: number }]
    >`SELECT count(*)::int AS cancellations FROM event_cancellations WHERE event_id = ${event.eventId}`;
    expect(cancellations).toBe(1);
  });

  it('voids a sale not yet captured, which the payment reconciler then leaves alone', async () => {
    const event = await newEvent();
    const bookingId = fromGlobalId(await buy(fans[3]!, event, event.units.slice(0, 1))).id;
    // As a capture that failed after the sale committed leaves it: the booking on its authorization, the purchase BOOKED.
    await database.sql`
      WITH charge AS (
        UPDATE simulated_charges SET status = 'AUTHORIZED', captured_at = NULL WHERE id = (SELECT payment_id FROM bookings WHERE id = ${bookingId})
      ), purchase AS (
        UPDATE purchases SET step = 'BOOKED' WHERE booking_id = ${bookingId}
      )
      UPDATE bookings SET payment_status = 'AUTHORIZED' WHERE id = ${bookingId}`;

    await cancel(event, organizer.token);
    await server.runJobs(); // the refund job cancelEvent queued
    expect(await ledgerOf(database.sql, event.eventId)).toMatchObject([{ status: 'CANCELLED', paymentStatus: 'VOIDED', charge: 'VOIDED' }]);
    expect(await server.reconcilePayments()).toEqual({ voided: 0, capturesQueued: 0 });
    expect(await ledgerOf(database.sql, event.eventId)).toMatchObject([{ status: 'CANCELLED', paymentStatus: 'VOIDED', charge: 'VOIDED', refundedAt: null }]);
  });
});
