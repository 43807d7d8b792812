/**
 * Answers kept for repeated identical searches, valid for one index version:
 * the indexer bumps the version whenever it changes the index, and an answer
 * stored under an older version is a miss. In Redis (shared by every process)
 * when REDIS_URL is set, else in an in-process LRU. Entries also expire after
 * a TTL, which bounds staleness when a bump is missed (a rebuild run from
 * another process without Redis, or "upcoming" moving on with the clock).
 */
import { createHash } from 'node:crypto';

import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

export interface SearchCache {
  /** The current index version and the entry stored under `key`, if any, in one round trip. */
  read(key: string): Promise<{ version: number; entry?: { version: number; value: unknown } }>;
  write(key: string, entry: { version: number; value: unknown }): Promise<void>;
  /** Makes every entry stored so far stale. */
  bumpVersion(): Promise<void>;
}

export interface CacheOptions {
  ttlMs: number;
  /** Entries kept in memory at most. */
  maxEntries: number;
}

export function memorySearchCache({ ttlMs, maxEntries }: CacheOptions): SearchCache {
  const entries = new LRUCache<string, { version: number; value: unknown }>({ max: maxEntries, ttl: ttlMs });
  let version = 0;
  return {
    read: async (key) => ({ version, entry: entries.get(key) }),
    write: async (key, entry) => void entries.set(key, entry),
    bumpVersion: async () => {
      version++;
      entries.clear(); // stale now; free the memory at once
    },
  };
}

export function redisSearchCache(redis: Redis, prefix: string, { ttlMs }: Pick<CacheOptions, 'ttlMs'>): SearchCache {
  const versionKey = `${prefix}search:version`;
  // Keys can be long (a query and every filter); a digest keeps Redis keys short.
  const entryKey = (key: string) => `${prefix}search:entry:${createHash('sha256').update(key).digest('base64url')}`;
  return {
    async read(key) {
      const [version, entry] = await redis.mget(versionKey, entryKey(key));
      return { version: Number(version ?? 0), entry: entry ? JSON.parse(entry) : undefined };
    },
    async write(key, entry) {
      await redis.set(entryKey(key), JSON.stringify(entry), 'PX', ttlMs);
    },
    async bumpVersion() {
      await redis.incr(versionKey);
    },
  };
}
