/** Ending holds: released by their owner, or expired (lazily, and by the sweeper). */
import { ownsRecord, requireViewer, type Viewer } from '../accounts/policy.js';
import type { Clock } from '../clock.js';
import { userFailure, type Result } from '../user-error.js';
import { recordSeatMapChanges, type SeatMapLog, type Tx } from '../seatmap/change-log.js';
import { Rollback, transaction } from './transaction.js';
import type { HoldRow } from './types.js';

/**
 * Ends the ACTIVE holds among `holdIds` with `status` and frees their tickets
 * (those still theirs: an expired hold's ticket may already be someone
 * else's), recording the seat-map changes. A released hold's claims are
 * withdrawn (cut to end where they start); an expired one's already ended at
 * its expiry. Either way the tickets keep where the claim now ends in
 * held_until, and every older claim on them ended by then: a reservation
 * whose time reads earlier (another process's clock, or read before a wait)
 * must not claim them, or its claim would overlap one of those. Returns the
 * ids of the holds it ended.
 */
export async function endHolds(tx: Tx, holdIds: readonly number[], status: 'RELEASED' | 'EXPIRED', now: Date): Promise<number[]> {
  const rows = await tx<{ holdId: string; ticketId: string | null; eventId: number; price: number }[]>`
    WITH ended AS (
      UPDATE holds SET status = ${status}, ended_at = ${now}
      WHERE id = ANY(${holdIds as number[]}::bigint[]) AND status = 'ACTIVE'
      RETURNING id
    ), withdrawn AS (
      UPDATE hold_tickets SET claimed_until = claimed_from
      WHERE ${status === 'RELEASED'} AND hold_id IN (SELECT id FROM ended)
    ), freed AS (
      UPDATE tickets t SET status = 'AVAILABLE', hold_id = NULL, held_until = ${status === 'EXPIRED' ? tx`t.held_until` : tx`ht.claimed_from`}
      FROM hold_tickets ht JOIN ended ON ended.id = ht.hold_id
      WHERE t.id = ht.ticket_id AND t.hold_id = ht.hold_id AND t.status = 'HELD'
      RETURNING ht.hold_id, t.id, t.event_id, t.price
    )
    SELECT ended.id AS "holdId", freed.id AS "ticketId", freed.event_id AS "eventId", freed.price
    FROM ended LEFT JOIN freed ON freed.hold_id = ended.id`;
  const freed = rows.filter((row) => row.ticketId !== null);
  recordSeatMapChanges(
    tx,
    freed.map((row) => ({ eventId: row.eventId, ticketId: Number(row.ticketId), status: 'AVAILABLE', price: row.price })),
  );
  return [...new Set(rows.map((row) => Number(row.holdId)))];
}

/** Locks a hold of the caller's for the rest of the transaction; HOLD_NOT_FOUND for anyone else's. */
export async function lockOwnHold(tx: Tx, viewer: Viewer, holdId: number): Promise<HoldRow> {
  const [hold] = await tx<[HoldRow?]>`
    SELECT id, event_id AS "eventId", user_id AS "userId", status, expires_at AS "expiresAt", created_at AS "createdAt", ended_at AS "endedAt"
    FROM holds WHERE id = ${holdId} FOR UPDATE`;
  if (!hold || !ownsRecord(viewer, hold)) {
    throw new Rollback(userFailure('HOLD_NOT_FOUND', 'No hold of yours has this ID.', ['input', 'holdId']));
  }
  return { ...hold, id: Number(hold.id) };
}

export function createHoldRelease(clock: Clock, seatMapLog: SeatMapLog) {
  return {
    /** Frees the hold's tickets at once. Releasing a hold that already ended changes nothing. */
    async releaseHold(viewer: Viewer | null, holdId: number): Promise<Result<{ holdId: number }>> {
      const caller = requireViewer(viewer);
      return transaction(seatMapLog, async (tx) => {
        const hold = await lockOwnHold(tx, caller, holdId);
        if (hold.status === 'CONFIRMED') {
          throw new Rollback(userFailure('HOLD_ALREADY_CONFIRMED', 'This hold was confirmed; cancel the booking instead.', ['input', 'holdId']));
        }
        const now = clock();
        if (hold.status === 'ACTIVE') await endHolds(tx, [hold.id], hold.expiresAt <= now ? 'EXPIRED' : 'RELEASED', now);
        return { holdId: hold.id };
      });
    },
  };
}

/** A hold's status as of `now`: an ACTIVE hold past its end is EXPIRED before any sweeper says so. */
export function holdStatusAt(hold: Pick<HoldRow, 'status' | 'expiresAt'>, now: Date): HoldRow['status'] {
  return hold.status === 'ACTIVE' && hold.expiresAt <= now ? 'EXPIRED' : hold.status;
}
