/**
 * An event's whole life through the API, over HTTP, as an organizer and a fan
 * live it: a venue, a performer and a draft created; the draft unseen by the
 * fan and by search; published, found, bought; the organizer's sales and
 * bookings; cancelled, the fan's booking refunded, its seats no longer
 * sellable; a second draft deleted. Each step's rules are tested on their own
 * (venues, events, publish, cancel-event, reports); this is that they fit.
 */
import { expect, it } from 'vitest';

import { createCast } from '../support/booking.js';
import { CONFIRM, RESERVE } from '../support/booking-operations.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestServer } from '../support/fixture.js';
import { manualClock } from '../support/server.js';
import { CANCEL_EVENT } from './cancellation-support.js';
import { CREATE_EVENT, DELETE_EVENT, PUBLISH_EVENT, TIMES } from './events-support.js';

const CREATE_VENUE = `mutation ($input: CreateVenueInput!) {
  createVenue(input: $input) { venue { id capacity sections { id name } } userErrors { code message field } }
}`;
const CREATE_PERFORMER = `mutation ($input: CreatePerformerInput!) { createPerformer(input: $input) { performer { id } userErrors { code } } }`;
const EVENT = `query ($id: ID!) { event(id: $id) { id status performers { name } availability { available total } } }`;
const SEARCH = `query ($query: String) { searchEvents(query: $query) { edges { node { id } } } }`;
const REPORTS = `query ($id: ID!) {
  event(id: $id) {
    sales { ticketsSold ticketsAvailable grossRevenue { amount currency } refunded { amount } netRevenue { amount } }
    bookings(first: 10) { edges { node { id status buyer { email } total { amount } payment { status } } } }
  }
}`;
const MY_BOOKING = `query ($id: ID!) { booking(id: $id) { status payment { status } } }`;

const clock = manualClock(ANCHOR);
const { database, server } = useTestServer({ clock });

it('creates a venue, a performer and a draft; publishes, sells, reports, cancels with refunds, and deletes a draft', async () => {
  const { organizer, fan } = await createCast(database.sql);
  const send = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const response = await server.graphql(query, variables, token);
    expect(response.errors).toBeUndefined();
    return response.data;
  };
  const [{ email: fanEmail }] = await database.sql<[{ email: string }]>`SELECT email FROM users WHERE id = ${fan.userId}`;

  const { createVenue } = await send(
    CREATE_VENUE,
    {
      input: {
        name: 'The Lantern',
        address: '12 Harbour Street',
        city: 'Bristol',
        country: 'GB',
        latitude: 51.449,
        longitude: -2.598,
        timezone: 'Europe/London',
        sections: [
          { name: 'Floor', kind: 'GENERAL_ADMISSION', capacity: 10 },
          { name: 'Balcony', kind: 'RESERVED', rows: [{ label: 'A', seats: 6, x: 0, y: 10 }] },
        ],
      },
    },
    organizer.token,
  );
  expect(createVenue.userErrors).toEqual([]);
  expect(createVenue.venue.capacity).toBe(16);
  const [floor, balcony] = createVenue.venue.sections as { id: string }[];
  const { createPerformer } = await send(CREATE_PERFORMER, { input: { name: 'Harbour Lights', kind: 'BAND', genre: 'folk' } }, organizer.token);

  const { createEvent } = await send(
    CREATE_EVENT,
    {
      input: {
        title: 'Lantern Nights',
        category: 'CONCERT',
        venueId: createVenue.venue.id,
        performerIds: [createPerformer.performer.id],
        ...TIMES,
        onSaleAt: new Date(ANCHOR.getTime() - 3_600_000).toISOString(),
        prices: [
          { sectionId: floor!.id, amount: 3_500, currency: 'GBP' },
          { sectionId: balcony!.id, amount: 5_500, currency: 'GBP' },
        ],
      },
    },
    organizer.token,
  );
  expect(createEvent.userErrors).toEqual([]);
  const eventId = createEvent.event.id as string;
  const found = async () => {
    await server.indexSearch();
    return (await send(SEARCH, { query: 'lantern nights' })).searchEvents.edges.map((edge: { node: { id: string } }) => edge.node.id);
  };
  // A draft is its organizer's alone.
  expect((await send(EVENT, { id: eventId }, fan.token)).event).toBeNull();
  expect(await found()).not.toContain(eventId);

  const { publishEvent } = await send(PUBLISH_EVENT, { input: { eventId } }, organizer.token);
  expect(publishEvent.userErrors).toEqual([]);
  expect((await send(EVENT, { id: eventId }, fan.token)).event).toEqual({
    id: eventId,
    status: 'ON_SALE',
    performers: [{ name: 'Harbour Lights' }],
    availability: { available: 16, total: 16 },
  });
  expect(await found()).toContain(eventId);

  const { reserveSeats } = await send(RESERVE, { input: { eventId, bestAvailable: { quantity: 2, sectionId: balcony!.id } } }, fan.token);
  expect(reserveSeats.userErrors).toEqual([]);
  const { confirmBooking } = await send(
    CONFIRM,
    { input: { holdId: reserveSeats.hold.id, payment: { token: 'tok_visa' }, idempotencyKey: 'life-cycle' } },
    fan.token,
  );
  expect(confirmBooking.userErrors).toEqual([]);
  const bookingId = confirmBooking.booking.id as string;

  const sold = (await send(REPORTS, { id: eventId }, organizer.token)).event;
  expect(sold.sales).toEqual({
    ticketsSold: 2,
    ticketsAvailable: 14,
    grossRevenue: { amount: 11_000, currency: 'GBP' },
    refunded: { amount: 0 },
    netRevenue: { amount: 11_000 },
  });
  expect(sold.bookings.edges).toEqual([
    { node: { id: bookingId, status: 'CONFIRMED', buyer: { email: fanEmail }, total: { amount: 11_000 }, payment: { status: 'CAPTURED' } } },
  ]);

  const { cancelEvent } = await send(CANCEL_EVENT, { input: { eventId, reason: 'The harbour is flooded.' } }, organizer.token);
  expect(cancelEvent.userErrors).toEqual([]);
  expect(cancelEvent.event.cancellation).toMatchObject({ totalBookings: 1, completedAt: null });
  await server.runJobs(); // the refund job cancelEvent queued
  expect((await send(MY_BOOKING, { id: bookingId }, fan.token)).booking).toEqual({ status: 'CANCELLED', payment: { status: 'REFUNDED' } });
  const refunded = (await send(REPORTS, { id: eventId }, organizer.token)).event.sales;
  expect(refunded).toMatchObject({ ticketsSold: 0, refunded: { amount: 11_000 }, netRevenue: { amount: 0 } });
  // Nothing of a cancelled event is for sale again.
  const again = await send(RESERVE, { input: { eventId, bestAvailable: { quantity: 2 } } }, fan.token);
  expect(again.reserveSeats.userErrors).toEqual([expect.objectContaining({ code: 'EVENT_NOT_ON_SALE' })]);

  const second = await send(
    CREATE_EVENT,
    { input: { title: 'Lantern Nights, again', category: 'CONCERT', venueId: createVenue.venue.id, ...TIMES } },
    organizer.token,
  );
  const { deleteEvent } = await send(DELETE_EVENT, { input: { eventId: second.createEvent.event.id } }, organizer.token);
  expect(deleteEvent).toEqual({ deletedEventId: second.createEvent.event.id, userErrors: [] });
  expect((await send(EVENT, { id: second.createEvent.event.id }, organizer.token)).event).toBeNull();
});
