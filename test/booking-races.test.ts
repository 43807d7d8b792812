/**
 * Booking under contention, over real HTTP against real PostgreSQL. Each race
 * has a negative control: the same race against a server whose guard is
 * switched off (a test-only option) must go wrong, which shows the test can
 * see the failure it guards against.
 */
import { randomUUID } from 'node:crypto';

import { beforeAll, describe, expect, it } from 'vitest';

import { fromGlobalId, toGlobalId } from '../src/relay/global-id.js';
import { type Buyer, createBuyers, createOnSaleEvent } from './support/booking.js';
import { CONFIRM, RESERVE } from './support/booking-operations.js';
import { ANCHOR } from './support/catalog.js';
import { untilBlocked } from './support/database.js';
import { type SqlTestDatabase, useTestServer } from './support/fixture.js';
import { manualClock, type TestServer } from './support/server.js';

/** A deterministic random number generator (mulberry32), so a failing race can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const codesOf = (results: any[]) => results.map((r) => r.errors?.[0]?.extensions?.code ?? r.data.reserveSeats.userErrors[0]?.code ?? 'HELD');
const tally = (codes: string[]) => Object.fromEntries([...new Set(codes)].map((code) => [code, codes.filter((c) => c === code).length]));

/** Tickets under more than one live hold or booking as of `now`: must always be empty. */
async function doublyClaimed(database: SqlTestDatabase, eventId: number, now = ANCHOR): Promise<readonly unknown[]> {
  return database.sql`
    SELECT ht.ticket_id FROM hold_tickets ht JOIN holds h ON h.id = ht.hold_id LEFT JOIN bookings b ON b.hold_id = h.id
    WHERE h.event_id = ${eventId} AND ((h.status = 'ACTIVE' AND h.expires_at > ${now}) OR b.status = 'CONFIRMED')
    GROUP BY ht.ticket_id HAVING count(*) > 1`;
}

/** Resolves once `reached()` holds, checking between turns of the event loop (the server runs in this process). */
function untilSent(reached: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (reached() ? resolve() : setImmediate(check));
    check();
  });
}

