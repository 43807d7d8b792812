/** Sign-up, log-in, log-out, profile and roles; deletion is deletion.ts's. */
import { createSecretKey } from 'node:crypto';

import type { Clock } from '../clock.js';
import type { Db, Sql } from '../db/client.js';
import { violatesUnique } from '../db/errors.js';
import { invalidToken } from '../errors.js';
import { write } from '../outbox/store.js';
import type { SeatMapLog } from '../seatmap/change-log.js';
import { type Result, type UserError, userError, userFailure } from '../user-error.js';
import { type AccountDeletion, createAccountDeletion } from './deletion.js';
import type { LoginLimits } from './login-limits.js';
import { hashPassword, unknownUserHash, verifyPassword } from './passwords.js';
import { requireAdmin, requireViewer, type Role, type Viewer } from './policy.js';
import { checkEmail, checkName, checkPassword, normalizeEmail } from './rules.js';
import { createSessionCache, type ReadMark } from './session-cache.js';
import {
  insertSession,
  insertUser,
  liveSession,
  revokeOtherSessions,
  revokeSession,
  setRole,
  updateUser,
  userByEmail,
  type UserRow,
  usersById,
} from './store.js';
import { createTokenVerifier, signToken } from './tokens.js';

export type { UserRow } from './store.js';

export interface AccountsOptions {
  sql: Sql;
  /** For the prepared statements of every request's session check and of log-ins (store.ts). */
  db: Db;
  clock: Clock;
  /** HMAC key of session tokens. */
  tokenSecret: Uint8Array;
  sessionLifetimeSeconds: number;
  /** Limits password checks: log-ins per account and address, password changes per user. */
  loginLimits: LoginLimits;
  /**
   * How long a reading of a session answers every request of it, in ms (SESSION_CACHE_MS; 0: every request
   * reads it). Changes made here are dropped at once; those made elsewhere when their news arrives
   * (`sessionCache.forgetSessions`/`forgetUsers`, which server.ts calls from pub/sub): this bounds how
   * long a change whose news was lost goes unseen.
   */
  sessionCacheMs: number;
  /** Told the ids of sessions that just ended, so that their open sockets can close and their cached readings go at once, everywhere. */
  onSessionsEnded?: (sessionIds: string[]) => void;
  /** Told the ids of users whose role just changed, so that every process reads their sessions again. */
  onRolesChanged?: (userIds: number[]) => void;
}

/** A session just started: its token, and the viewer it makes of the request. */
export interface NewSession {
  token: string;
  expiresAt: Date;
  user: UserRow;
  viewer: Viewer;
}

export type AuthResult = Result<NewSession>;

export type Accounts = ReturnType<typeof createAccounts>;

const INVALID_CREDENTIALS = userFailure('INVALID_CREDENTIALS', 'That email and password do not match an account.', ['input']);

