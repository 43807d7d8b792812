/** A booking as the fan sees it after paying: the event, what was paid, and the tickets with their QR codes. */
import { useEffect, useRef } from 'react';
import { Link } from 'wouter';

import { formatEventDate, formatMoney } from '../format';
import type { WebBookingFieldsFragment } from '../generated/graphql';
import { TicketList } from './ticket-list';

export function BookingSummary({ booking }: { booking: WebBookingFieldsFragment }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // The payment form the fan was in is gone: bring them (and their screen reader) to the news.
  useEffect(() => heading.current?.focus(), []);
  const { event } = booking;
  return (
    <section className="booking-summary" aria-labelledby="booking-heading">
      <h2 id="booking-heading" ref={heading} tabIndex={-1}>
        You have your tickets
      </h2>
      <p>
        {booking.tickets.length === 1 ? '1 ticket' : `${booking.tickets.length} tickets`} for {event.title},{' '}
        {formatEventDate(event.startsAt, event.venue.timezone)} at {event.venue.name}, {event.venue.city}. Paid {formatMoney(booking.total)}.
      </p>
      <TicketList tickets={booking.tickets} />
      <p>
        <Link href="/me">See all your tickets</Link>
      </p>
    </section>
  );
}