describe('booking races', () => {
  const clock = manualClock(ANCHOR);
  const { database, server } = useTestServer({ events: 2, clock, env: { DATABASE_POOL_SIZE: '10' } });
  const { server: unguarded } = useTestServer({
    database,
    clock,
    env: { DATABASE_POOL_SIZE: '10' },
    unsafeBookingGuards: { unsafeDisableSeatGuard: true, unsafeDisableLimitLock: true },
  });
  let organizerId: number;
  let buyers: Buyer[];

  beforeAll(async () => {
    organizerId = (await createBuyers(database.sql, 1, 'ORGANIZER'))[0]!.userId;
    buyers = await createBuyers(database.sql, 500);
  });

  const reserveAll = (target: TestServer, eventId: string, selections: string[][]) =>
    Promise.all(selections.map((ticketIds, i) => target.graphql(RESERVE, { input: { eventId, ticketIds } }, buyers[i]!.token)));

  it('gives one seat wanted by 200 buyers at once to exactly one of them', async () => {
    const event = await createOnSaleEvent(database.sql, organizerId);
    const seat = event.seats[0]![0]!;
    const results = await reserveAll(
      server,
      event.id,
      Array.from({ length: 200 }, () => [seat]),
    );
    expect(tally(codesOf(results))).toEqual({ HELD: 1, SEATS_UNAVAILABLE: 199 });
    expect(results.every((r) => r.status === 200 && !r.errors)).toBe(true);
    const losers = results.filter((r) => !r.data.reserveSeats.hold);
    expect(losers.every((r) => r.data.reserveSeats.unavailableTicketIds[0] === seat)).toBe(true);
    expect(await doublyClaimed(database, event.eventId)).toEqual([]);
  });

  it('seats a crowd asking for the best available at once, while seats are plenty', async () => {
    const event = await createOnSaleEvent(database.sql, organizerId, { rows: 20, seatsPerRow: 20, gaCapacity: 1 });
    const reserved = toGlobalId('Section', event.reservedSectionId);
    const results = await Promise.all(
      buyers
        .slice(0, 100)
        .map((buyer) => server.graphql(RESERVE, { input: { eventId: event.id, bestAvailable: { quantity: 2, sectionId: reserved } } }, buyer.token)),
    );
    // All try the same best block first; the losers spread out over the others rather than queue for the next best.
    expect(tally(codesOf(results))).toEqual({ HELD: 100 });
    expect(await doublyClaimed(database, event.eventId)).toEqual([]);
  });

  it('negative control: without the guard the same race goes wrong, and the database constraint stops a double hold', async () => {
    const event = await createOnSaleEvent(database.sql, organizerId);
    const seat = event.seats[0]![0]!;
    const results = await reserveAll(
      unguarded,
      event.id,
      Array.from({ length: 200 }, () => [seat]),
    );
    const codes = tally(codesOf(results));
    expect(codes).not.toEqual({ HELD: 1, SEATS_UNAVAILABLE: 199 });
    expect(codes.INTERNAL_SERVER_ERROR).toBeGreaterThan(0);
    expect(unguarded.logs.some((line) => JSON.stringify(line).includes('hold_tickets_one_live_claim'))).toBe(true);
    expect(await doublyClaimed(database, event.eventId)).toEqual([]);
  });

  it('the exclusion constraint refuses a second live claim written by hand', async () => {
    const event = await createOnSaleEvent(database.sql, organizerId);
    const ticketId = fromGlobalId(event.seats[0]![0]!).id;
    const [a, b] = await database.sql<{ id: string }[]>`
      INSERT INTO holds (event_id, user_id, expires_at) VALUES (${event.eventId}, ${buyers[0]!.userId}, now() + interval '10 minutes'),
             (${event.eventId}, ${buyers[1]!.userId}, now() + interval '10 minutes') RETURNING id`;
    await database.sql`INSERT INTO hold_tickets (hold_id, ticket_id, price, claimed_from, claimed_until) VALUES (${a!.id}, ${ticketId}, 1, now(), now() + interval '10 minutes')`;
    await expect(
      database.sql`INSERT INTO hold_tickets (hold_id, ticket_id, price, claimed_from, claimed_until) VALUES (${b!.id}, ${ticketId}, 1, now() + interval '5 minutes', NULL)`,
    ).rejects.toMatchObject({ code: '23P01', constraint_name: 'hold_tickets_one_live_claim' });
    // A claim that starts when the first ends is fine, and so is an emptied (withdrawn) one.
    await database.sql`INSERT INTO hold_tickets (hold_id, ticket_id, price, claimed_from, claimed_until) VALUES (${b!.id}, ${ticketId}, 1, now() + interval '10 minutes', NULL)`;
  });

  it('500 buyers racing for overlapping seats: holds all-or-nothing, no deadlock, every sold ticket in exactly one booking', async () => {
    const event = await createOnSaleEvent(database.sql, organizerId, { rows: 10, seatsPerRow: 10, ticketLimit: 10 });
    const next = random(42);
    const selections = buyers.map(() => {
      const row = event.seats[Math.floor(next() * 10)]!;
      const picked = new Set(Array.from({ length: 1 + Math.floor(next() * 4) }, () => row[Math.floor(next() * 10)]!));
      return [...picked].sort(() => next() - 0.5); // random order: the server must sort its locks
    });
    const results = await reserveAll(server, event.id, selections);
    const codes = tally(codesOf(results));
    expect(Object.keys(codes).sort()).toEqual(['HELD', 'SEATS_UNAVAILABLE']); // no deadlock or any other error
    const holds = results.flatMap((r, i) =>
      r.data.reserveSeats.hold ? [{ buyer: buyers[i]!, selection: selections[i]!, hold: r.data.reserveSeats.hold }] : [],
    );
    for (const { selection, hold } of holds) expect(hold.tickets.map((t: any) => t.id).sort()).toEqual([...selection].sort());
    expect(await doublyClaimed(database, event.eventId)).toEqual([]);
    const [held] = await database.sql`SELECT count(*)::int AS n FROM tickets WHERE event_id = ${event.eventId} AND status = 'HELD'`;
    expect(held!.n).toBe(holds.reduce((sum, h) => sum + h.selection.length, 0));

    const confirmed = await Promise.all(
      holds.map(({ buyer, hold }) =>
        server.graphql(CONFIRM, { input: { holdId: hold.id, payment: { token: 'tok_visa' }, idempotencyKey: randomUUID() } }, buyer.token),
      ),
    );
    expect(confirmed.every((r) => !r.errors && r.data.confirmBooking.userErrors.length === 0)).toBe(true);
    const [wrong] = await database.sql`
      SELECT count(*) FILTER (WHERE t.booking_id IS NULL OR b.id IS NULL OR b.status <> 'CONFIRMED')::int AS unbooked,
             count(*)::int AS sold,
             (SELECT count(*)::int FROM (SELECT ht.ticket_id FROM hold_tickets ht JOIN bookings b2 ON b2.hold_id = ht.hold_id
                WHERE b2.event_id = ${event.eventId} AND b2.status = 'CONFIRMED' GROUP BY ht.ticket_id HAVING count(*) > 1) twice) AS "bookedTwice"
      FROM tickets t LEFT JOIN bookings b ON b.id = t.booking_id
      WHERE t.event_id = ${event.eventId} AND t.status = 'SOLD'`;
    expect(wrong).toEqual({ unbooked: 0, sold: held!.n, bookedTwice: 0 });
  });

  /**
   * One user's two requests for different seats, which together pass the
   * limit, are made to overlap exactly: the test holds row locks on the seats
   * so both requests stop at their claim (or at the user's lock) until it lets go.
   */
  async function overlapTwoRequests(target: TestServer, buyer: Buyer) {
    const event = await createOnSaleEvent(database.sql, organizerId, { ticketLimit: 4 });
    const [first, second] = [event.seats[0]!.slice(0, 3), event.seats[1]!.slice(0, 3)];
    const ids = [...first, ...second].map((id) => fromGlobalId(id).id);
    let both: Promise<any[]> | undefined;
    await database.sql.begin(async (tx) => {
      await tx`SELECT id FROM tickets WHERE id = ANY(${ids}::bigint[]) FOR UPDATE`;
      both = Promise.all([first, second].map((ticketIds) => target.graphql(RESERVE, { input: { eventId: event.id, ticketIds } }, buyer.token)));
      await untilBlocked(database.sql, 2);
    }); // the row locks go here, and both requests go on
    return codesOf(await both!).sort();
  }

  it('one user cannot pass the ticket limit with parallel requests (write skew)', async () => {
    expect(await overlapTwoRequests(server, buyers[0]!)).toEqual(['HELD', 'LIMIT_EXCEEDED']);
  });

  it('negative control: without the per-user lock both parallel requests pass the limit', async () => {
    expect(await overlapTwoRequests(unguarded, buyers[1]!)).toEqual(['HELD', 'HELD']);
  });

  describe('confirmation racing the hold expiry', () => {
    const charges = async (holdId: string) =>
      (await database.sql`SELECT status FROM simulated_charges WHERE reference = ${`hold:${fromGlobalId(holdId).id}`}`).map((c) => c.status);
    const holdStatus = async (holdId: string) => (await database.sql`SELECT status FROM holds WHERE id = ${fromGlobalId(holdId).id}`)[0]!.status;
    const bookings = async (holdId: string) => (await database.sql`SELECT count(*)::int AS n FROM bookings WHERE hold_id = ${fromGlobalId(holdId).id}`)[0]!.n;

    async function holdTwoSeats(owner: Buyer) {
      clock.set(ANCHOR);
      const event = await createOnSaleEvent(database.sql, organizerId, { holdTtlSeconds: 60 });
      const seats = event.seats[0]!.slice(0, 2);
      const { data } = await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds: seats } }, owner.token);
      return { event, seats, holdId: data.reserveSeats.hold.id as string, expiry: new Date(ANCHOR.getTime() + 60_000) };
    }
    const confirm = (buyer: Buyer, holdId: string) =>
      server.graphql(CONFIRM, { input: { holdId, payment: { token: 'tok_visa' }, idempotencyKey: randomUUID() } }, buyer.token);

    it('a hold that expires while its payment is authorized is not sold: HOLD_EXPIRED and the authorization voided', async () => {
      const [owner, rival] = [buyers[10]!, buyers[11]!];
      const { event, seats, holdId, expiry } = await holdTwoSeats(owner);
      let confirming: Promise<any> | undefined;
      await database.sql.begin(async (tx) => {
        await tx`SELECT 1 FROM holds WHERE id = ${fromGlobalId(holdId).id} FOR UPDATE`;
        confirming = confirm(owner, holdId); // authorizes, then waits for the hold's row
        await untilBlocked(database.sql, 1);
        clock.set(expiry);
        const taken = await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds: seats } }, rival.token);
        expect(taken.data.reserveSeats.userErrors).toEqual([]);
        await server.sweepHolds();
        expect(await holdStatus(holdId)).toBe('ACTIVE'); // the hold is locked: the sweeper skipped it
      });
      expect((await confirming!).data.confirmBooking.userErrors[0].code).toBe('HOLD_EXPIRED');
      expect(await charges(holdId)).toEqual(['VOIDED']);
      expect(await bookings(holdId)).toBe(0);
      expect(await doublyClaimed(database, event.eventId, expiry)).toEqual([]);
    });

    it('a hold confirmed just before it expires stays sold: the rival and the sweeper find nothing', async () => {
      const [owner, rival] = [buyers[12]!, buyers[13]!];
      const { event, seats, holdId, expiry } = await holdTwoSeats(owner);
      clock.set(new Date(expiry.getTime() - 1));
      expect((await confirm(owner, holdId)).data.confirmBooking.userErrors).toEqual([]);
      clock.set(expiry);
      const rivalTry = await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds: seats } }, rival.token);
      expect(rivalTry.data.reserveSeats.userErrors[0].code).toBe('SEATS_UNAVAILABLE');
      await server.sweepHolds();
      expect(await holdStatus(holdId)).toBe('CONFIRMED');
      expect(await charges(holdId)).toEqual(['CAPTURED']);
    });

    it('run together, confirmation and expiry give a booking or HOLD_EXPIRED, never both, never a kept charge', async () => {
      const outcomes = new Set<string>();
      for (let trial = 0; trial < 12; trial++) {
        const [owner, rival] = [buyers[20 + 2 * trial]!, buyers[21 + 2 * trial]!];
        const { event, seats, holdId, expiry } = await holdTwoSeats(owner);
        clock.set(new Date(expiry.getTime() - 1));
        const sent = server.statements.length;
        const confirming = confirm(owner, holdId);
        const [confirmed, rivalTry] = await Promise.all([
          confirming,
          (async () => {
            // The hold expires once the confirmation has sent `trial` SQL statements (or finished): a step further each trial.
            await Promise.race([confirming, untilSent(() => server.statements.length - sent >= trial)]);
            clock.set(expiry);
            const result = await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds: seats } }, rival.token);
            await server.sweepHolds();
            return result;
          })(),
        ]);
        const sold = confirmed.data.confirmBooking.booking !== null;
        outcomes.add(sold ? 'booking' : confirmed.data.confirmBooking.userErrors[0].code);
        expect(await bookings(holdId)).toBe(sold ? 1 : 0);
        expect(rivalTry.data.reserveSeats.hold === null).toBe(sold);
        // Unsold: nothing was charged (expired before the payment) or the authorization was voided.
        expect(await charges(holdId)).toEqual(sold ? ['CAPTURED'] : expect.not.arrayContaining(['AUTHORIZED', 'CAPTURED']));
        expect(await doublyClaimed(database, event.eventId, expiry)).toEqual([]);
      }
      // Early expiries lose the race, late ones win it: both ends were exercised, and nothing else happened.
      expect(outcomes).toEqual(new Set(['booking', 'HOLD_EXPIRED']));
    });
  });
});
