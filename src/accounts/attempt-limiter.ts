/**
 * Counts attempts per key in a fixed window (from the first attempt) and
 * refuses once a key is over its limit. An attempt is counted before the
 * password is checked, so parallel guesses cannot slip past the limit; a
 * successful one is then forgiven.
 */
import type { Redis } from 'ioredis';
import type { Clock } from '../clock.js';

export type AttemptVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface AttemptLimiter {
  /** Counts one attempt against every key; refused if any key is over the limit. */
  attempt(keys: string[]): Promise<AttemptVerdict>;
  /** Takes back the attempt counted by `attempt` for each key (it succeeded). */
  forgive(keys: string[]): Promise<void>;
}

export interface AttemptLimit {
  /** Attempts allowed per key in a window. */
  limit: number;
  windowMs: number;
}

function verdict(counts: { count: number; msLeft: number }[], limit: number): AttemptVerdict {
  const over = counts.filter((c) => c.count > limit);
  if (over.length === 0) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...over.map((c) => c.msLeft)) / 1000)) };
}

/** For one process: counts live in memory and follow the injected clock. */
export function memoryAttemptLimiter({ limit, windowMs }: AttemptLimit, clock: Clock): AttemptLimiter {
  const windows = new Map<string, { count: number; endsAt: number }>();
  const live = (key: string, now: number) => {
    const window = windows.get(key);
    return window && window.endsAt > now ? window : undefined;
  };
  return {
    async attempt(keys) {
      const now = clock().getTime();
      if (windows.size > 100_000) for (const [key, w] of windows) if (w.endsAt <= now) windows.delete(key);
      const counts = keys.map((key) => {
        const window = live(key, now) ?? { count: 0, endsAt: now + windowMs };
        window.count += 1;
        windows.set(key, window);
        return { count: window.count, msLeft: window.endsAt - now };
      });
      return verdict(counts, limit);
    },
    async forgive(keys) {
      const now = clock().getTime();
      for (const key of keys) {
        const window = live(key, now);
        if (window) window.count = Math.max(0, window.count - 1);
      }
    },
  };
}

const DECREMENT_IF_PRESENT = "if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('DECR', KEYS[1]) end return 0";

/** Shared by every process through Redis; windows are Redis key expiries. */
export function redisAttemptLimiter(redis: Redis, { limit, windowMs }: AttemptLimit, prefix: string): AttemptLimiter {
  return {
    async attempt(keys) {
      const transaction = redis.multi();
      for (const key of keys) transaction.incr(prefix + key).pexpire(prefix + key, windowMs, 'NX').pttl(prefix + key);
      const replies = (await transaction.exec()) ?? [];
      const counts = keys.map((_, i) => ({ count: Number(replies[i * 3]![1]), msLeft: Number(replies[i * 3 + 2]![1]) }));
      return verdict(counts, limit);
    },
    async forgive(keys) {
      const transaction = redis.multi();
      // A plain DECR on a key whose window just ended would create it again, with no expiry.
      for (const key of keys) transaction.eval(DECREMENT_IF_PRESENT, 1, prefix + key);
      await transaction.exec();
    },
  };
}
