/**
 * Accounts' SQL: users and their sessions. Each function runs one statement
 * on the pool (or transaction) it is given; accounts.ts decides when.
 */
import { and, eq, gt, isNull, sql as drizzleSql } from 'drizzle-orm';

import type { Db, Queryable } from '../db/client.js';
import { preparedPerDb } from '../db/prepared.js';
import { sessions, users } from '../db/schema.js';
import type { Role, Viewer } from './policy.js';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

/** The columns of a UserRow, named as its fields. */
const userColumns = (sql: Queryable) => sql`id, email, name, role, password_hash AS "passwordHash", created_at AS "createdAt", deleted_at AS "deletedAt"`;

/** Every log-in looks its user up. */
const userByEmailQuery = preparedPerDb((db) =>
  db
    .select()
    .from(users)
    .where(eq(users.email, drizzleSql.placeholder('email')))
    .prepare('user_by_email'),
);

/** The user with this (normalised) email, if any. */
export async function userByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [user] = await userByEmailQuery(db).execute({ email });
  return user;
}

/** The users with these ids, in no particular order. */
export function usersById(sql: Queryable, ids: readonly number[]): Promise<UserRow[]> {
  return sql<UserRow[]>`SELECT ${userColumns(sql)} FROM users WHERE id = ANY(${ids as number[]}::integer[])`;
}

/** Creates a user; throws the unique violation of users_email_key when the email is taken. */
export async function insertUser(sql: Queryable, user: Pick<UserRow, 'email' | 'name' | 'passwordHash' | 'createdAt'>): Promise<UserRow> {
  const [created] = await sql<[UserRow]>`
    INSERT INTO users (email, name, password_hash, created_at) VALUES (${user.email}, ${user.name}, ${user.passwordHash}, ${user.createdAt})
    RETURNING ${userColumns(sql)}`;
  return created;
}

/** Changes a user's name and password hash (those given); the user as it is now, or undefined when there is none. */
export async function updateUser(sql: Queryable, id: number, changes: Partial<Pick<UserRow, 'name' | 'passwordHash'>>): Promise<UserRow | undefined> {
  const [user] = await sql<[UserRow?]>`
    UPDATE users SET name = coalesce(${changes.name ?? null}, name), password_hash = coalesce(${changes.passwordHash ?? null}, password_hash)
    WHERE id = ${id} RETURNING ${userColumns(sql)}`;
  return user;
}

/** Gives a user a role; the user as it is now, or undefined when there is none. */
export async function setRole(sql: Queryable, id: number, role: Role): Promise<UserRow | undefined> {
  const [user] = await sql<[UserRow?]>`UPDATE users SET role = ${role} WHERE id = ${id} RETURNING ${userColumns(sql)}`;
  return user;
}

/**
 * Starts a session of a user whose account is not deleted; undefined when it
 * is. The user's row is share-locked: a log-in whose password was checked
 * just before the account was deleted waits for the deletion (which locks the
 * row) and then starts nothing, and a deletion waits for a session started
 * first, which it then ends.
 */
export async function insertSession(sql: Queryable, userId: number, createdAt: Date, expiresAt: Date): Promise<SessionRow | undefined> {
  const [session] = await sql<[SessionRow?]>`
    INSERT INTO sessions (user_id, created_at, expires_at)
    SELECT id, ${createdAt}, ${expiresAt} FROM users WHERE id = ${userId} AND deleted_at IS NULL FOR SHARE
    RETURNING id, user_id AS "userId", created_at AS "createdAt", expires_at AS "expiresAt", revoked_at AS "revokedAt"`;
  return session;
}

/** Every request checks its session. */
const liveSessionQuery = preparedPerDb((db) =>
  db
    .select({ sessionId: sessions.id, userId: users.id, role: users.role, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, drizzleSql.placeholder('sessionId')),
        eq(sessions.userId, drizzleSql.placeholder('userId')),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, drizzleSql.placeholder('now')),
      ),
    )
    .prepare('find_live_session'),
);

