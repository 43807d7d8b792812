/**
 * Every request's session check (store.ts's liveSession), remembered for a
 * moment so that a client's next requests skip its statement.
 *
 * Kept exact in the normal case: whatever changes a session's answer (a
 * revocation, a role change, an account's deletion) is dropped here at once
 * by the process that made it, before it answers, and by every other process
 * when the news reaches it over pub/sub (server.ts). Pub/sub may lose news
 * (Redis down), so a reading answers for `maxAgeMs` at most after it was
 * read: that is the staleness bound SESSION_CACHE_MS states, and after a
 * reconnection the whole cache is dropped, as news may have been lost.
 *
 * A read that was under way while something was dropped is not remembered:
 * it may have been answered before the change committed, and remembering it
 * after the drop would bring the old answer back for the whole bound.
 */
import { LRUCache } from 'lru-cache';

import type { Clock } from '../clock.js';
import type { Viewer } from './policy.js';

export interface SessionCacheOptions {
  /** How long a reading of a session answers for it at most, in ms; 0 turns the cache off (every request reads). */
  maxAgeMs: number;
  /** The source of "now": a reading counts its age, and its session's expiry, by it. */
  clock: Clock;
  /** Sessions remembered at most, the least recently used dropped first. */
  maxEntries?: number;
}

/** Taken before a session is read, given back to `remember`: it tells whether anything was dropped meanwhile. */
export type ReadMark = number;

interface Reading {
  viewer: Viewer;
  /** When it was read: a clock set back (tests) never stretches a reading's life. */
  readAt: number;
  /** The earlier of read time + maxAgeMs and the session's expiry. */
  until: number;
}

export type SessionCache = ReturnType<typeof createSessionCache>;

export function createSessionCache({ maxAgeMs, clock, maxEntries = 10_000 }: SessionCacheOptions) {
  const readings = new LRUCache<string, Reading>({ max: maxEntries });
  /** Counts drops: a read that began at another count may predate a change. */
  let drops = 0;

  return {
    /** The viewer of `sessionId` as read at most maxAgeMs ago, if its session has not expired since; undefined means "read it". */
    get(sessionId: string, userId: number): Viewer | undefined {
      if (maxAgeMs === 0) return undefined;
      const reading = readings.get(sessionId);
      if (!reading) return undefined;
      const now = clock().getTime();
      if (now < reading.readAt || now >= reading.until || reading.viewer.userId !== userId) {
        readings.delete(sessionId);
        return undefined;
      }
      return reading.viewer;
    },

    /** Call before reading a session, and pass the mark to `remember` with what was read. */
    mark(): ReadMark {
      return drops;
    },

    /** Remembers a live session as read (since `mark`), unless something was dropped in between. */
    remember(mark: ReadMark, viewer: Viewer, expiresAt: Date): void {
      if (maxAgeMs === 0 || mark !== drops) return;
      const readAt = clock().getTime();
      const until = Math.min(readAt + maxAgeMs, expiresAt.getTime());
      if (until > readAt) readings.set(viewer.sessionId, { viewer, readAt, until });
    },

    /** These sessions ended: their next request reads them (and finds them ended). */
    forgetSessions(sessionIds: readonly string[]): void {
      drops++;
      for (const sessionId of sessionIds) readings.delete(sessionId);
    },

    /**
     * These users changed (a role): every session of theirs is read again.
     * It goes through every reading, which is fine for what it serves: role
     * changes are an admin's, and rare.
     */
    forgetUsers(userIds: readonly number[]): void {
      drops++;
      const users = new Set(userIds);
      const stale: string[] = [];
      readings.forEach((reading, sessionId) => {
        if (users.has(reading.viewer.userId)) stale.push(sessionId);
      });
      for (const sessionId of stale) readings.delete(sessionId);
    },

    /** Forgets every session: news may have been lost (pub/sub reconnected). */
    forgetAll(): void {
      drops++;
      readings.clear();
    },
  };
}
