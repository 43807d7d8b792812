/**
 * What the check-in tests share: the operations as a scanner app and an
 * organizer's tools send them, a purchase through the API, and the rows a
 * refused request must leave as they were.
 */
import type postgres from 'postgres';
import { expect } from 'vitest';

import type { Buyer, OnSaleEvent } from '../support/booking.js';
import { CANCEL, CONFIRM, RESERVE } from '../support/booking-operations.js';
import type { TestServer } from '../support/server.js';

export const CHECK_IN = `mutation ($input: CheckInTicketInput!) {
  checkInTicket(input: $input) {
    ticket { id row number event { id } }
    checkedInAt
    previousCheckIn { checkedInAt gate }
    userErrors { code message field }
  }
}`;

export const ADD_STAFF = `mutation ($input: AddEventStaffInput!) {
  addEventStaff(input: $input) { event { id staff { id } } user { id } userErrors { code message field } }
}`;

export const REMOVE_STAFF = `mutation ($input: RemoveEventStaffInput!) {
  removeEventStaff(input: $input) { event { id staff { id } } user { id } userErrors { code message field } }
}`;

export const BOOKING_CODES = `query ($id: ID!) { booking(id: $id) { id status tickets { id code qrCode } } }`;
export const TICKET_CODE = `query ($id: ID!) { node(id: $id) { ... on Ticket { id code qrCode } } }`;
export const EVENT_DOOR = `query ($id: ID!) { event(id: $id) { id staff { id } checkIns { checkedIn total byGate { gate checkedIn } } } }`;

/** A confirmed purchase: the booking's global ID and its tickets' codes, as the buyer sees them. */
export interface Purchase {
  bookingId: string;
  tickets: { id: string; code: string; qrCode: string }[];
}

let purchases = 0;

/** Buys `ticketIds` of the event for the buyer through the API (reserve, then confirm) and reads the codes back as the buyer. */
export async function buy(server: Pick<TestServer, 'graphql'>, buyer: Buyer, event: OnSaleEvent, ticketIds: string[]): Promise<Purchase> {
  const reserved = await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds } }, buyer.token);
  expect(reserved.data.reserveSeats.userErrors).toEqual([]);
  const input = { holdId: reserved.data.reserveSeats.hold.id, payment: { token: 'tok_visa' }, idempotencyKey: `buy-${++purchases}` };
  const confirmed = await server.graphql(CONFIRM, { input }, buyer.token);
  expect(confirmed.data.confirmBooking.userErrors).toEqual([]);
  const bookingId = confirmed.data.confirmBooking.booking.id as string;
  const { data } = await server.graphql(BOOKING_CODES, { id: bookingId }, buyer.token);
  return { bookingId, tickets: data.booking.tickets };
}

/** Cancels a booking of the buyer's through the API. */
export async function cancel(server: TestServer, buyer: Buyer, bookingId: string): Promise<void> {
  const { data } = await server.graphql(CANCEL, { input: { bookingId, idempotencyKey: `cancel-${bookingId}` } }, buyer.token);
  expect(data.cancelBooking.userErrors).toEqual([]);
}

/** Sends a scan as `caller` (anonymous without one). */
export function scan(server: TestServer, caller: Buyer | undefined, code: string, gate = 'North 1') {
  return server.graphql(CHECK_IN, { input: { code, gate } }, caller?.token);
}

/** Every check-in and staff grant, to compare before and after a refused request. */
export async function doorRows(sql: postgres.Sql) {
  const checkIns = await sql`SELECT ticket_id::int, booking_id::int, gate, checked_in_by, checked_in_at FROM ticket_check_ins ORDER BY 1, 2`;
  const staff = await sql`SELECT event_id, user_id, added_by FROM event_staff ORDER BY 1, 2`;
  return { checkIns, staff };
}
