/**
 * Rate limits on the mutations bots abuse: signUp and joinWaitingRoom per client address;
 * reserveSeats and releaseHold per user and per address; and how often one
 * user may hold and release seats of one event (churn: each release of theirs
 * broadcasts to every seat-map subscriber of the event). The facades of
 * accounts and booking call these before they act, so the limits are the
 * same over HTTP and WebSocket. A refusal is a RATE_LIMITED error with
 * `retryAfter` in seconds. A setting of 0 turns its limit off. Log-in limits
 * live with log-in (accounts/login-limits.ts).
 */
import type { Viewer } from '../accounts/policy.js';
import { rateLimited } from '../errors.js';
import { type LimitStore, secondsUntil, take } from './store.js';

/** How many of each per window; the windows are fixed (see WINDOW_SECONDS). 0 turns a limit off. */
export interface RateLimitSettings {
  /** signUp calls per client address per hour. */
  signUpsPerAddress: number;
  /** reserveSeats calls per user per minute. */
  reservesPerUser: number;
  /** reserveSeats calls per client address per minute. */
  reservesPerAddress: number;
  /** releaseHold calls per user per minute. */
  releasesPerUser: number;
  /** releaseHold calls per client address per minute. */
  releasesPerAddress: number;
  /** Holds one user may release of one event in 10 minutes; past it, that user's reserveSeats on that event is refused until the window ends. */
  releasesPerUserPerEvent: number;
  /** joinWaitingRoom calls per client address per minute. */
  joinsPerAddress: number;
  /** Failed log-ins per (account, address) in 15 minutes: past it, that account is locked for that address only. */
  loginFailuresPerAccountAndAddress: number;
  /** Failed log-ins per address in 15 minutes, whatever the accounts; an account's known address is exempt. */
  loginFailuresPerAddress: number;
  /** Failed log-ins per account per hour from all addresses: a brake on distributed guessing; the account's known addresses are exempt. */
  loginFailuresPerAccount: number;
}

export const WINDOW_SECONDS = {
  signUps: 3600,
  booking: 60,
  churn: 600,
  loginPerAccountAndAddress: 900,
  loginPerAddress: 900,
  loginPerAccount: 3600,
} as const;

export type RateLimits = ReturnType<typeof createRateLimits>;

export function createRateLimits(store: LimitStore, settings: RateLimitSettings) {
  const limiter = (name: string, points: number, durationSeconds: number) => (points > 0 ? store.limiter(name, points, durationSeconds) : undefined);
  const signUpsPerAddress = limiter('sign-up:address', settings.signUpsPerAddress, WINDOW_SECONDS.signUps);
  const reservesPerUser = limiter('reserve:user', settings.reservesPerUser, WINDOW_SECONDS.booking);
  const reservesPerAddress = limiter('reserve:address', settings.reservesPerAddress, WINDOW_SECONDS.booking);
  const releasesPerUser = limiter('release:user', settings.releasesPerUser, WINDOW_SECONDS.booking);
  const releasesPerAddress = limiter('release:address', settings.releasesPerAddress, WINDOW_SECONDS.booking);
  const churn = limiter('release:user-event', settings.releasesPerUserPerEvent, WINDOW_SECONDS.churn);
  const joinsPerAddress = limiter('join:address', settings.joinsPerAddress, WINDOW_SECONDS.booking);

  type Check = [ReturnType<typeof limiter>, string];
  /** Counts one call against each limit; 0 when every one allows it, else the seconds until the last of those over it opens. */
  async function refusal(checks: Check[]): Promise<number> {
    const refusals = await Promise.all(checks.map(([counter, key]) => (counter ? take(counter, key) : undefined)));
    return Math.max(0, ...refusals.map((refused) => refused?.retryAfterSeconds ?? 0));
  }
  const refuse = (message: string, retryAfter: number) => rateLimited(`${message}; try again in ${retryAfter} seconds.`, retryAfter);
  const churnKey = (userId: number, eventId: number) => `${userId}:${eventId}`;
  /** 0, or the seconds until the user may hold seats of the event again after releasing too many. */
  async function churned(viewer: Viewer | null, eventId: number): Promise<number> {
    if (!viewer || !churn) return 0;
    const count = await churn.get(churnKey(viewer.userId, eventId));
    return count && count.consumedPoints >= churn.points ? secondsUntil(count) : 0;
  }

  return {
    /** Before a sign-up from `clientAddress`. */
    async signUp(clientAddress: string): Promise<void> {
      const retryAfter = await refusal([[signUpsPerAddress, clientAddress]]);
      if (retryAfter > 0) throw refuse('Too many sign-ups from this address', retryAfter);
    },

    /** Before a reservation; also refused while the user has released too many holds of the event lately. */
    async reserveSeats(viewer: Viewer | null, clientAddress: string, eventId: number): Promise<void> {
      const checks: Check[] = [[reservesPerAddress, clientAddress]];
      if (viewer) checks.push([reservesPerUser, String(viewer.userId)]);
      const [counted, churnedFor] = await Promise.all([refusal(checks), churned(viewer, eventId)]);
      const retryAfter = Math.max(counted, churnedFor);
      if (churnedFor > 0) throw refuse(`You released ${churn!.points} holds of this event in the last ${WINDOW_SECONDS.churn / 60} minutes`, retryAfter);
      if (counted > 0) throw refuse('Too many reservations', retryAfter);
    },

    /** Before a release. */
    async releaseHold(viewer: Viewer | null, clientAddress: string): Promise<void> {
      const checks: Check[] = [[releasesPerAddress, clientAddress]];
      if (viewer) checks.push([releasesPerUser, String(viewer.userId)]);
      const retryAfter = await refusal(checks);
      if (retryAfter > 0) throw refuse('Too many releases', retryAfter);
    },

    /** Before joining a waiting room from `clientAddress` (one pass per account already; this brakes accounts made by the thousand). */
    async joinWaitingRoom(clientAddress: string): Promise<void> {
      const retryAfter = await refusal([[joinsPerAddress, clientAddress]]);
      if (retryAfter > 0) throw refuse('Too many waiting-room joins from this address', retryAfter);
    },

    /** After `viewer` released a hold of `eventId`: counts towards the churn limit of (user, event). */
    async released(viewer: Viewer | null, eventId: number): Promise<void> {
      if (viewer && churn) await churn.penalty(churnKey(viewer.userId, eventId));
    },
  };
}
