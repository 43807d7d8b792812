/**
 * Where rate limits keep their counts: rate-limiter-flexible's fixed windows,
 * in Redis when REDIS_URL is set (every process shares one count), else in
 * this process's memory. Should Redis become unreachable, each Redis limiter
 * falls back to an in-memory twin (the library's `insuranceLimiter`) at once
 * rather than failing the request, and goes back to Redis when it is ready
 * again; the fallback is logged once per outage, not once per request.
 * Counts kept in memory meanwhile are per process and are not carried over.
 */
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

import type { Logger } from '../logger.js';

export interface LimitStore {
  /** `points` per key in each window of `durationSeconds` (a fixed window, from the key's first point). */
  limiter(name: string, points: number, durationSeconds: number): RateLimiterAbstract;
  /** A set of keys that each live `ttlSeconds` from when last added. */
  memo(name: string, ttlSeconds: number): Memo;
}

export interface Memo {
  has(key: string): Promise<boolean>;
  add(key: string): Promise<void>;
}

/** Entries an in-memory memo keeps at most (the least recently used go first). */
const MEMO_ENTRIES = 100_000;

export function memoryLimitStore(): LimitStore {
  return {
    limiter: (name, points, duration) => new RateLimiterMemory({ keyPrefix: name, points, duration }),
    memo: (_name, ttlSeconds) => memoryMemo(ttlSeconds),
  };
}

export function redisLimitStore(redis: Redis, prefix: string, logger: Logger): LimitStore {
  let degraded = false;
  const fellBack = () => {
    if (degraded) return;
    degraded = true;
    logger.warn('Redis is unreachable: rate limits count in this process memory until it is back');
  };
  redis.on('ready', () => {
    if (!degraded) return;
    degraded = false;
    logger.info('Redis is back: rate limits are counted in Redis again');
  });

  /** A memory limiter that the Redis one hands its calls to while Redis fails; the first such call is logged. */
  class Insurance extends RateLimiterMemory {
    override consume(...args: Parameters<RateLimiterMemory['consume']>) {
      fellBack();
      return super.consume(...args);
    }
    override get(...args: Parameters<RateLimiterMemory['get']>) {
      fellBack();
      return super.get(...args);
    }
    override reward(...args: Parameters<RateLimiterMemory['reward']>) {
      fellBack();
      return super.reward(...args);
    }
    override penalty(...args: Parameters<RateLimiterMemory['penalty']>) {
      fellBack();
      return super.penalty(...args);
    }
    override delete(...args: Parameters<RateLimiterMemory['delete']>) {
      fellBack();
      return super.delete(...args);
    }
  }

  return {
    limiter(name, points, duration) {
      const options = { keyPrefix: `${prefix}rate:${name}`, points, duration };
      return new RateLimiterRedis({
        ...options,
        storeClient: redis,
        // While ioredis reconnects, go to memory at once instead of queueing the command behind the reconnection.
        rejectIfRedisNotReady: true,
        insuranceLimiter: new Insurance(options),
      });
    },
    memo(name, ttlSeconds) {
      const fallback = memoryMemo(ttlSeconds);
      const key = (k: string) => `${prefix}memo:${name}:${k}`;
      const ready = () => redis.status === 'ready';
      return {
        async has(k) {
          if (ready()) {
            try {
              return (await redis.exists(key(k))) === 1 || (await fallback.has(k));
            } catch {
              // fall through
            }
          }
          fellBack();
          return fallback.has(k);
        },
        async add(k) {
          if (ready()) {
            try {
              await redis.set(key(k), '1', 'EX', ttlSeconds);
              return;
            } catch {
              // fall through
            }
          }
          fellBack();
          await fallback.add(k);
        },
      };
    },
  };
}

function memoryMemo(ttlSeconds: number): Memo {
  const entries = new LRUCache<string, true>({ max: MEMO_ENTRIES, ttl: ttlSeconds * 1000 });
  return {
    has: async (key) => entries.has(key),
    add: async (key) => void entries.set(key, true),
  };
}

/** Counts one point against `key`: undefined when allowed, or the refusal, with when to retry. */
export async function take(limiter: RateLimiterAbstract, key: string): Promise<{ retryAfterSeconds: number } | undefined> {
  try {
    await limiter.consume(key);
    return undefined;
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) return { retryAfterSeconds: secondsUntil(refusal) };
    throw refusal;
  }
}

/** Whole seconds until a window ends, at least 1. */
export function secondsUntil(result: RateLimiterRes): number {
  return Math.max(1, Math.ceil(result.msBeforeNext / 1000));
}
