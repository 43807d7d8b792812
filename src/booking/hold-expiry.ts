/**
 * "A hold that has run out is free", for rows already read. The rule's
 * definition is SQL, in drizzle/0009_hold_expiry.sql: ticket_status_at and
 * hold_status_at, with predicates of one status each that the planner can read
 * from an index; every statement that reads tickets or holds as of a time
 * calls them. These are hold_status_at and hold_live_at in TypeScript,
 * held to them at, before and after the boundary by test/hold-expiry.test.ts.
 */
import type { HoldRow } from './types.js';

type HoldTimes = Pick<HoldRow, 'status' | 'expiresAt'>;

/** A hold's status at `at`: an ACTIVE hold whose end has come (expiresAt <= at) is EXPIRED before any sweeper says so. */
export function holdStatusAt(hold: HoldTimes, at: Date): HoldRow['status'] {
  return hold.status === 'ACTIVE' && hold.expiresAt <= at ? 'EXPIRED' : hold.status;
}

/** Whether the hold still holds its tickets at `at`: holdStatusAt(hold, at) is ACTIVE. */
export function holdLiveAt(hold: HoldTimes, at: Date): boolean {
  return holdStatusAt(hold, at) === 'ACTIVE';
}
