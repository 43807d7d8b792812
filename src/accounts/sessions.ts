import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { preparedPerDb } from '../db/prepared.js';
import { sessions, users } from '../db/schema.js';
import type { Viewer } from './policy.js';

export type SessionRow = typeof sessions.$inferSelect;

export async function createSession(db: Db, userId: number, now: Date, lifetimeSeconds: number): Promise<SessionRow> {
  const [session] = await db
    .insert(sessions)
    .values({ userId, createdAt: now, expiresAt: new Date(now.getTime() + lifetimeSeconds * 1000) })
    .returning();
  return session!;
}

/** Every request checks its session. */
const liveSessionQuery = preparedPerDb((db) =>
  db
    .select({ sessionId: sessions.id, userId: users.id, role: users.role })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sql.placeholder('sessionId')),
        eq(sessions.userId, sql.placeholder('userId')),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql.placeholder('now')),
      ),
    )
    .prepare('find_live_session'),
);

/** The viewer of a session that exists, belongs to `userId`, is not revoked and has not expired. */
export async function findLiveSession(db: Db, sessionId: string, userId: number, now: Date): Promise<Viewer | undefined> {
  const [live] = await liveSessionQuery(db).execute({ sessionId, userId, now });
  return live;
}

export async function revokeSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** Ends every session of a user but `keep` (after a password change); returns the ids it ended. */
export async function revokeOtherSessions(db: Db, userId: number, keep: string, now: Date): Promise<string[]> {
  const ended = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), ne(sessions.id, keep)))
    .returning({ id: sessions.id });
  return ended.map((session) => session.id);
}
