/**
 * Accounts as one request sees them (src/request-scope.ts): the caller, users
 * as the caller may see them, and sign-up, log-in, log-out, profile, roles
 * and deletion. A sign-up or log-in makes the rest of the request its new
 * session's (the user may then see their own email in the answer); a
 * deletion of the caller's account makes it anonymous. Resolvers call it as
 * `context.accounts`; server.ts builds one per request.
 */
import type { RateLimits } from '../rate-limits/limits.js';
import type { RequestScope } from '../request-scope.js';
import { isFailure, type Result } from '../user-error.js';
import type { Accounts, AuthResult, UserRow } from './accounts.js';
import type { AccountDeletion, DeletedAccount } from './deletion.js';
import { canSeePrivateFields, canSeeUser, type Role } from './policy.js';

/** What accounts need for every request: the accounts service, account deletion and the rate limits. */
export interface AccountServices {
  accounts: Accounts;
  /** Made by `accounts.deletion(seatMapLog)`. */
  deletion: AccountDeletion;
  rateLimits: RateLimits;
}

export class AccountsFacade {
  constructor(
    private readonly services: AccountServices,
    private readonly scope: RequestScope,
  ) {}

  /** The caller, or null for an anonymous request. */
  async me(): Promise<UserRow | null> {
    const { viewer, loaders } = this.scope;
    return viewer ? ((await loaders.userById.load(viewer.userId)) ?? null) : null;
  }

  /** A user the caller may see (organizers are public; anyone else is seen by themself and admins), or null. */
  async user(id: number): Promise<UserRow | null> {
    const user = await this.scope.loaders.userById.load(id);
    return user && canSeeUser(this.scope.viewer, user) ? user : null;
  }

  /** A user's email: for the user themself and admins; null for anyone else. */
  emailOf(user: UserRow): string | null {
    return canSeePrivateFields(this.scope.viewer, user) ? user.email : null;
  }

  /** Creates an account and logs it in, after the limit on sign-ups per address. */
  async signUp(input: { email: string; password: string; name: string }): Promise<AuthResult> {
    await this.services.rateLimits.signUp(this.scope.clientAddress);
    return this.actAsNewSession(await this.services.accounts.signUp(input));
  }

  /** Starts a session (log-in limits per account and address apply). */
  async logIn(input: { email: string; password: string }): Promise<AuthResult> {
    return this.actAsNewSession(await this.services.accounts.logIn(input, this.scope.clientAddress));
  }

  /** Ends the caller's session. */
  logOut(): Promise<void> {
    return this.services.accounts.logOut(this.scope.viewer);
  }

  updateProfile(input: { name?: string | null; password?: { current: string; new: string } | null }): Promise<Result<UserRow>> {
    return this.services.accounts.updateProfile(this.scope.viewer, input);
  }

  setUserRole(userId: number, role: Role): Promise<Result<UserRow>> {
    return this.services.accounts.setUserRole(this.scope.viewer, userId, role);
  }

  /** Deletes the caller's account (deletion.ts); from then on the request is anonymous, as its token is. */
  async deleteAccount(password: string): Promise<Result<DeletedAccount>> {
    const deleted = await this.services.deletion.deleteAccount(this.scope.viewer, password, this.scope.clientAddress);
    if (!isFailure(deleted)) {
      this.scope.viewer = null;
      this.scope.loaders.userById.clear(deleted.deletedUserId);
    }
    return deleted;
  }

  /** Deletes a fan's account, for an admin (deletion.ts). */
  async deleteUser(userId: number): Promise<Result<DeletedAccount>> {
    const deleted = await this.services.deletion.deleteUser(this.scope.viewer, userId);
    if (!isFailure(deleted)) this.scope.loaders.userById.clear(deleted.deletedUserId);
    return deleted;
  }

  /** From a successful sign-up or log-in on, the request is the new session's user's. */
  private actAsNewSession(result: AuthResult): AuthResult {
    if (!isFailure(result)) this.scope.viewer = result.viewer;
    return result;
  }
}