/** A live session: the viewer it makes of a request, until it expires. */
export interface LiveSession {
  viewer: Viewer;
  expiresAt: Date;
}

/** The viewer of a session that exists, belongs to `userId`, is not revoked and has not expired at `now`, and its expiry. */
export async function liveSession(db: Db, sessionId: string, userId: number, now: Date): Promise<LiveSession | undefined> {
  const [live] = await liveSessionQuery(db).execute({ sessionId, userId, now });
  return live && { viewer: { sessionId: live.sessionId, userId: live.userId, role: live.role }, expiresAt: live.expiresAt };
}

export async function revokeSession(sql: Queryable, sessionId: string, now: Date): Promise<void> {
  await sql`UPDATE sessions SET revoked_at = ${now} WHERE id = ${sessionId} AND revoked_at IS NULL`;
}

/** Ends every session of a user but `keep`; returns the ids it ended. */
export async function revokeOtherSessions(sql: Queryable, userId: number, keep: string, now: Date): Promise<string[]> {
  const ended = await sql<{ id: string }[]>`
    UPDATE sessions SET revoked_at = ${now} WHERE user_id = ${userId} AND revoked_at IS NULL AND id <> ${keep} RETURNING id`;
  return ended.map((session) => session.id);
}

/** Ends every session of a user; returns the ids it ended. */
export async function revokeAllSessions(sql: Queryable, userId: number, now: Date): Promise<string[]> {
  const ended = await sql<{ id: string }[]>`UPDATE sessions SET revoked_at = ${now} WHERE user_id = ${userId} AND revoked_at IS NULL RETURNING id`;
  return ended.map((session) => session.id);
}

/**
 * The user, locked for the rest of the transaction: holds, bookings and
 * sessions being inserted for the user (their foreign keys key-share-lock the
 * row) commit first, or wait; undefined when there is none.
 */
export async function lockUser(tx: Queryable, id: number): Promise<UserRow | undefined> {
  const [user] = await tx<[UserRow?]>`SELECT ${userColumns(tx)} FROM users WHERE id = ${id} FOR UPDATE`;
  return user;
}

/** The ids of a user's holds live at `now` (hold_live_at, migration 0009), locked: a purchase paying for one finishes first. */
export async function lockLiveHoldsOfUser(tx: Queryable, userId: number, now: Date): Promise<number[]> {
  const rows = await tx<{ id: string }[]>`
    SELECT id FROM holds WHERE user_id = ${userId} AND hold_live_at(status, expires_at, ${now}) ORDER BY id FOR UPDATE`;
  return rows.map((row) => Number(row.id));
}

/** How many of a user's bookings are CONFIRMED for an event that is not cancelled and has not ended at `now`. */
export async function countUpcomingBookings(sql: Queryable, userId: number, now: Date): Promise<number> {
  const [row] = await sql<[{ count: number }]>`
    SELECT count(*)::integer AS count FROM bookings b JOIN events e ON e.id = b.event_id
    WHERE b.user_id = ${userId} AND b.status = 'CONFIRMED' AND e.status <> 'CANCELLED' AND e.ends_at > ${now}`;
  return row.count;
}

/**
 * Erases a user's personal data for good: the name becomes `name`, the email a
 * placeholder of its own that no mail reaches (so the old address can sign up
 * again), the password hash one no password matches; `deleted_at` is set.
 * The row stays, for the bookings that name it.
 */
export async function anonymizeUser(sql: Queryable, id: number, name: string, now: Date): Promise<void> {
  await sql`
    UPDATE users SET name = ${name}, email = 'deleted-' || id || '@deleted.invalid', password_hash = ${UNUSABLE_PASSWORD_HASH},
      deleted_at = coalesce(deleted_at, ${now})
    WHERE id = ${id}`;
}

/** Not a PHC string: argon2's verify refuses it, so no password matches (passwords.ts's verifyPassword answers false). */
const UNUSABLE_PASSWORD_HASH = '!deleted: no password matches';
