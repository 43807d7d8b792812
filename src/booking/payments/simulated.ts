/**
 * A card processor simulated in PostgreSQL, with Stripe's test tokens, so the
 * whole purchase flow runs (and is tested) without a real processor. Its
 * ledger (simulated_charges) survives restarts and can be reconciled against
 * bookings.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { Sql } from '../../db/client.js';
import { PaymentUnavailableError, type Authorization, type PaymentProvider } from './provider.js';

type TestCard = { last4: string } | { declineCode: string; message: string } | { unavailable: string };

/** Modelled on https://docs.stripe.com/testing#cards */
const TEST_CARDS: Record<string, TestCard> = {
  tok_visa: { last4: '4242' },
  tok_mastercard: { last4: '4444' },
  tok_chargeDeclined: { declineCode: 'card_declined', message: 'Your card was declined.' },
  tok_insufficientFunds: { declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  tok_processingError: { unavailable: 'An error occurred while processing your card. Try again in a little bit.' },
};
const UNKNOWN_CARD: TestCard = { declineCode: 'invalid_token', message: 'This card is not recognised; use a test token such as tok_visa.' };

export function simulatedPaymentProvider(sql: Sql, clock: Clock): PaymentProvider {
  /** Moves a charge from `from` to `to`; a charge already in `to` is left alone (retries are safe). */
  async function transition(paymentId: string, from: string, to: string, stampColumn: string): Promise<void> {
    const [charge] = await sql<[{ status: string }?]>`
      WITH moved AS (
        UPDATE simulated_charges SET status = ${to}, ${sql(stampColumn)} = ${clock()}
        WHERE id = ${paymentId} AND status = ${from} RETURNING status
      )
      SELECT status FROM moved UNION ALL SELECT status FROM simulated_charges WHERE id = ${paymentId} AND NOT EXISTS (SELECT FROM moved)`;
    if (charge?.status !== to) throw new Error(`Payment ${paymentId} cannot go from ${charge?.status ?? 'nowhere'} to ${to}.`);
  }

  return {
    async authorize({ amount, currency, token, reference }): Promise<Authorization> {
      const card = TEST_CARDS[token] ?? UNKNOWN_CARD;
      if ('unavailable' in card) throw new PaymentUnavailableError(card.unavailable);
      const paymentId = `ch_${randomBytes(12).toString('hex')}`;
      const declined = 'declineCode' in card;
      await sql`
        INSERT INTO simulated_charges (id, amount, currency, reference, status, card_last4, decline_code, created_at)
        VALUES (${paymentId}, ${amount}, ${currency}, ${reference}, ${declined ? 'DECLINED' : 'AUTHORIZED'},
                ${declined ? null : card.last4}, ${declined ? card.declineCode : null}, ${clock()})`;
      return declined ? { outcome: 'DECLINED', paymentId, ...card } : { outcome: 'AUTHORIZED', paymentId, last4: card.last4 };
    },
    capture: (paymentId) => transition(paymentId, 'AUTHORIZED', 'CAPTURED', 'captured_at'),
    void: (paymentId) => transition(paymentId, 'AUTHORIZED', 'VOIDED', 'voided_at'),
    async refund(paymentId) {
      const [charge] = await sql<[{ status: string }?]>`SELECT status FROM simulated_charges WHERE id = ${paymentId}`;
      if (charge?.status === 'AUTHORIZED' || charge?.status === 'VOIDED') {
        await transition(paymentId, 'AUTHORIZED', 'VOIDED', 'voided_at');
        return 'VOIDED';
      }
      await transition(paymentId, 'CAPTURED', 'REFUNDED', 'refunded_at');
      return 'REFUNDED';
    },
  };
}
