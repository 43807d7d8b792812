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
    async authorize({ amount, currency, token, reference, idempotencyKey }): Promise<Authorization> {
      const card = TEST_CARDS[token] ?? UNKNOWN_CARD;
      if ('unavailable' in card) throw new PaymentUnavailableError(card.unavailable);
      const declined = 'declineCode' in card;
      // A key seen before answers its first charge, whatever this request says (as Stripe's idempotency keys do).
      const [charge] = await sql<[{ id: string; status: string; cardLast4: string | null; declineCode: string | null }]>`
        WITH made AS (
          INSERT INTO simulated_charges (id, idempotency_key, amount, currency, reference, status, card_last4, decline_code, created_at)
          VALUES (${`ch_${randomBytes(12).toString('hex')}`}, ${idempotencyKey}, ${amount}, ${currency}, ${reference},
                  ${declined ? 'DECLINED' : 'AUTHORIZED'}, ${declined ? null : card.last4}, ${declined ? card.declineCode : null}, ${clock()})
          ON CONFLICT (idempotency_key) DO NOTHING
          RETURNING id, status, card_last4, decline_code
        )
        SELECT id, status, card_last4 AS "cardLast4", decline_code AS "declineCode" FROM made
        UNION ALL
        SELECT id, status, card_last4, decline_code FROM simulated_charges WHERE idempotency_key = ${idempotencyKey} AND NOT EXISTS (SELECT FROM made)`;
      if (charge.status !== 'DECLINED') return { outcome: 'AUTHORIZED', paymentId: charge.id, last4: charge.cardLast4! };
      const decline = Object.values(TEST_CARDS).find((c) => 'declineCode' in c && c.declineCode === charge.declineCode) ?? UNKNOWN_CARD;
      return { outcome: 'DECLINED', paymentId: charge.id, ...(decline as { declineCode: string; message: string }) };
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
    async openAuthorizations(before) {
      return sql<{ paymentId: string; idempotencyKey: string | null }[]>`
        SELECT id AS "paymentId", idempotency_key AS "idempotencyKey" FROM simulated_charges
        WHERE status = 'AUTHORIZED' AND created_at < ${before} ORDER BY created_at`;
    },
  };
}
