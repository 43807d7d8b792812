/**
 * Limits on password guessing, after OWASP's authentication cheat sheet:
 *
 * - Lock-out counts failures per (account, address): someone who fails 10
 *   times with an account from one address is refused for that account from
 *   that address only. An attacker cannot lock the owner out from elsewhere.
 * - Per address, across accounts: refused past the limit (credential
 *   stuffing from one address).
 * - Per account, across addresses: a slower, global brake on a guessing
 *   attack spread over many addresses.
 *
 * The last two do not stop an address that has logged in to the account
 * before ("known"): the owner keeps getting in from where they usually do
 * while their account is under attack. Known addresses are kept for 30 days
 * after each success, next to the counters (Redis with REDIS_URL, else
 * memory): they are a convenience, so losing them costs only that, and they
 * need no table or migration.
 *
 * An attempt is counted before the password is checked, so parallel guesses
 * cannot slip past a limit; a successful one is then taken back (and clears
 * its (account, address) count).
 */
import { rateLimited } from '../errors.js';
import { type RateLimitSettings, WINDOW_SECONDS } from '../rate-limits/limits.js';
import { type LimitStore, take } from '../rate-limits/store.js';

export type LoginLimitSettings = Pick<RateLimitSettings, 'loginFailuresPerAccountAndAddress' | 'loginFailuresPerAddress' | 'loginFailuresPerAccount'>;

export interface LoginLimits {
  /**
   * Counts a log-in to `account` from `address`, before its password is
   * checked; RATE_LIMITED if refused. Resolves to what to call when the
   * password was right.
   */
  logIn(account: string, address: string): Promise<() => Promise<void>>;
  /** Counts a check of a logged-in user's current password (a stolen session must not become a way to guess it). */
  passwordCheck(userId: number): Promise<() => Promise<void>>;
}

/** Wrong current passwords a session may give in 15 minutes. */
const PASSWORD_CHECKS = 10;
/** How long an address stays known to an account after a successful log-in from it. */
const KNOWN_ADDRESS_SECONDS = 30 * 24 * 3600;

export function createLoginLimits(store: LimitStore, settings: LoginLimitSettings): LoginLimits {
  const limiter = (name: string, points: number, durationSeconds: number) => (points > 0 ? store.limiter(name, points, durationSeconds) : undefined);
  const perPair = limiter('login:account-address', settings.loginFailuresPerAccountAndAddress, WINDOW_SECONDS.loginPerAccountAndAddress);
  const perAddress = limiter('login:address', settings.loginFailuresPerAddress, WINDOW_SECONDS.loginPerAddress);
  const perAccount = limiter('login:account', settings.loginFailuresPerAccount, WINDOW_SECONDS.loginPerAccount);
  const passwordChecks = store.limiter('password-check:user', PASSWORD_CHECKS, WINDOW_SECONDS.loginPerAccountAndAddress);
  const knownAddresses = store.memo('login:known', KNOWN_ADDRESS_SECONDS);

  const refuse = (retryAfter: number) => rateLimited(`Too many wrong passwords; try again in ${retryAfter} seconds.`, retryAfter);

  return {
    async logIn(account, address) {
      // An address has no '/', so "address/account" names one pair whatever the account holds.
      const pair = `${address}/${account}`;
      const [known, pairRefusal, addressRefusal, accountRefusal] = await Promise.all([
        knownAddresses.has(pair),
        perPair && take(perPair, pair),
        perAddress && take(perAddress, address),
        perAccount && take(perAccount, account),
      ]);
      const refusals = [pairRefusal, ...(known ? [] : [addressRefusal, accountRefusal])];
      const retryAfter = Math.max(0, ...refusals.map((refusal) => refusal?.retryAfterSeconds ?? 0));
      if (retryAfter > 0) throw refuse(retryAfter);
      return async () => {
        await Promise.all([perPair?.delete(pair), perAddress?.reward(address), perAccount?.reward(account), knownAddresses.add(pair)]);
      };
    },

    async passwordCheck(userId) {
      const key = String(userId);
      const refusal = await take(passwordChecks, key);
      if (refusal) throw refuse(refusal.retryAfterSeconds);
      return async () => void (await passwordChecks.reward(key));
    },
  };
}
