import { Redis } from 'ioredis';

/** Deletes every key under `prefix` (a test's own), so that nothing a test wrote outlives it in a shared Redis. */
export async function deleteRedisKeys(redisUrl: string | undefined, prefix: string): Promise<void> {
  if (!redisUrl) return;
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) await redis.del(...keys);
    }
  } finally {
    redis.disconnect();
  }
}
