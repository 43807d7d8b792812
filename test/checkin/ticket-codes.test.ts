/**
 * `Ticket.code` and `Ticket.qrCode` through the API: the buyer of the
 * confirmed booking sees the signed code of each ticket, and its QR image
 * decodes to it; anyone else (anonymous, another fan, the organizer, an
 * admin) sees null, as does the buyer once the booking is cancelled; a ticket
 * sold again gets a new code, for its new buyer only.
 */
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { verifyTicketCode } from '../../src/checkin/ticket-code.js';
import { fromGlobalIdOf } from '../../src/relay/global-id.js';
import { type Buyer, type Cast, createBuyers, createCast, createOnSaleEvent, type OnSaleEvent } from '../support/booking.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestServer } from '../support/fixture.js';
import { manualClock, TEST_TICKET_SECRET } from '../support/server.js';
import { decodeQr } from '../support/smtp.js';
import { BOOKING_CODES, buy, cancel, TICKET_CODE } from './checkin-support.js';

const DATA_URL = 'data:image/png;base64,';

describe('ticket codes in the API', () => {
  const { database, server } = useTestServer({ clock: manualClock(ANCHOR) });
  let cast: Cast;
  let buyer: Buyer;
  let event: OnSaleEvent;

  beforeAll(async () => {
    cast = await createCast(database.sql);
    [buyer] = (await createBuyers(database.sql, 1)) as [Buyer];
    event = await createOnSaleEvent(database.sql, cast.organizer.userId);
  });

  const codeAs = async (caller: Buyer | undefined, ticketId: string) => (await server.graphql(TICKET_CODE, { id: ticketId }, caller?.token)).data.node;

  it('shows the buyer a signed code per ticket, naming ticket, event and booking, with a QR image of it', async () => {
    const purchase = await buy(server, buyer, event, [...event.seats[0]!.slice(0, 2), event.units[0]!]);
    const bookingId = fromGlobalIdOf('Booking', purchase.bookingId);
    for (const ticket of purchase.tickets) {
      expect(verifyTicketCode(TEST_TICKET_SECRET, ticket.code)).toEqual({
        ticketId: fromGlobalIdOf('Ticket', ticket.id),
        eventId: event.eventId,
        serial: bookingId,
      });
      expect(ticket.qrCode.startsWith(DATA_URL)).toBe(true);
      const png = Buffer.from(ticket.qrCode.slice(DATA_URL.length), 'base64');
      expect(PNG.sync.read(png).width).toBeGreaterThanOrEqual(180);
      expect(decodeQr(png)).toBe(ticket.code);
      expect(await codeAs(buyer, ticket.id)).toEqual(ticket); // by node(id) too
    }
    expect(new Set(purchase.tickets.map((ticket) => ticket.code)).size).toBe(3);
  });

  it('shows no code to anyone but the buyer: anonymous, another fan, the organizer, an admin', async () => {
    const purchase = await buy(server, buyer, event, event.seats[1]!.slice(0, 1));
    const ticketId = purchase.tickets[0]!.id;
    for (const caller of [undefined, cast.fan, cast.organizer, cast.admin]) {
      expect(await codeAs(caller, ticketId)).toEqual({ id: ticketId, code: null, qrCode: null });
    }
    // An admin may look at the booking, not at its codes.
    const asAdmin = await server.graphql(BOOKING_CODES, { id: purchase.bookingId }, cast.admin.token);
    expect(asAdmin.data.booking.tickets).toEqual([{ id: ticketId, code: null, qrCode: null }]);
  });

  it('shows no code for an unsold ticket or a cancelled booking; a resale has a new code for its new buyer only', async () => {
    const seat = event.seats[2]![0]!;
    expect(await codeAs(buyer, seat)).toEqual({ id: seat, code: null, qrCode: null });
    const original = await buy(server, buyer, event, [seat]);
    await cancel(server, buyer, original.bookingId);
    const cancelled = await server.graphql(BOOKING_CODES, { id: original.bookingId }, buyer.token);
    expect(cancelled.data.booking).toMatchObject({ status: 'CANCELLED', tickets: [{ id: seat, code: null, qrCode: null }] });

    const [second] = (await createBuyers(database.sql, 1)) as [Buyer];
    const resold = await buy(server, second!, event, [seat]);
    expect(resold.tickets[0]!.code).not.toBe(original.tickets[0]!.code);
    expect(verifyTicketCode(TEST_TICKET_SECRET, resold.tickets[0]!.code)?.serial).toBe(fromGlobalIdOf('Booking', resold.bookingId));
    // The first buyer's old booking still lists the seat, now someone else's: no code for them.
    expect((await server.graphql(BOOKING_CODES, { id: original.bookingId }, buyer.token)).data.booking.tickets).toEqual([
      { id: seat, code: null, qrCode: null },
    ]);
    expect(await codeAs(buyer, seat)).toEqual({ id: seat, code: null, qrCode: null });
  });

  it('reads the codes of a page of tickets in a few statements, not one per ticket', async () => {
    const [fan] = (await createBuyers(database.sql, 1)) as [Buyer];
    await buy(server, fan, event, event.seats[3]!.slice(0, 8));
    const page = `query ($id: ID!) { event(id: $id) { tickets(first: 100) { edges { node { id code } } } } }`;
    server.statements.length = 0;
    const { data } = await server.graphql(page, { id: event.id }, fan.token);
    const codes = data.event.tickets.edges.filter((edge: any) => edge.node.code !== null);
    expect(codes).toHaveLength(8);
    const codeReads = server.statements.filter((statement) => /booking_id/.test(statement) || /bookings/.test(statement));
    expect(codeReads.length).toBeLessThanOrEqual(3);
  });
});
