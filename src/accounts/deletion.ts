/**
 * Deleting an account: a fan's own (`deleteAccount`, with their password) or
 * any fan's by an admin (`deleteUser`, the seeds' `DELETE /users/{id}`). Both
 * erase the same way, in one transaction: the live holds released (their
 * seats back on the seat maps), every session ended, the name and email
 * replaced and the password made unusable, and the notifications forgotten
 * (queued mail never goes out). The user's row and bookings stay, for the
 * accounting; they now name an anonymous "Deleted user".
 *
 * Refused, with nothing changed:
 * - while the account has upcoming bookings (CONFIRMED, for an event neither
 *   cancelled nor over): deleting must never cost anyone a ticket they paid
 *   for by accident, so they cancel those bookings first (cancelBooking
 *   refunds) or wait until the events are over;
 * - for organizers (they run events) and admins (they run the platform): an
 *   admin makes them a FAN first.
 *
 * No rate limit of its own: a password given to `deleteAccount` counts as a
 * log-in attempt at the account from the caller's address and as a password
 * check of the user (login-limits.ts), so it is no way around the limits on
 * guessing, and an account locked out of log-ins is refused here the same way.
 */
import { endHolds } from '../booking/holds.js';
import { Rollback, transaction } from '../booking/transaction.js';
import { forgetStaff } from '../checkin/store.js';
import type { Clock } from '../clock.js';
import type { Sql } from '../db/client.js';
import { forgetRecipient } from '../notifications/store.js';
import type { SeatMapLog } from '../seatmap/change-log.js';
import { isFailure, type Result, type UserFailure, userFailure } from '../user-error.js';
import type { LoginLimits } from './login-limits.js';
import { verifyPassword } from './passwords.js';
import { requireAdmin, requireViewer, type Role, type Viewer } from './policy.js';
import { anonymizeUser, countUpcomingBookings, lockLiveHoldsOfUser, lockUser, revokeAllSessions, usersById } from './store.js';

export interface AccountDeletionOptions {
  sql: Sql;
  clock: Clock;
  /** Releasing holds changes tickets: the erasure runs in its transaction, so that live seat maps learn of the freed seats. */
  seatMapLog: SeatMapLog;
  /** The log-in limits a password given to deleteAccount counts against. */
  loginLimits: LoginLimits;
  /** Told the ids of the sessions the deletion ended, after the commit, so that their open sockets close at once. */
  onSessionsEnded?: (sessionIds: string[]) => void;
}

/** What a deletion answers: the id of the user erased. */
export interface DeletedAccount {
  deletedUserId: number;
}

export type AccountDeletion = ReturnType<typeof createAccountDeletion>;

/** The name a deleted account goes by from then on: what its bookings' buyer shows. */
export const DELETED_USER_NAME = 'Deleted user';

const wrongPassword = userFailure('WRONG_PASSWORD', 'The password is not right, so the account was not deleted.', ['input', 'password']);

/** Why an account of `role` cannot be deleted; undefined for a fan's. */
function roleRefusal(role: Role, field: string[] | null): UserFailure | undefined {
  switch (role) {
    case 'FAN':
      return undefined;
    case 'ORGANIZER':
      return userFailure(
        'ACCOUNT_RUNS_EVENTS',
        "An organizer's account runs events and cannot be deleted; an admin can make it a fan first (setUserRole), then it can.",
        field,
      );
    case 'ADMIN':
      return userFailure('ACCOUNT_IS_ADMIN', "An admin's account cannot be deleted; another admin can make it a fan first (setUserRole), then it can.", field);
  }
}

function upcomingBookings(count: number, field: string[] | null): UserFailure {
  const bookings = count === 1 ? 'a booking' : `${count} bookings`;
  return userFailure(
    'ACCOUNT_HAS_UPCOMING_BOOKINGS',
    `The account has ${bookings} for events still to come, so it was not deleted: cancel them first (cancelBooking refunds them), or wait until the events are over.`,
    field,
  );
}

export function createAccountDeletion({ sql, clock, seatMapLog, loginLimits, onSessionsEnded }: AccountDeletionOptions) {
  /**
   * Erases the account of `userId` (see the top of this file), or answers
   * why not with nothing changed; `field` is what a refusal names.
   */
  async function erase(userId: number, field: string[] | null): Promise<Result<DeletedAccount>> {
    const erased = await transaction(seatMapLog, async (tx) => {
      const now = clock();
      // Waits for the holds, bookings and sessions being made for the user (their foreign keys lock the row too), so that it finds them;
      // a session asked for later starts nothing (insertSession). A reservation already past its log-in check may still hold seats
      // for the deleted account afterwards, until its hold runs out: nobody can pay for it.
      const user = await lockUser(tx, userId);
      if (!user) throw new Rollback(userFailure('USER_NOT_FOUND', 'No user has this ID.', field));
      const refused = roleRefusal(user.role, field);
      if (refused) throw new Rollback(refused);
      // Locked before counting: a purchase paying for one of them now either booked (and is counted) or finds it released.
      const holds = await lockLiveHoldsOfUser(tx, userId, now);
      const upcoming = await countUpcomingBookings(tx, userId, now);
      if (upcoming > 0) throw new Rollback(upcomingBookings(upcoming, field));
      if (holds.length > 0) await endHolds(tx, holds, 'RELEASED', now);
      const sessionIds = await revokeAllSessions(tx, userId, now);
      await anonymizeUser(tx, userId, DELETED_USER_NAME, now);
      await forgetRecipient(tx, userId, now);
      await forgetStaff(tx, userId);
      return { deletedUserId: userId, sessionIds };
    });
    if (isFailure(erased)) return erased;
    if (erased.sessionIds.length > 0) onSessionsEnded?.(erased.sessionIds);
    return { deletedUserId: erased.deletedUserId };
  }

  return {
    /**
     * Deletes the caller's own account, a fan's, once `password` proves it is
     * theirs. The password counts against the log-in limits (RATE_LIMITED
     * past them, as logIn is).
     */
    async deleteAccount(viewer: Viewer | null, password: string, clientAddress: string): Promise<Result<DeletedAccount>> {
      const caller = requireViewer(viewer);
      // Refused before any password is checked: nothing to guess at.
      const refused = roleRefusal(caller.role, null);
      if (refused) return refused;
      const [user] = await usersById(sql, [caller.userId]);
      if (!user) return userFailure('USER_NOT_FOUND', 'No user has this ID.');
      const loggedIn = await loginLimits.logIn(user.email, clientAddress);
      const checked = await loginLimits.passwordCheck(user.id);
      if (!(await verifyPassword(user.passwordHash, password))) return wrongPassword;
      await Promise.all([loggedIn(), checked()]);
      return erase(user.id, null);
    },

    /** Deletes a fan's account, for an admin (FORBIDDEN for anyone else); the same erasure, without a password. */
    async deleteUser(viewer: Viewer | null, userId: number): Promise<Result<DeletedAccount>> {
      requireAdmin(viewer);
      return erase(userId, ['input', 'userId']);
    },
  };
}
