/**
 * A card processor simulated in PostgreSQL, with Stripe's test tokens, so the
 * whole purchase flow runs (and is tested) without a real processor. Its
 * ledger (simulated_charges) survives restarts and can be reconciled against
 * bookings.
 */
import { randomBytes } from 'node:crypto';

import type { Clock } from '../../clock.js';
import type { Sql } from '../../db/client.js';
import { type Authorization, type PaymentProvider, PaymentUnavailableError } from './provider.js';
import { authorizedBefore, chargeStatus, insertCharge, moveCharge } from './store.js';

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

/** The decline a code stands for (a charge keeps its code, and a replayed authorization answers with its message). */
function declineOf(declineCode: string): { declineCode: string; message: string } {
  const cards = [...Object.values(TEST_CARDS), UNKNOWN_CARD];
  return cards.find((card): card is { declineCode: string; message: string } => 'declineCode' in card && card.declineCode === declineCode)!;
}

export function simulatedPaymentProvider(sql: Sql, clock: Clock): PaymentProvider {
  /** Moves a charge from `from` to `to`; a charge already in `to` is left alone (retries are safe). */
  async function transition(paymentId: string, from: string, to: string, stampColumn: string): Promise<void> {
    if (!(await moveCharge(sql, paymentId, from, to, stampColumn, clock()))) {
      throw new Error(`Payment ${paymentId} cannot go from ${(await chargeStatus(sql, paymentId)) ?? 'nowhere'} to ${to}.`);
    }
  }

  return {
    async authorize({ amount, currency, token, reference, idempotencyKey }): Promise<Authorization> {
      const card = TEST_CARDS[token] ?? UNKNOWN_CARD;
      if ('unavailable' in card) throw new PaymentUnavailableError(card.unavailable);
      const declined = 'declineCode' in card;
      // A key seen before answers its first charge, whatever this request says (as Stripe's idempotency keys do).
      const charge = await insertCharge(sql, {
        id: `ch_${randomBytes(12).toString('hex')}`,
        idempotencyKey,
        amount,
        currency,
        reference,
        status: declined ? 'DECLINED' : 'AUTHORIZED',
        cardLast4: declined ? null : card.last4,
        declineCode: declined ? card.declineCode : null,
        createdAt: clock(),
      });
      if (charge.status !== 'DECLINED') return { outcome: 'AUTHORIZED', paymentId: charge.id, last4: charge.cardLast4! };
      return { outcome: 'DECLINED', paymentId: charge.id, ...declineOf(charge.declineCode!) };
    },
    capture: (paymentId) => transition(paymentId, 'AUTHORIZED', 'CAPTURED', 'captured_at'),
    void: (paymentId) => transition(paymentId, 'AUTHORIZED', 'VOIDED', 'voided_at'),
    async refund(paymentId) {
      const status = await chargeStatus(sql, paymentId);
      if (status === 'AUTHORIZED' || status === 'VOIDED') {
        await transition(paymentId, 'AUTHORIZED', 'VOIDED', 'voided_at');
        return 'VOIDED';
      }
      await transition(paymentId, 'CAPTURED', 'REFUNDED', 'refunded_at');
      return 'REFUNDED';
    },
    openAuthorizations: (before) => authorizedBefore(sql, before),
  };
}
