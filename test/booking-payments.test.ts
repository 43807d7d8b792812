/**
 * Paying for holds and cancelling bookings through the API, against the
 * simulated card processor, and the idempotency keys that make retries safe.
 * The database is checked directly where it proves the point: the processor's
 * ledger (simulated_charges) shows what was really charged.
 */
import { randomUUID } from 'node:crypto';

import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { fromGlobalId } from '../src/relay/global-id.js';
import { type Buyer, createBuyers, createOnSaleEvent, type OnSaleEvent } from './support/booking.js';
import { CANCEL, CONFIRM, RESERVE } from './support/booking-operations.js';
import { ANCHOR } from './support/catalog.js';
import { useTestServer } from './support/fixture.js';
import { manualClock } from './support/server.js';

const HOLD = `query ($id: ID!) { hold(id: $id) { id status booking { id } } }`;

/** The test events start at 2030-03-01T20:00Z; cancellations close 24 hours before. */
const CANCELLATION_CUTOFF = new Date('2030-02-28T20:00:00Z');
const DAY_MS = 24 * 3600_000;

describe('booking: payments, cancellations and idempotency keys', () => {
  const clock = manualClock(ANCHOR);
  const { database, server } = useTestServer({ events: 2, clock });
  let organizerId: number;
  let alice: Buyer;
  let bob: Buyer;

  beforeAll(async () => {
    organizerId = (await createBuyers(database.sql, 1, 'ORGANIZER'))[0]!.userId;
    [alice, bob] = (await createBuyers(database.sql, 2)) as [Buyer, Buyer];
  });
  beforeEach(() => clock.set(ANCHOR));

  // ---- helpers -------------------------------------------------------------

  const newEvent = () => createOnSaleEvent(database.sql, organizerId);
  const dbId = (globalId: string) => fromGlobalId(globalId).id;

  /** reserveSeats as `buyer`; the raw payload and errors. */
  const reserve = async (buyer: Buyer, event: OnSaleEvent, ticketIds: string[], idempotencyKey?: string) => {
    const { data, errors } = await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds, idempotencyKey } }, buyer.token);
    return { payload: data?.reserveSeats, errors };
  };

  /** A live hold of `buyer`'s on `ticketIds` (two seats of row A of a new event unless given); fails the test otherwise. */
  const holdOf = async (buyer: Buyer, event?: OnSaleEvent, ticketIds?: string[]) => {
    event ??= await newEvent();
    ticketIds ??= event.seats[0]!.slice(0, 2);
    const { payload, errors } = await reserve(buyer, event, ticketIds);
    expect(errors).toBeUndefined();
    expect(payload.userErrors).toEqual([]);
    return { event, ticketIds, id: payload.hold.id as string, expiresAt: new Date(payload.hold.expiresAt) };
  };

  /** confirmBooking as `buyer`; the raw payload and errors. */
  const confirm = async (buyer: Buyer, holdId: string, token = 'tok_visa', key: string = randomUUID()) => {
    const { data, errors } = await server.graphql(CONFIRM, { input: { holdId, payment: { token }, idempotencyKey: key } }, buyer.token);
    return { payload: data?.confirmBooking, errors };
  };

  /** confirmBooking that must succeed; the booking. */
  const confirmed = async (buyer: Buyer, holdId: string, token = 'tok_visa', key: string = randomUUID()) => {
    const { payload, errors } = await confirm(buyer, holdId, token, key);
    expect(errors).toBeUndefined();
    expect(payload.userErrors).toEqual([]);
    return payload.booking;
  };

  const cancel = async (buyer: Buyer, bookingId: string, key: string = randomUUID()) => {
    const { data, errors } = await server.graphql(CANCEL, { input: { bookingId, idempotencyKey: key } }, buyer.token);
    expect(errors).toBeUndefined();
    return data.cancelBooking;
  };

  const codes = (payload: { userErrors: { code: string }[] }) => payload.userErrors.map((e) => e.code);

  /** The processor's ledger for a hold: statuses of its charges, sorted. */
  const charges = async (holdId: string) =>
    (await database.sql<{ status: string }[]>`SELECT status FROM simulated_charges WHERE reference = ${`hold:${dbId(holdId)}`} ORDER BY status::text`).map(
      (row) => row.status,
    );

  const bookingRows = async (holdId: string) =>
    database.sql<{ id: string; status: string; paymentStatus: string }[]>`
      SELECT id, status, payment_status AS "paymentStatus" FROM bookings WHERE hold_id = ${dbId(holdId)}`;

  /** The hold's status as its owner sees it through the API. */
  const holdStatus = async (buyer: Buyer, holdId: string) => (await server.graphql(HOLD, { id: holdId }, buyer.token)).data.hold.status;

  // ---- payments ------------------------------------------------------------

  it('declines tok_chargeDeclined without a booking, keeps the hold, and lets a new key pay with another card', async () => {
    const hold = await holdOf(alice);
    const declined = await confirm(alice, hold.id, 'tok_chargeDeclined');
    expect(declined.payload).toMatchObject({ booking: null, userErrors: [{ code: 'PAYMENT_DECLINED', field: ['input', 'payment', 'token'] }] });
    expect(await bookingRows(hold.id)).toEqual([]);
    expect(await holdStatus(alice, hold.id)).toBe('ACTIVE');
    expect(await charges(hold.id)).toEqual(['DECLINED']);

    const booking = await confirmed(alice, hold.id, 'tok_visa');
    expect(booking).toMatchObject({
      status: 'CONFIRMED',
      total: { amount: 2 * hold.event.prices.reserved, currency: 'USD' },
      payment: { status: 'CAPTURED', last4: '4242' },
      event: { id: hold.event.id },
    });
    expect(booking.tickets).toEqual(hold.ticketIds.map((id) => ({ id, status: 'SOLD' })));
    expect(await charges(hold.id)).toEqual(['CAPTURED', 'DECLINED']);
    expect(await holdStatus(alice, hold.id)).toBe('CONFIRMED');
  });

  it('declines tok_insufficientFunds saying the card has insufficient funds', async () => {
    const hold = await holdOf(alice);
    const { payload } = await confirm(alice, hold.id, 'tok_insufficientFunds');
    expect(codes(payload)).toEqual(['PAYMENT_DECLINED']);
    expect(payload.userErrors[0].message).toMatch(/insufficient funds/i);
    expect(await bookingRows(hold.id)).toEqual([]);
    const [charge] = await database.sql`SELECT status, decline_code FROM simulated_charges WHERE reference = ${`hold:${dbId(hold.id)}`}`;
    expect(charge).toEqual({ status: 'DECLINED', decline_code: 'insufficient_funds' });
  });

  it('answers PAYMENT_PROCESSING_ERROR when the processor fails, charges nothing, and the same key then runs again', async () => {
    const hold = await holdOf(alice);
    const key = randomUUID();
    const failed = await confirm(alice, hold.id, 'tok_processingError', key);
    expect(failed.payload).toMatchObject({
      booking: null,
      userErrors: [{ code: 'PAYMENT_PROCESSING_ERROR', message: expect.stringMatching(/Nothing was charged/) }],
    });
    expect(await charges(hold.id)).toEqual([]);
    expect(await holdStatus(alice, hold.id)).toBe('ACTIVE');

    // The failure was not kept, so the key is free: another card with the same key is not IDEMPOTENCY_KEY_REUSED.
    const booking = await confirmed(alice, hold.id, 'tok_visa', key);
    expect(booking.payment).toEqual({ status: 'CAPTURED', last4: '4242' });
    expect(await charges(hold.id)).toEqual(['CAPTURED']);
  });

  it('keeps the authorization when the sale fails after it, leaving the hold as it was; a retry with the same key sells on it', async () => {
    const hold = await holdOf(alice);
    const key = randomUUID();
    await database.sql.unsafe(`
      CREATE FUNCTION test_fail_booking_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected failure: bookings are broken'; END $$;
      CREATE TRIGGER test_fail_booking_insert BEFORE INSERT ON bookings FOR EACH ROW EXECUTE FUNCTION test_fail_booking_insert();`);
    try {
      const { payload, errors } = await confirm(alice, hold.id, 'tok_visa', key);
      expect(payload).toBeNull();
      expect(errors).toHaveLength(1);
      expect(errors![0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    } finally {
      await database.sql.unsafe(`
        DROP TRIGGER IF EXISTS test_fail_booking_insert ON bookings;
        DROP FUNCTION IF EXISTS test_fail_booking_insert();`);
    }
    expect(await bookingRows(hold.id)).toEqual([]);
    // The purchase stopped at its AUTHORIZED recovery point: unless it is retried, the reconciler voids it (test/checkout-recovery.test.ts).
    expect(await charges(hold.id)).toEqual(['AUTHORIZED']);
    const tickets = await database.sql<{ status: string; holdId: string }[]>`
      SELECT status, hold_id AS "holdId" FROM tickets WHERE id = ANY(${hold.ticketIds.map(dbId)}::bigint[])`;
    expect(tickets).toEqual(hold.ticketIds.map(() => ({ status: 'HELD', holdId: String(dbId(hold.id)) })));
    expect(await holdStatus(alice, hold.id)).toBe('ACTIVE');

    // The retry resumes the purchase: it sells on the first authorization and captures it, charging once.
    await confirmed(alice, hold.id, 'tok_visa', key);
    expect(await charges(hold.id)).toEqual(['CAPTURED']);
  });

  it('answers EVENT_NOT_ON_SALE to paying for a hold on an event since cancelled, authorizing nothing', async () => {
    const hold = await holdOf(alice);
    await database.sql`UPDATE events SET status = 'CANCELLED' WHERE id = ${hold.event.eventId}`;
    const { payload } = await confirm(alice, hold.id);
    expect(payload).toMatchObject({ booking: null, userErrors: [{ code: 'EVENT_NOT_ON_SALE', field: ['input', 'holdId'] }] });
    expect(await charges(hold.id)).toEqual([]);
  });

  it('cancels a booking: refunds it, puts its tickets back on sale and announces it in the outbox', async () => {
    const hold = await holdOf(alice);
    const booking = await confirmed(alice, hold.id);
    const cancelled = await cancel(alice, booking.id);
    expect(cancelled.userErrors).toEqual([]);
    expect(cancelled.booking).toMatchObject({ id: booking.id, status: 'CANCELLED', cancelledAt: ANCHOR.toISOString(), payment: { status: 'REFUNDED' } });
    expect(cancelled.booking.tickets).toEqual(hold.ticketIds.map((id) => ({ id, status: 'AVAILABLE' })));
    expect(await charges(hold.id)).toEqual(['REFUNDED']);
    expect(await bookingRows(hold.id)).toEqual([{ id: String(dbId(booking.id)), status: 'CANCELLED', paymentStatus: 'REFUNDED' }]);

    const [announced] = await database.sql<{ payload: Record<string, unknown> }[]>`
      SELECT payload FROM outbox WHERE topic = 'booking.cancelled' AND (payload->>'bookingId')::bigint = ${dbId(booking.id)}`;
    expect(announced?.payload).toMatchObject({ bookingId: dbId(booking.id), userId: alice.userId, refund: 'REFUNDED' });
    expect([...(announced!.payload.ticketIds as number[])].sort((a, b) => a - b)).toEqual(hold.ticketIds.map(dbId).sort((a, b) => a - b));

    // Someone else can buy the same seats now.
    const again = await holdOf(bob, hold.event, hold.ticketIds);
    await confirmed(bob, again.id);
  });

  it('refuses to cancel from the cut-off on (24 hours before the event) and refunds nothing', async () => {
    const hold = await holdOf(alice);
    const booking = await confirmed(alice, hold.id);
    clock.set(CANCELLATION_CUTOFF);
    const closed = await cancel(alice, booking.id);
    expect(closed).toMatchObject({
      booking: null,
      userErrors: [{ code: 'CANCELLATION_CLOSED', message: expect.stringContaining(CANCELLATION_CUTOFF.toISOString()) }],
    });
    expect(await charges(hold.id)).toEqual(['CAPTURED']);
    expect(await bookingRows(hold.id)).toEqual([{ id: String(dbId(booking.id)), status: 'CONFIRMED', paymentStatus: 'CAPTURED' }]);

    // A second before the cut-off it was still possible.
    clock.set(new Date(CANCELLATION_CUTOFF.getTime() - 1000));
    expect((await cancel(alice, booking.id)).booking.status).toBe('CANCELLED');
  });

  it('answers ALREADY_CANCELLED to a second cancellation with a new key, refunding once', async () => {
    const hold = await holdOf(alice);
    const booking = await confirmed(alice, hold.id);
    expect((await cancel(alice, booking.id)).userErrors).toEqual([]);
    const second = await cancel(alice, booking.id);
    expect(second.booking).toBeNull();
    expect(codes(second)).toEqual(['ALREADY_CANCELLED']);
    expect(await charges(hold.id)).toEqual(['REFUNDED']);
    const announcements = await database.sql`
      SELECT 1 FROM outbox WHERE topic = 'booking.cancelled' AND (payload->>'bookingId')::bigint = ${dbId(booking.id)}`;
    expect(announcements).toHaveLength(1);
  });

  it('refunds once when 20 cancellations of one booking race, answering ALREADY_CANCELLED to the other 19', async () => {
    const hold = await holdOf(alice);
    const booking = await confirmed(alice, hold.id);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => server.graphql(CANCEL, { input: { bookingId: booking.id, idempotencyKey: randomUUID() } }, alice.token)),
    );
    expect(answers.flatMap((answer) => answer.errors ?? [])).toEqual([]);
    const outcomes = answers.map(({ data }) => (data.cancelBooking.userErrors.length === 0 ? 'CANCELLED' : data.cancelBooking.userErrors[0].code));
    expect(outcomes.filter((outcome) => outcome === 'CANCELLED')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'ALREADY_CANCELLED')).toHaveLength(19);
    expect(await charges(hold.id)).toEqual(['REFUNDED']);
    expect(await bookingRows(hold.id)).toEqual([{ id: String(dbId(booking.id)), status: 'CANCELLED', paymentStatus: 'REFUNDED' }]);
  });

  it("answers BOOKING_NOT_FOUND to cancelling another user's booking, which stays paid", async () => {
    const hold = await holdOf(alice);
    const booking = await confirmed(alice, hold.id);
    const stranger = await cancel(bob, booking.id);
    expect(stranger.booking).toBeNull();
    expect(codes(stranger)).toEqual(['BOOKING_NOT_FOUND']);
    expect(await charges(hold.id)).toEqual(['CAPTURED']);
    expect(await bookingRows(hold.id)).toEqual([{ id: String(dbId(booking.id)), status: 'CONFIRMED', paymentStatus: 'CAPTURED' }]);
  });

  it("answers HOLD_NOT_FOUND to confirming another user's hold, without authorizing anything", async () => {
    const hold = await holdOf(alice);
    const { payload } = await confirm(bob, hold.id);
    expect(payload).toMatchObject({ booking: null, userErrors: [{ code: 'HOLD_NOT_FOUND', field: ['input', 'holdId'] }] });
    expect(await charges(hold.id)).toEqual([]);
    expect(await holdStatus(alice, hold.id)).toBe('ACTIVE');
  });

  it('answers HOLD_EXPIRED once the clock reaches the hold expiry, without authorizing anything', async () => {
    const hold = await holdOf(alice);
    clock.set(new Date(hold.expiresAt.getTime() + 1000));
    const { payload } = await confirm(alice, hold.id);
    expect(payload).toMatchObject({ booking: null, userErrors: [{ code: 'HOLD_EXPIRED' }] });
    expect(await charges(hold.id)).toEqual([]);
    expect(await bookingRows(hold.id)).toEqual([]);
  });

  it('answers HOLD_ALREADY_CONFIRMED to confirming a confirmed hold with a new key, charging once', async () => {
    const hold = await holdOf(alice);
    await confirmed(alice, hold.id);
    const { payload } = await confirm(alice, hold.id);
    expect(payload).toMatchObject({ booking: null, userErrors: [{ code: 'HOLD_ALREADY_CONFIRMED' }] });
    expect(await charges(hold.id)).toEqual(['CAPTURED']);
    expect(await bookingRows(hold.id)).toHaveLength(1);
  });

  // ---- idempotency keys ----------------------------------------------------

  it('replays the first answer to the same key and input, charging once', async () => {
    const hold = await holdOf(alice);
    const key = randomUUID();
    const first = await confirmed(alice, hold.id, 'tok_visa', key);
    const replay = await confirmed(alice, hold.id, 'tok_visa', key);
    expect(replay.id).toBe(first.id);
    expect(replay).toEqual(first);
    expect(await charges(hold.id)).toEqual(['CAPTURED']);
    expect(await bookingRows(hold.id)).toHaveLength(1);
  });

  it('refuses the same key with another input as IDEMPOTENCY_KEY_REUSED, charging nothing for it', async () => {
    const event = await newEvent();
    const first = await holdOf(alice, event, event.seats[0]!.slice(0, 2));
    const second = await holdOf(alice, event, event.seats[1]!.slice(0, 2));
    const key = randomUUID();
    await confirmed(alice, first.id, 'tok_visa', key);

    const otherHold = await confirm(alice, second.id, 'tok_visa', key);
    expect(otherHold.payload).toMatchObject({ booking: null, userErrors: [{ code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'] }] });
    const otherCard = await confirm(alice, first.id, 'tok_mastercard', key);
    expect(codes(otherCard.payload)).toEqual(['IDEMPOTENCY_KEY_REUSED']);

    expect(await charges(second.id)).toEqual([]);
    expect(await bookingRows(second.id)).toEqual([]);
    expect(await holdStatus(alice, second.id)).toBe('ACTIVE');
    expect(await charges(first.id)).toEqual(['CAPTURED']);
  });

  it('gives 20 concurrent requests with one key the same booking, made and charged once', async () => {
    const hold = await holdOf(alice);
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => confirm(alice, hold.id, 'tok_visa', key)));
    for (const { payload, errors } of answers) {
      expect(errors).toBeUndefined();
      expect(payload.userErrors).toEqual([]);
    }
    const bookingIds = new Set(answers.map(({ payload }) => payload.booking.id));
    expect(bookingIds.size).toBe(1);
    const rows = await bookingRows(hold.id);
    expect(rows).toHaveLength(1);
    expect(String(dbId([...bookingIds][0]!))).toBe(rows[0]!.id);
    expect(await charges(hold.id)).toEqual(['CAPTURED']);
  });

  it('scopes keys to their user: two users may use the same key for their own holds', async () => {
    const event = await newEvent();
    const alicesHold = await holdOf(alice, event, event.seats[0]!.slice(0, 2));
    const bobsHold = await holdOf(bob, event, event.seats[1]!.slice(0, 2));
    const key = `shared-${randomUUID()}`;
    const alicesBooking = await confirmed(alice, alicesHold.id, 'tok_visa', key);
    const bobsBooking = await confirmed(bob, bobsHold.id, 'tok_mastercard', key);
    expect(bobsBooking.id).not.toBe(alicesBooking.id);
    expect(bobsBooking.payment).toEqual({ status: 'CAPTURED', last4: '4444' });
    expect(await charges(alicesHold.id)).toEqual(['CAPTURED']);
    expect(await charges(bobsHold.id)).toEqual(['CAPTURED']);
  });

  it('keeps no failed request under its key: after a malformed hold ID or HOLD_NOT_FOUND, the corrected request runs', async () => {
    const hold = await holdOf(alice);
    const bobsHold = await holdOf(bob, hold.event, hold.event.seats[1]!.slice(0, 1));

    const malformedKey = randomUUID();
    const malformed = await confirm(alice, 'not-a-hold-id', 'tok_visa', malformedKey);
    expect(malformed.payload).toBeNull();
    expect(malformed.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'input.holdId' } });

    const notFoundKey = randomUUID();
    const notFound = await confirm(alice, bobsHold.id, 'tok_visa', notFoundKey);
    expect(codes(notFound.payload)).toEqual(['HOLD_NOT_FOUND']);
    const kept = await database.sql`SELECT 1 FROM idempotency_keys WHERE user_id = ${alice.userId} AND key = ANY(${[malformedKey, notFoundKey]})`;
    expect(kept).toHaveLength(0);

    // Corrected with the HOLD_NOT_FOUND key: it runs and pays.
    await confirmed(alice, hold.id, 'tok_visa', notFoundKey);
    // The malformed one's key then works for another purchase of alice's.
    const another = await holdOf(alice, hold.event, hold.event.seats[2]!.slice(0, 1));
    await confirmed(alice, another.id, 'tok_visa', malformedKey);
    expect(await charges(hold.id)).toEqual(['CAPTURED']);
    expect(await charges(another.id)).toEqual(['CAPTURED']);
    expect(await charges(bobsHold.id)).toEqual([]);
  });

  it('forgets keys after 24 hours: then the key may name another request', async () => {
    const event = await newEvent();
    const hold = await holdOf(alice, event, event.seats[0]!.slice(0, 1));
    const key = randomUUID();
    await confirmed(alice, hold.id, 'tok_visa', key);
    const otherSeat = event.seats[1]!.slice(0, 1);

    clock.set(new Date(ANCHOR.getTime() + DAY_MS - 1000)); // still remembered
    const tooSoon = await reserve(alice, event, otherSeat, key);
    expect(tooSoon.errors).toBeUndefined();
    expect(codes(tooSoon.payload)).toEqual(['IDEMPOTENCY_KEY_REUSED']);

    clock.set(new Date(ANCHOR.getTime() + DAY_MS + 1000)); // forgotten
    const later = await reserve(alice, event, otherSeat, key);
    expect(later.errors).toBeUndefined();
    expect(later.payload.userErrors).toEqual([]);
    expect(later.payload.hold.tickets.map((t: { id: string }) => t.id)).toEqual(otherSeat);
  });

  it('replays reserveSeats with the same key as the same hold, and refuses keys longer than 255 characters', async () => {
    const event = await newEvent();
    const seats = event.seats[0]!.slice(0, 2);
    const key = randomUUID();
    const first = await reserve(alice, event, seats, key);
    expect(first.payload.userErrors).toEqual([]);
    const replay = await reserve(alice, event, seats, key);
    expect(replay.payload.userErrors).toEqual([]);
    expect(replay.payload.hold.id).toBe(first.payload.hold.id);
    const holdCount = async () => (await database.sql<[{ n: number }]>`SELECT count(*)::int AS n FROM holds WHERE event_id = ${event.eventId}`)[0].n;
    expect(await holdCount()).toBe(1);

    const tooLong = await reserve(alice, event, event.seats[1]!.slice(0, 1), 'k'.repeat(256));
    expect(tooLong.payload).toBeUndefined(); // refused before anything ran (the schema's @maxLength): no data at all
    expect(tooLong.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'input.idempotencyKey' } });
    expect(await holdCount()).toBe(1);

    const longest = await reserve(alice, event, event.seats[1]!.slice(0, 1), 'k'.repeat(255));
    expect(longest.payload.userErrors).toEqual([]);
    expect(await holdCount()).toBe(2);
  });
});
