/**
 * Checkout for a hold of the fan's (the event page at `?hold=<id>`): its seats, the time left, the all-in total,
 * payment, or giving the seats back; then the booking with its tickets. A hold that ran out or was given back
 * sends the fan back to the seats.
 */
import './checkout.css';

import { useCallback, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Link, useLocation } from 'wouter';

import { formatMoney } from '../format';
import { type WebBookingFieldsFragment, WebHoldDocument, WebReleaseHoldDocument } from '../generated/graphql';
import { LogInForm } from '../me/log-in-form';
import { describeError } from '../me/user-errors';
import { useSession } from '../session';
import { BookingSummary } from './booking-summary';
import { Countdown } from './countdown';
import { PaymentForm } from './payment-form';
import { seatLabel } from './seat-label';

export function Checkout({ holdId, eventId }: { holdId: string; eventId: string }) {
  const { session } = useSession();
  const [{ data, error }, refetch] = useQuery({ query: WebHoldDocument, variables: { id: holdId }, requestPolicy: 'network-only' });
  const [booked, setBooked] = useState<WebBookingFieldsFragment | null>(null);
  const [timeUp, setTimeUp] = useState(false);
  const [released, release] = useMutation(WebReleaseHoldDocument);
  const [, navigate] = useLocation();
  const lookAgain = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  const endTime = useCallback(() => setTimeUp(true), []);
  const seats = `/events/${eventId}`;

  if (!session) return <LogInForm heading="Log in to pay for your seats" />;
  if (error && !data) return <p className="error">{describeError(error)}</p>;
  if (!data) return <p>Loading your seats…</p>;
  const hold = data.hold;
  if (!hold) {
    return (
      <p>
        No hold of yours has this link. <Link href={seats}>Choose seats</Link>
      </p>
    );
  }
  const booking = booked ?? hold.booking;
  if (booking) return <BookingSummary booking={booking} />;
  if (hold.status !== 'ACTIVE' || timeUp) {
    return (
      <section className="checkout" aria-labelledby="checkout-heading">
        <h2 id="checkout-heading">Your hold has ended</h2>
        <p>{hold.status === 'RELEASED' ? 'You gave these seats back.' : 'Time ran out before payment, so the seats went back on sale. Nothing was charged.'}</p>
        <p>
          <Link href={seats}>Back to the seats</Link>
        </p>
      </section>
    );
  }

  async function giveBack() {
    const result = await release({ holdId });
    if (result.data?.releaseHold?.userErrors.length === 0) navigate(seats);
    else lookAgain();
  }

  return (
    <section className="checkout" aria-labelledby="checkout-heading">
      <h2 id="checkout-heading">Checkout</h2>
      <Countdown until={hold.expiresAt} purpose="to pay" onEnd={endTime} />
      <table className="checkout-seats">
        <caption>Your seats</caption>
        <thead>
          <tr>
            <th scope="col">Seat</th>
            <th scope="col">Price</th>
          </tr>
        </thead>
        <tbody>
          {hold.tickets.map((ticket) => (
            <tr key={ticket.id}>
              <td>{seatLabel(ticket.section.name, ticket.row, ticket.number)}</td>
              <td>{formatMoney(ticket.price)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total, all-in</th>
            <td>{formatMoney(hold.total)}</td>
          </tr>
        </tfoot>
      </table>
      <PaymentForm holdId={hold.id} total={hold.total} onBooked={setBooked} onHoldChanged={lookAgain} />
      <p>
        <button type="button" onClick={giveBack} disabled={released.fetching}>
          Release these seats
        </button>
      </p>
      {released.error && <p className="error">{describeError(released.error)}</p>}
    </section>
  );
}
