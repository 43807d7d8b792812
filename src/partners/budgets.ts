/**
 * Cost budgets of partner keys, Shopify's way: each key has a bucket of
 * cost points (at most its costBudget) that refills at costRestorePerSecond.
 * An operation takes its calculated cost (limits/query-cost.ts) from the
 * bucket before it runs, or is refused (429, with when enough will be back);
 * once answered, what it cost less than asked (the objects its answer
 * actually holds) goes back. With Redis the buckets are shared by every
 * process (one Lua script per step, atomic); without it, each process keeps
 * its own. Over WebSocket, chargeKey charges an operation's cost and a point
 * per event a live subscription delivers.
 */
import { GraphQLError } from 'graphql';
import type { Redis } from 'ioredis';

import type { Clock } from '../clock.js';

/** A key's bucket: its size and refill. */
export interface BucketShape {
  limit: number;
  restorePerSecond: number;
}

/** What taking from a bucket answered: the points left, and whether the take happened. */
export interface BucketLevel {
  taken: boolean;
  remaining: number;
}

export interface CostBuckets {
  /** Takes `points` from the key's bucket if it holds them (a negative `points` gives back, up to the limit). */
  take(key: string, points: number, shape: BucketShape): Promise<BucketLevel>;
}

/** A partner key's bucket, as its costBudget and costRestorePerSecond say. */
export const bucketOf = (key: { costBudget: number; costRestorePerSecond: number }): BucketShape => ({
  limit: key.costBudget,
  restorePerSecond: key.costRestorePerSecond,
});

/** Seconds until a bucket at `remaining` holds `points` again. */
export const secondsUntilRefilled = (points: number, remaining: number, shape: BucketShape) =>
  Math.max(1, Math.ceil((Math.min(points, shape.limit) - remaining) / shape.restorePerSecond));

/** The level of a bucket last at `level` at `at`, refilled until `now`. */
const refilled = (level: number, at: number, now: number, shape: BucketShape) => Math.min(shape.limit, level + ((now - at) / 1000) * shape.restorePerSecond);

export function memoryCostBuckets(clock: Clock): CostBuckets {
  const buckets = new Map<string, { level: number; at: number }>();
  return {
    async take(key, points, shape) {
      const now = clock().getTime();
      const bucket = buckets.get(key);
      const level = bucket ? refilled(bucket.level, bucket.at, now, shape) : shape.limit;
      const taken = points <= level;
      const remaining = taken ? Math.min(shape.limit, level - points) : level;
      buckets.set(key, { level: remaining, at: now });
      return { taken, remaining: Math.floor(remaining) };
    },
  };
}

/** The same steps as memoryCostBuckets, in Redis: KEYS[1] the bucket; ARGV now (ms), points, limit, restore per second. */
const TAKE = `
local level = tonumber(redis.call('HGET', KEYS[1], 'level'))
local at = tonumber(redis.call('HGET', KEYS[1], 'at'))
local now, points, limit, rate = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
if level == nil then level = limit; at = now end
level = math.min(limit, level + (now - at) / 1000 * rate)
local taken = 0
if points <= level then level = math.min(limit, level - points); taken = 1 end
redis.call('HSET', KEYS[1], 'level', tostring(level), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((limit - level) / rate * 1000) + 1000)
return {taken, tostring(level)}`;

export function redisCostBuckets(redis: Redis, prefix: string, clock: Clock): CostBuckets {
  return {
    async take(key, points, shape) {
      const [taken, level] = (await redis.eval(TAKE, 1, `${prefix}cost-bucket:${key}`, clock().getTime(), points, shape.limit, shape.restorePerSecond)) as [
        number,
        string,
      ];
      return { taken: taken === 1, remaining: Math.floor(Number(level)) };
    },
  };
}

/**
 * Charges a partner key `points` over WebSocket: an operation's cost when it
 * starts, and a point for each event a live subscription of theirs delivers
 * (however many changes a delta carries). RATE_LIMITED when the bucket holds
 * too few: it refuses the operation, or ends the subscription.
 */
export async function chargeKey(buckets: CostBuckets, caller: { keyId: number; costBudget: number; costRestorePerSecond: number }, points: number) {
  const shape = bucketOf(caller);
  const { taken, remaining } = await buckets.take(String(caller.keyId), points, shape);
  if (taken) return undefined;
  const retryAfter = secondsUntilRefilled(points, remaining, shape);
  return new GraphQLError(
    `This API key's cost budget holds ${remaining} points, too few for ${points}; try again in ${retryAfter} seconds (resubscribe with sinceVersion to miss nothing).`,
    {
      extensions: { code: 'RATE_LIMITED', retryAfter, cost: { requested: points, actual: 0, remaining, restoreRate: shape.restorePerSecond } },
    },
  );
}
