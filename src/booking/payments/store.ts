/** The simulated processor's ledger, simulated_charges (simulated.ts decides what each call does). */
import type { Sql } from '../../db/client.js';

export interface ChargeRow {
  id: string;
  status: string;
  cardLast4: string | null;
  declineCode: string | null;
}

/**
 * Records a charge, or answers the one recorded earlier with the same
 * idempotency key. DO UPDATE, not DO NOTHING: a concurrent first charge with
 * the key would be invisible to this statement; the update waits for it and
 * returns it.
 */
export async function insertCharge(
  sql: Sql,
  charge: {
    id: string;
    idempotencyKey: string;
    amount: number;
    currency: string;
    reference: string;
    status: 'AUTHORIZED' | 'DECLINED';
    cardLast4: string | null;
    declineCode: string | null;
    createdAt: Date;
  },
): Promise<ChargeRow> {
  const [recorded] = await sql<[ChargeRow]>`
        INSERT INTO simulated_charges (id, idempotency_key, amount, currency, reference, status, card_last4, decline_code, created_at)
        VALUES (${charge.id}, ${charge.idempotencyKey}, ${charge.amount}, ${charge.currency}, ${charge.reference},
                ${charge.status}, ${charge.cardLast4}, ${charge.declineCode}, ${charge.createdAt})
        ON CONFLICT (idempotency_key) DO UPDATE SET idempotency_key = excluded.idempotency_key
        RETURNING id, status, card_last4 AS "cardLast4", decline_code AS "declineCode"`;
  return recorded;
}

/**
 * Moves a charge from `from` to `to`, stamping `stampColumn` with `now`; a
 * charge already in `to` is left alone. One statement that locks the row: a
 * concurrent move waits for it and then sees where the charge is now. Whether
 * the charge is (now) in `to`.
 */
export async function moveCharge(sql: Sql, paymentId: string, from: string, to: string, stampColumn: string, now: Date): Promise<boolean> {
  const stamp = sql(stampColumn);
  const [moved] = await sql<[{ status: string }?]>`
      UPDATE simulated_charges SET status = ${to}, ${stamp} = CASE WHEN status = ${from} THEN ${now} ELSE ${stamp} END
      WHERE id = ${paymentId} AND status IN (${from}, ${to}) RETURNING status`;
  return moved !== undefined;
}

export async function chargeStatus(sql: Sql, paymentId: string): Promise<string | undefined> {
  const [charge] = await sql<[{ status: string }?]>`SELECT status FROM simulated_charges WHERE id = ${paymentId}`;
  return charge?.status;
}

/** Charges AUTHORIZED (neither captured nor voided) made before `before`, oldest first. */
export function authorizedBefore(sql: Sql, before: Date): Promise<{ paymentId: string; idempotencyKey: string | null }[]> {
  return sql<{ paymentId: string; idempotencyKey: string | null }[]>`
        SELECT id AS "paymentId", idempotency_key AS "idempotencyKey" FROM simulated_charges
        WHERE status = 'AUTHORIZED' AND created_at < ${before} ORDER BY created_at`;
}
