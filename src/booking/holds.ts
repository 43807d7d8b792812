/** Ending holds: released by their owner, or expired (lazily, and by the sweeper). */
import { ownsRecord, requireViewer, type Viewer } from '../accounts/policy.js';
import type { Clock } from '../clock.js';
import { recordSeatMapChanges, type SeatMapLog, type Tx } from '../seatmap/change-log.js';
import { type Result, userFailure } from '../user-error.js';
import { holdStatusAt } from './hold-expiry.js';
import { endHoldsReturningFreed, lockHold } from './store/holds.js';
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
  const rows = await endHoldsReturningFreed(tx, holdIds, status, now);
  const freed = rows.filter((row) => row.ticketId !== null);
  recordSeatMapChanges(
    tx,
    freed.map((row) => ({ eventId: row.eventId, ticketId: Number(row.ticketId), status: 'AVAILABLE', price: row.price })),
  );
  return [...new Set(rows.map((row) => Number(row.holdId)))];
}

/** Locks a hold of the caller's for the rest of the transaction; HOLD_NOT_FOUND for anyone else's. */
export async function lockOwnHold(tx: Tx, viewer: Viewer, holdId: number): Promise<HoldRow> {
  const hold = await lockHold(tx, holdId);
  if (!hold || !ownsRecord(viewer, hold)) {
    throw new Rollback(userFailure('HOLD_NOT_FOUND', 'No hold of yours has this ID.', ['input', 'holdId']));
  }
  return hold;
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
        if (hold.status === 'ACTIVE') await endHolds(tx, [hold.id], holdStatusAt(hold, now) === 'EXPIRED' ? 'EXPIRED' : 'RELEASED', now);
        return { holdId: hold.id };
      });
    },
  };
}