export function createAccounts({ sql, db, clock, sessionLifetimeSeconds, loginLimits, sessionCacheMs, ...options }: AccountsOptions) {
  const tokenSecret = createSecretKey(options.tokenSecret);
  const verifyToken = createTokenVerifier(tokenSecret);
  const sessionCache = createSessionCache({ maxAgeMs: sessionCacheMs, clock });
  // This process drops its own readings before it answers (a client retrying here is refused at once), then tells the others.
  const onSessionsEnded = (sessionIds: string[]) => {
    sessionCache.forgetSessions(sessionIds);
    options.onSessionsEnded?.(sessionIds);
  };
  /**
   * A new session of `user` (as read after `mark`); INVALID_CREDENTIALS when the account was deleted meanwhile.
   * Its viewer is remembered: a client's first request after logging in needs no session read.
   */
  async function startSession(user: UserRow, mark: ReadMark): Promise<AuthResult> {
    const now = clock();
    const session = await insertSession(sql, user.id, now, new Date(now.getTime() + sessionLifetimeSeconds * 1000));
    if (!session) return INVALID_CREDENTIALS;
    const token = await signToken(tokenSecret, { userId: user.id, sessionId: session.id }, now, session.expiresAt);
    const viewer: Viewer = { userId: user.id, role: user.role, sessionId: session.id };
    sessionCache.remember(mark, viewer, session.expiresAt);
    return { token, expiresAt: session.expiresAt, user, viewer };
  }

  return {
    /** Drops cached session readings: server.ts calls it with the news of changes made in any process. */
    sessionCache: { forgetSessions: sessionCache.forgetSessions, forgetUsers: sessionCache.forgetUsers, forgetAll: sessionCache.forgetAll },

    /**
     * The viewer named by an `Authorization: Bearer` value, or null without
     * one. A token that is forged, expired, or whose session has ended fails
     * the whole request with UNAUTHENTICATED.
     */
    async authenticate(authorization: string | undefined): Promise<Viewer | null> {
      if (!authorization) return null;
      const token = /^Bearer\s+(\S+)$/i.exec(authorization.trim())?.[1];
      if (!token) throw invalidToken('The Authorization header must be "Bearer <token>".');
      const now = clock();
      const claims = await verifyToken(token, now).catch((error: Error) => {
        throw invalidToken(error.message);
      });
      const cached = sessionCache.get(claims.sessionId, claims.userId);
      if (cached) return cached;
      const mark = sessionCache.mark();
      const live = await liveSession(db, claims.sessionId, claims.userId, now);
      if (!live) throw invalidToken('This session has ended; log in again.');
      sessionCache.remember(mark, live.viewer, live.expiresAt);
      return live.viewer;
    },

    async signUp(input: { email: string; password: string; name: string }): Promise<AuthResult> {
      const email = normalizeEmail(input.email);
      const userErrors = [checkEmail(email), checkName(input.name), checkPassword(input.password, email)].filter((e) => e !== undefined);
      if (userErrors.length > 0) return userFailure(userErrors);
      const passwordHash = await hashPassword(input.password);
      const mark = sessionCache.mark();
      try {
        // The welcome mail's message commits with the account (the notifier sends it).
        const user = await sql.begin(async (tx) => {
          const created = await insertUser(tx, { email, name: input.name.trim(), passwordHash, createdAt: clock() });
          await write(tx, { topic: 'account.created', payload: { userId: created.id } }, created.createdAt);
          return created;
        });
        return await startSession(user, mark);
      } catch (error) {
        if (violatesUnique(error, 'users_email_key')) {
          return userFailure('EMAIL_TAKEN', 'An account with this email already exists; log in instead.', ['input', 'email']);
        }
        throw error;
      }
    },

    /**
     * Unknown email and wrong password give the same answer after the same
     * work (one argon2 verification), so neither reveals who has an account.
     */
    async logIn(input: { email: string; password: string }, clientAddress: string): Promise<AuthResult> {
      const email = normalizeEmail(input.email);
      const succeeded = await loginLimits.logIn(email, clientAddress);
      const mark = sessionCache.mark(); // before the user's role is read
      const user = await userByEmail(db, email);
      const matches = await verifyPassword(user?.passwordHash ?? (await unknownUserHash), input.password);
      if (!user || !matches) return INVALID_CREDENTIALS;
      await succeeded();
      return startSession(user, mark);
    },

    /** Ends the caller's session: its token is refused from now on. */
    async logOut(viewer: Viewer | null): Promise<void> {
      const { sessionId } = requireViewer(viewer);
      await revokeSession(sql, sessionId, clock());
      onSessionsEnded([sessionId]);
    },

    async updateProfile(viewer: Viewer | null, input: { name?: string | null; password?: { current: string; new: string } | null }): Promise<Result<UserRow>> {
      const caller = requireViewer(viewer);
      const [user] = await usersById(sql, [caller.userId]);
      const changes: Partial<Pick<UserRow, 'name' | 'passwordHash'>> = {};
      const userErrors: UserError[] = [];
      if (input.name != null) {
        const error = checkName(input.name);
        if (error) userErrors.push(error);
        else changes.name = input.name.trim();
      }
      if (input.password) {
        // A stolen session must not become a way to guess the password.
        const succeeded = await loginLimits.passwordCheck(caller.userId);
        if (!(await verifyPassword(user!.passwordHash, input.password.current))) {
          userErrors.push(userError('WRONG_PASSWORD', 'The current password is not right.', ['input', 'password', 'current']));
        } else {
          await succeeded();
          const error = checkPassword(input.password.new, user!.email, ['input', 'password', 'new']);
          if (error) userErrors.push(error);
          else changes.passwordHash = await hashPassword(input.password.new);
        }
      }
      if (userErrors.length > 0) return userFailure(userErrors);
      if (Object.keys(changes).length === 0) return user!;
      const updated = await updateUser(sql, caller.userId, changes);
      // Someone who learned the old password must not stay logged in elsewhere.
      if (changes.passwordHash) onSessionsEnded(await revokeOtherSessions(sql, caller.userId, caller.sessionId, clock()));
      return updated!;
    },

    /**
     * Account deletion (deletion.ts), with these log-in limits and news of
     * ended sessions, its transactions on `seatMapLog`: server.ts makes it
     * once the log exists, which is built after accounts.
     */
    deletion(seatMapLog: SeatMapLog): AccountDeletion {
      return createAccountDeletion({ sql, clock, seatMapLog, loginLimits, onSessionsEnded });
    },

    async setUserRole(viewer: Viewer | null, userId: number, role: Role): Promise<Result<UserRow>> {
      requireAdmin(viewer);
      const user = await setRole(sql, userId, role);
      if (!user) return userFailure('USER_NOT_FOUND', 'No user has this ID.', ['input', 'userId']);
      // The new role applies from the user's next request, in this process and (with the news) in every other.
      sessionCache.forgetUsers([userId]);
      options.onRolesChanged?.([userId]);
      return user;
    },
  };
}
