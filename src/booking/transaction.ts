import type { SeatMapLog, Tx } from '../seatmap/change-log.js';
import type { UserFailure } from '../user-error.js';

/**
 * Thrown inside a booking transaction to roll it back and answer with an
 * expected failure instead (`transaction` returns it). Internal: it never
 * leaves booking; should it, it is an internal error like any other.
 */
export class Rollback extends Error {
  override name = 'Rollback';
  constructor(readonly failure: UserFailure) {
    super(`rolled back: ${failure.userErrors.map((error) => error.code).join(', ')}`);
  }
}

/**
 * Runs `body` in a transaction of the seat-map log (its seat-map changes are
 * announced after commit); a Rollback rolls it back and becomes the answer.
 * Any other error rolls it back and is thrown on.
 */
export async function transaction<T>(log: SeatMapLog, body: (tx: Tx) => Promise<T>): Promise<T | UserFailure> {
  try {
    return await log.transaction(body);
  } catch (error) {
    if (error instanceof Rollback) return error.failure;
    throw error;
  }
}
