/**
 * The simulated card processor when two calls about one charge meet: the
 * second waits for the first and answers as a retry would, never with an
 * error. (Twenty racing cancellations of one booking once answered
 * INTERNAL_SERVER_ERROR: a refund that waited read the charge as it was
 * before the first refund committed.)
 */
import type postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';

import type { PaymentProvider } from '../src/booking/payments/provider.js';
import { simulatedPaymentProvider } from '../src/booking/payments/simulated.js';
import { systemClock } from '../src/clock.js';
import { untilBlocked } from './support/database.js';
import { useTestDatabase } from './support/fixture.js';

describe('the simulated card processor under concurrent calls', () => {
  const { database } = useTestDatabase();
  let sql: postgres.Sql;
  let payments: PaymentProvider;
  beforeAll(() => {
    sql = database.sql;
    payments = simulatedPaymentProvider(sql, systemClock);
  });

  /** Runs `call` while another transaction holds the charge's row mid-change, then lets that transaction commit `status`. */
  async function whileAnotherCallChanges<T>(paymentId: string, status: string, call: () => Promise<T>): Promise<T> {
    const other = await sql.reserve();
    try {
      await other`BEGIN`;
      await other`UPDATE simulated_charges SET status = ${status} WHERE id = ${paymentId}`;
      const answer = call();
      await untilBlocked(sql, 1);
      await other`COMMIT`;
      return await answer;
    } finally {
      other.release();
    }
  }

  it('answers a refund that waited on another refund of the charge as REFUNDED, refunding once', async () => {
    const authorization = await payments.authorize({
      amount: 100,
      currency: 'USD',
      token: 'tok_visa',
      reference: 'test:refund',
      idempotencyKey: 'refund-race',
    });
    if (authorization.outcome !== 'AUTHORIZED') throw new Error('not authorized');
    await payments.capture(authorization.paymentId);
    await expect(whileAnotherCallChanges(authorization.paymentId, 'REFUNDED', () => payments.refund(authorization.paymentId))).resolves.toBe('REFUNDED');
  });

  it('answers a second authorization with the same key, made while the first commits, with the first charge', async () => {
    const other = await sql.reserve();
    try {
      await other`BEGIN`;
      const [{ id }] = await other<[{ id: string }]>`
        INSERT INTO simulated_charges (id, idempotency_key, amount, currency, reference, status, card_last4, created_at)
        VALUES ('ch_first', 'same-key', 100, 'USD', 'test:authorize', 'AUTHORIZED', '4242', now()) RETURNING id`;
      const second = payments.authorize({ amount: 100, currency: 'USD', token: 'tok_visa', reference: 'test:authorize', idempotencyKey: 'same-key' });
      await untilBlocked(sql, 1);
      await other`COMMIT`;
      await expect(second).resolves.toEqual({ outcome: 'AUTHORIZED', paymentId: id, last4: '4242' });
    } finally {
      other.release();
    }
    const [{ charges }] = await sql<[{ charges: number }]>`SELECT count(*)::int AS charges FROM simulated_charges WHERE idempotency_key = 'same-key'`;
    expect(charges).toBe(1);
  });

  it('refuses to capture a voided charge, naming where it is', async () => {
    const authorization = await payments.authorize({
      amount: 100,
      currency: 'USD',
      token: 'tok_visa',
      reference: 'test:void',
      idempotencyKey: 'void-then-capture',
    });
    if (authorization.outcome !== 'AUTHORIZED') throw new Error('not authorized');
    await payments.void(authorization.paymentId);
    await expect(payments.capture(authorization.paymentId)).rejects.toThrow(/cannot go from VOIDED to CAPTURED/);
  });
});
