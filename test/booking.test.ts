import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuyers, createOnSaleEvent, type Buyer, type OnSaleEvent } from './support/booking.js';
import { CANCEL, CONFIRM, RELEASE, RESERVE } from './support/booking-operations.js';
import { ANCHOR, createSeededDatabase } from './support/catalog.js';
import { manualClock, startTestServer, type TestServer } from './support/server.js';

describe('booking', () => {
  let database: Awaited<ReturnType<typeof createSeededDatabase>>;
  let server: TestServer;
  let event: OnSaleEvent;
  let buyers: Buyer[];
  const clock = manualClock(ANCHOR);

  beforeAll(async () => {
    database = await createSeededDatabase(2);
    server = await startTestServer(database.url, { clock });
    const [organizer] = await createBuyers(database.sql, 1, 'ORGANIZER');
    event = await createOnSaleEvent(database.sql, organizer!.userId);
    buyers = await createBuyers(database.sql, 5);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('reserves, confirms and cancels', async () => {
    const buyer = buyers[0]!;
    const reserved = await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds: event.seats[0]!.slice(0, 2) } }, buyer.token);
    console.log(JSON.stringify(reserved, null, 1), JSON.stringify(server.logs.filter((l) => (l.level as number) >= 50).map((l) => (l.err as any)?.message)));
    console.log(server.statements.slice(-3).join("\n----\n"));
    const holdId = reserved.data.reserveSeats.hold.id;
    const confirmed = await server.graphql(CONFIRM, { input: { holdId, payment: { token: 'tok_visa' }, idempotencyKey: randomUUID() } }, buyer.token);
    console.log(JSON.stringify(confirmed, null, 1));
    const cancelled = await server.graphql(CANCEL, { input: { bookingId: confirmed.data.confirmBooking.booking.id, idempotencyKey: randomUUID() } }, buyer.token);
    console.log(JSON.stringify(cancelled, null, 1));
    const best = await server.graphql(RESERVE, { input: { eventId: event.id, bestAvailable: { quantity: 3 } } }, buyer.token);
    console.log(JSON.stringify(best, null, 1));
    const released = await server.graphql(RELEASE, { input: { holdId: best.data.reserveSeats.hold.id } }, buyer.token);
    console.log(JSON.stringify(released, null, 1));
  });
});
