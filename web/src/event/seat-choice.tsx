/**
 * Choosing tickets: seats picked on the seat map (or its list), or "best available"; then a hold, and on to
 * checkout. A fan who is not logged in logs in right here, and keeps what they picked.
 */
import { useState } from 'react';
import { useMutation } from 'urql';
import { useLocation } from 'wouter';

import { seatLabel } from '../checkout/seat-label';
import { formatMoney } from '../format';
import { WebReserveSeatsDocument } from '../generated/graphql';
import { LogInForm } from '../me/log-in-form';
import { describeError, errorsByField } from '../me/user-errors';
import { type PickedSeat, SeatPicker } from '../seatmap/seat-picker';
import { useSession } from '../session';
import { BestAvailable, type BestAvailableChoice } from './best-available';
import type { EventData } from './event-page';

/** The most tickets one reservation takes (schema/booking.graphql, ReserveSeatsInput). */
const MOST_PER_HOLD = 10;

export function SeatChoice({ event, admissionToken }: { event: EventData; admissionToken?: string }) {
  const limit = Math.min(MOST_PER_HOLD, event.ticketLimitPerUser);
  const { session } = useSession();
  const [mode, setMode] = useState<'pick' | 'best'>('pick');
  const [picked, setPicked] = useState<PickedSeat[]>([]);
  const [best, setBest] = useState<BestAvailableChoice>({ quantity: Math.min(2, limit), sectionId: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [loggingIn, setLoggingIn] = useState(false);
  const [{ fetching }, reserve] = useMutation(WebReserveSeatsDocument);
  const [, navigate] = useLocation();

  async function submit() {
    if (!session) return setLoggingIn(true);
    setErrors({});
    const choice =
      mode === 'pick' ? { ticketIds: picked.map((seat) => seat.ticketId) } : { bestAvailable: { quantity: best.quantity, sectionId: best.sectionId || null } };
    const result = await reserve({ input: { eventId: event.id, admissionToken, ...choice } });
    const payload = result.data?.reserveSeats;
    if (payload?.hold) return navigate(`/events/${event.id}?hold=${encodeURIComponent(payload.hold.id)}`);
    if (!payload) return setErrors({ '': result.error ? describeError(result.error) : 'Something went wrong: try again.' });
    const taken = mode === 'pick' ? picked.filter((seat) => payload.unavailableTicketIds.includes(seat.ticketId)) : [];
    if (taken.length > 0) {
      setPicked(picked.filter((seat) => !taken.includes(seat)));
      const names = taken.map((seat) => seatLabel(seat.section, seat.row, seat.number)).join('; ');
      return setErrors({ '': `Someone else just took ${names}, so nothing was reserved. Your other seats are still picked: reserve again.` });
    }
    setErrors(errorsByField(payload.userErrors, ['quantity', 'sectionId']));
  }

  const count = mode === 'pick' ? picked.length : best.quantity;
  const seats = count === 1 ? '1 seat' : `${count} seats`;
  return (
    <section className="seat-choice" aria-labelledby="seat-choice-heading">
      <h2 id="seat-choice-heading">Choose your seats</h2>
      <fieldset className="choice-mode">
        <legend>How to choose</legend>
        <label>
          <input type="radio" name="choice-mode" checked={mode === 'pick'} onChange={() => setMode('pick')} /> Pick seats
        </label>
        <label>
          <input type="radio" name="choice-mode" checked={mode === 'best'} onChange={() => setMode('best')} /> Best available
        </label>
      </fieldset>
      {mode === 'pick' ? (
        <>
          <SeatPicker eventId={event.id} value={picked} onChange={setPicked} limit={limit} />
          <p aria-live="polite">{picked.length === 0 ? `Pick up to ${limit} seats.` : `${seats} picked: ${formatMoney(total(picked))}`}</p>
        </>
      ) : (
        <BestAvailable sections={event.sections} limit={limit} value={best} onChange={setBest} errors={errors} />
      )}
      {errors[''] && (
        <p className="error" role="alert">
          {errors['']}
        </p>
      )}
      {loggingIn && !session ? (
        <LogInForm heading="Log in to reserve your seats" level={3} />
      ) : (
        // Focused when it comes back after logging in above.
        <button type="button" className="primary" autoFocus={loggingIn} disabled={fetching || count === 0} onClick={submit}>
          {mode === 'pick' ? `Reserve ${seats}` : `Reserve the best ${seats}`}
        </button>
      )}
    </section>
  );
}

function total(seats: readonly PickedSeat[]) {
  return { amount: seats.reduce((sum, seat) => sum + seat.price.amount, 0), currency: seats[0]!.price.currency };
}
