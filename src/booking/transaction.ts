import type { SeatMapLog, Tx } from '../seatmap/change-log.js';
import type { Failure } from './types.js';

/** Thrown inside a transaction to roll it back and answer with an expected failure. */
export class Abort {
  constructor(readonly failure: Failure & { retry?: boolean }) {}
}

/**
 * Runs `body` in a transaction of the seat-map log (its seat-map changes are
 * announced after commit); an Abort rolls it back and becomes the answer.
 */
export async function transaction<T>(log: SeatMapLog, body: (tx: Tx) => Promise<T>): Promise<T | (Failure & { retry?: boolean })> {
  try {
    return await log.transaction(body);
  } catch (error) {
    if (error instanceof Abort) return error.failure;
    throw error;
  }
}
