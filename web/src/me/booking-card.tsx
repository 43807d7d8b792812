/**
 * One booking: the event, when, what was paid, its tickets with their QR codes, and cancelling it (asked to
 * confirm first; one idempotency key per card, so a retry never refunds twice).
 */
import { useState } from 'react';
import { useMutation } from 'urql';
import { Link } from 'wouter';

import { newIdempotencyKey } from '../checkout/idempotency-key';
import { TicketList } from '../checkout/ticket-list';
import { formatEventDate, formatMoney } from '../format';
import { type WebBookingFieldsFragment, WebCancelBookingDocument } from '../generated/graphql';
import { describeError } from './user-errors';

export function BookingCard({ booking }: { booking: WebBookingFieldsFragment }) {
  const { event } = booking;
  const [key, setKey] = useState(newIdempotencyKey);
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState('');
  const [{ fetching }, cancel] = useMutation(WebCancelBookingDocument);
  const cancelled = booking.status === 'CANCELLED';

  async function confirmCancel() {
    setProblem('');
    const result = await cancel({ input: { bookingId: booking.id, idempotencyKey: key } });
    const error = result.data?.cancelBooking?.userErrors[0];
    if (result.data?.cancelBooking?.booking) return setConfirming(false);
    if (error?.code === 'IDEMPOTENCY_KEY_REUSED') setKey(newIdempotencyKey());
    setProblem(error?.message ?? (result.error ? describeError(result.error) : 'Something went wrong: try again.'));
  }

  return (
    <article className="booking-card" aria-labelledby={`booking-${booking.id}`}>
      <h3 id={`booking-${booking.id}`}>
        <Link href={`/events/${event.id}`}>{event.title}</Link>
      </h3>
      <p>
        {formatEventDate(event.startsAt, event.venue.timezone)}, {event.venue.name}, {event.venue.city}
        <br />
        {formatMoney(booking.total)} ·{' '}
        <span className={cancelled ? 'booking-cancelled' : 'booking-confirmed'}>{cancelled ? 'Cancelled and refunded' : 'Confirmed'}</span>
      </p>
      {!cancelled && <TicketList tickets={booking.tickets} />}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {!cancelled &&
        (confirming ? (
          <div className="cancel-confirm" role="group" aria-label="Cancel this booking?">
            <p>Cancel this booking? {formatMoney(booking.total)} goes back to your card, and the tickets go back on sale.</p>
            <button type="button" onClick={confirmCancel} disabled={fetching}>
              Yes, cancel the booking
            </button>{' '}
            <button type="button" onClick={() => setConfirming(false)} autoFocus>
              Keep it
            </button>
          </div>
        ) : (
          <button type="button" onClick={() => setConfirming(true)}>
            Cancel booking
          </button>
        ))}
    </article>
  );
}
