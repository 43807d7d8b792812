/**
 * The seat-map change log against the tickets themselves, after a crowd:
 * buyers on two servers hold chosen and best-available seats, pay, release
 * and abandon, half of them after the first holds have run out, while the
 * sweeper frees expired holds. Replaying the log in version order, and
 * applying what a subscriber received, must both give the tickets' statuses.
 * And the log is written in the transaction that changed the tickets, so
 * versions follow the order in which changes to one ticket commit.
 */
import { randomUUID } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { Random } from '../src/db/seed/random.js';
import { fromGlobalId, toGlobalId } from '../src/relay/global-id.js';
import { type Buyer, createBuyers, createOnSaleEvent } from './support/booking.js';
import { CONFIRM, RELEASE, RESERVE } from './support/booking-operations.js';
import { ANCHOR } from './support/catalog.js';
import { untilBlocked } from './support/database.js';
import { useTestServer } from './support/fixture.js';
import { watchSeatMap } from './support/seat-map-watcher.js';
import { manualClock } from './support/server.js';

describe('seat-map log under a crowd', () => {
  const clock = manualClock(ANCHOR);
  const { database, server } = useTestServer({ events: 2, clock });
  const { server: other } = useTestServer({ database, clock });
  const servers = [server, other];

  it('replays, from the log and from a subscription, to exactly the tickets as they are', async () => {
    const [organizer] = await createBuyers(database.sql, 1, 'ORGANIZER');
    const event = await createOnSaleEvent(database.sql, organizer!.userId, { rows: 4, seatsPerRow: 10, gaCapacity: 10, holdTtlSeconds: 60 });
    const seats = event.seats.flat();
    const buyers = await createBuyers(database.sql, 120);
    const random = new Random(7);
    const watcher = watchSeatMap(servers[0]!.url, { eventId: event.id, sinceVersion: 0 });

    const shop = async (buyer: Buyer, i: number) => {
      const server = servers[i % 2]!;
      const quantity = 1 + Math.floor(random.next() * 3);
      const start = Math.floor(random.next() * (seats.length - quantity));
      const selection = i % 3 === 0 ? { bestAvailable: { quantity } } : { ticketIds: seats.slice(start, start + quantity) };
      const { data, errors } = await server.graphql(RESERVE, { input: { eventId: event.id, ...selection } }, buyer.token);
      expect(errors).toBeUndefined();
      const hold = data.reserveSeats.hold;
      if (!hold) return expect(data.reserveSeats.userErrors[0].code).toBe('SEATS_UNAVAILABLE');
      const choice = random.next();
      if (choice < 0.5) {
        const paid = await server.graphql(CONFIRM, { input: { holdId: hold.id, payment: { token: 'tok_visa' }, idempotencyKey: randomUUID() } }, buyer.token);
        expect(paid.errors).toBeUndefined();
      } else if (choice < 0.75) {
        expect((await server.graphql(RELEASE, { input: { holdId: hold.id } }, buyer.token)).errors).toBeUndefined();
      } // else abandoned: it runs out
    };
    await Promise.all(buyers.slice(0, 60).map(shop));
    // The first holds run out: the second half of the crowd takes their seats, before and while they are swept.
    clock.set(new Date(ANCHOR.getTime() + 61_000));
    await Promise.all([...buyers.slice(60).map((buyer, i) => shop(buyer, 60 + i)), servers[0]!.sweepHolds(), servers[1]!.sweepHolds()]);
    clock.set(new Date(ANCHOR.getTime() + 200_000));
    while ((await servers[0]!.sweepHolds()) > 0);

    const tickets = await database.sql<{ id: string; status: string }[]>`SELECT id, status FROM tickets WHERE event_id = ${event.eventId}`;
    const stored = new Map(tickets.map((ticket) => [toGlobalId('Ticket', Number(ticket.id)), ticket.status]));
    const log = await database.sql<{ ticketId: string; status: string; version: string }[]>`
      SELECT ticket_id AS "ticketId", status, version FROM seat_map_changes WHERE event_id = ${event.eventId} ORDER BY version`;
    expect(new Set(log.map((change) => change.status))).toEqual(new Set(['HELD', 'SOLD', 'AVAILABLE'])); // the crowd did all three
    const replayed = new Map([...stored.keys()].map((id) => [id, 'AVAILABLE']));
    for (const change of log) replayed.set(toGlobalId('Ticket', Number(change.ticketId)), change.status);
    expect(replayed).toEqual(stored);

    const finalVersion = Number(log.at(-1)!.version);
    while ((watcher.deltas.at(-1)?.version ?? 0) < finalVersion) await watcher.take();
    const applied = watcher.apply({ version: 0, statuses: new Map([...stored.keys()].map((id) => [id, 'AVAILABLE'])) });
    expect(applied).toEqual({ version: finalVersion, statuses: stored });
    expect(fromGlobalId(watcher.deltas[0]!.eventId).id).toBe(event.eventId);
    await watcher.close();
  });

  it("writes a transaction's changes to the log before its COMMIT, so that nobody sees the tickets change first", async () => {
    const [organizer, buyer, rival] = await createBuyers(database.sql, 3);
    const event = await createOnSaleEvent(database.sql, organizer!.userId, { rows: 1, seatsPerRow: 2, gaCapacity: 1 });
    const seat = event.seats[0]![0]!;
    const hold = (await servers[0]!.graphql(RESERVE, { input: { eventId: event.id, ticketIds: [seat] } }, buyer!.token)).data.reserveSeats.hold.id;

    // Hold the event's seat-map version row, so that the release's log write waits for it.
    const blocker = await database.sql.reserve();
    await blocker`BEGIN`;
    await blocker`SELECT version FROM seat_maps WHERE event_id = ${event.eventId} FOR UPDATE`;
    const releasing = servers[0]!.graphql(RELEASE, { input: { holdId: hold } }, buyer!.token);
    await untilBlocked(database.sql, 1); // the release, waiting to log its change
    // Until the release has logged its change, it has not committed: the seat is still held, so a rival cannot take it
    // (and log its hold before the release's "available").
    const [ticket] = await database.sql<[{ status: string }]>`SELECT status FROM tickets WHERE id = ${fromGlobalId(seat).id}`;
    expect(ticket.status).toBe('HELD');
    const rivalry = await servers[1]!.graphql(RESERVE, { input: { eventId: event.id, ticketIds: [seat] } }, rival!.token);
    expect(rivalry.data.reserveSeats.userErrors[0].code).toBe('SEATS_UNAVAILABLE');
    await blocker`COMMIT`;
    blocker.release();

    expect((await releasing).data.releaseHold.hold.id).toBe(hold);
    const log = await database.sql<{ status: string }[]>`
      SELECT status FROM seat_map_changes WHERE event_id = ${event.eventId} ORDER BY version`;
    expect(log.map((change) => change.status)).toEqual(['HELD', 'AVAILABLE']);
  });
});
