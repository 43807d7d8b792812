/**
 * Scanners racing at the door. 50 scans of one code at once: exactly one
 * lets the ticket in, the other 49 answer ALREADY_CHECKED_IN with that one's
 * gate; with the guard off (UnsafeCheckInGuards' check-then-write) more than
 * one scan gets in (two scans are held at their writes until both have checked), so the test would catch
 * the guard's loss. Scans racing a
 * cancellation: at most one gets in, and once the cancellation has answered,
 * none does.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';

import { type Buyer, createBuyers, createCast, createOnSaleEvent, type OnSaleEvent } from '../support/booking.js';
import { CANCEL } from '../support/booking-operations.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestServer } from '../support/fixture.js';
import { manualClock, type TestServer } from '../support/server.js';
import { buy, scan } from './checkin-support.js';

const SCANS = 50;

describe('check-in races', () => {
  const clock = manualClock(ANCHOR);
  const { database, server, startServer } = useTestServer({ clock });
  let organizer: Buyer;
  let event: OnSaleEvent;

  beforeAll(async () => {
    ({ organizer } = await createCast(database.sql));
    event = await createOnSaleEvent(database.sql, organizer.userId, { rows: 10, ticketLimit: 10 });
  });

  /** 50 scans of `code` at once, each at its own gate; the answers. */
  const race = (on: TestServer, code: string) =>
    Promise.all(Array.from({ length: SCANS }, (_, i) => scan(on, organizer, code, `Gate ${i}`).then(({ data }) => data.checkInTicket)));

  /**
   * `race`, with writes to ticket_check_ins held (reads are not) until at least two scans are writing: the window
   * a busy door opens now and then, held open so that each run meets it.
   */
  async function raceWithWritesHeld(on: TestServer, code: string) {
    let racing: ReturnType<typeof race> | undefined;
    await database.sql.begin(async (tx) => {
      await tx`LOCK TABLE ticket_check_ins IN SHARE MODE`;
      racing = race(on, code);
      await vi.waitFor(
        async () => {
          const [{ writers }] = await database.sql<[{ writers: number }]>`
            SELECT count(*)::int AS writers FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO ticket_check_ins%'`;
          expect(writers).toBeGreaterThanOrEqual(2);
        },
        { timeout: 10_000, interval: 20 },
      );
    });
    return racing!;
  }

  it('lets exactly one of 50 simultaneous scans of a code in; the others are told which gate it was', async () => {
    const [buyer] = await createBuyers(database.sql, 1);
    const { tickets } = await buy(server, buyer!, event, event.seats[0]!.slice(0, 1));
    const answers = await race(server, tickets[0]!.code);
    expect(answers.filter((answer) => answer.userErrors.length === 0)).toHaveLength(1);
    const losers = answers.filter((answer) => answer.userErrors.length > 0);
    expect(new Set(losers.map((answer) => answer.userErrors[0].code))).toEqual(new Set(['ALREADY_CHECKED_IN']));
    const [{ gate, checkIns }] = await database.sql<[{ gate: string; checkIns: number }]>`
      SELECT min(gate) AS gate, count(*)::int AS "checkIns" FROM ticket_check_ins WHERE event_id = ${event.eventId}`;
    expect(checkIns).toBe(1);
    expect(new Set(losers.map((answer) => answer.previousCheckIn.gate))).toEqual(new Set([gate]));
  });

  it('lets exactly one in when the writes are held until several scans have checked, and more than one with the guard off', async () => {
    const [buyer] = await createBuyers(database.sql, 1);
    const safe = await buy(server, buyer!, event, event.seats[1]!.slice(0, 1));
    const guarded = await raceWithWritesHeld(server, safe.tickets[0]!.code);
    expect(guarded.filter((answer) => answer.userErrors.length === 0)).toHaveLength(1);

    const unsafe = await startServer({ clock, unsafeCheckInGuards: { unsafeCheckThenWrite: true } });
    const unsafeSale = await buy(unsafe, buyer!, event, event.seats[1]!.slice(1, 2));
    const unguarded = await raceWithWritesHeld(unsafe, unsafeSale.tickets[0]!.code);
    expect(unguarded.filter((answer) => answer.userErrors.length === 0).length).toBeGreaterThan(1);
  });

  it('lets at most one scan in while the booking is cancelled, and none once the cancellation has answered', async () => {
    const [buyer] = await createBuyers(database.sql, 1);
    const { bookingId, tickets } = await buy(server, buyer!, event, event.seats[2]!.slice(0, 1));
    const code = tickets[0]!.code;
    const scanning = Promise.all(Array.from({ length: 20 }, () => scan(server, organizer, code)));
    const cancelled = await server.graphql(CANCEL, { input: { bookingId, idempotencyKey: 'race' } }, buyer!.token);
    expect(cancelled.data.cancelBooking.userErrors).toEqual([]);
    const after = await Promise.all(Array.from({ length: 20 }, () => scan(server, organizer, code)));
    const during = (await scanning).map(({ data }) => data.checkInTicket.userErrors[0]?.code);
    expect(during.filter((code) => code === undefined).length).toBeLessThanOrEqual(1);
    for (const code of during) expect(['TICKET_CANCELLED', 'ALREADY_CHECKED_IN', undefined]).toContain(code);
    expect(new Set(after.map(({ data }) => data.checkInTicket.userErrors[0]?.code))).toEqual(new Set(['TICKET_CANCELLED']));
  });
});
