/**
 * Paying for a hold with one of the simulated processor's test cards. The purchase has one idempotency key for
 * the hold's life: a double click, or a retry after a lost answer or a declined card, sends the same key, so the
 * fan is never charged twice (a failed attempt is forgotten by the server, so the same key may try another card).
 * Only when the server says the key cannot serve again (reused, or an interrupted purchase) is a new one made.
 */
import { type FormEvent, useRef, useState } from 'react';
import { useMutation } from 'urql';

import { formatMoney, type Money } from '../format';
import { type WebBookingFieldsFragment, WebConfirmBookingDocument } from '../generated/graphql';
import { describeError } from '../me/user-errors';
import { newIdempotencyKey } from './idempotency-key';
import { TEST_CARDS } from './test-cards';

interface PaymentFormProps {
  holdId: string;
  total: Money;
  onBooked(booking: WebBookingFieldsFragment): void;
  /** The hold ran out, was released, or was confirmed meanwhile: look at it again. */
  onHoldChanged(): void;
}

export function PaymentForm({ holdId, total, onBooked, onHoldChanged }: PaymentFormProps) {
  const [key, setKey] = useState(newIdempotencyKey);
  const [card, setCard] = useState<string>(TEST_CARDS[0].token);
  const [problem, setProblem] = useState('');
  const [{ fetching }, confirm] = useMutation(WebConfirmBookingDocument);
  // Set at once on click, before React re-renders the button disabled.
  const inFlight = useRef(false);

  async function pay(event: FormEvent) {
    event.preventDefault();
    if (inFlight.current) return;
    inFlight.current = true;
    setProblem('');
    const result = await confirm({ input: { holdId, payment: { token: card }, idempotencyKey: key } });
    inFlight.current = false;
    const payload = result.data?.confirmBooking;
    if (payload?.booking) return onBooked(payload.booking);
    if (!payload)
      return setProblem(`${result.error ? describeError(result.error) : 'Something went wrong.'} Paying again is safe: you are never charged twice.`);
    const [error] = payload.userErrors;
    if (!error) return;
    if (error.code === 'HOLD_EXPIRED' || error.code === 'HOLD_ALREADY_CONFIRMED') return onHoldChanged();
    if (error.code === 'IDEMPOTENCY_KEY_REUSED' || error.field?.includes('idempotencyKey')) setKey(newIdempotencyKey());
    setProblem(error.message); // a decline's says the seats are still held, and to try another card
  }

  return (
    <form className="payment-form" onSubmit={pay}>
      <label htmlFor="test-card">Test card</label>
      <select id="test-card" value={card} onChange={(event) => setCard(event.target.value)}>
        {TEST_CARDS.map(({ token, label }) => (
          <option key={token} value={token}>
            {label}
          </option>
        ))}
      </select>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="primary" disabled={fetching}>
        {fetching ? 'Paying…' : `Pay ${formatMoney(total)}`}
      </button>
    </form>
  );
}
