/**
 * The waiting room's Redis queue keeps the QueueStore contract, each store on
 * a client of its own (as each process has). Needs REDIS_URL (CI's second run
 * sets it); the keys are under a prefix of this file's own, deleted after.
 */
import { randomBytes } from 'node:crypto';

import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';

import { createRedisQueueStore } from '../../src/waitingroom/redis-queue.js';
import { deleteRedisKeys } from '../support/redis-keys.js';
import { queueStoreContract, USERS } from './store-contract.js';

const redisUrl = process.env.REDIS_URL;

describe.runIf(redisUrl)('the waiting room on Redis', () => {
  const prefix = `test-${randomBytes(4).toString('hex')}:`;

  it('lets the shared latencies expire a minute after the last share, when no admitter is left to forget them', async () => {
    const redis = new Redis(redisUrl!);
    try {
      await createRedisQueueStore(redis, `${prefix}waiting-room:`).shareLatencies('a-process', [[300, 1]], new Date());
      const ttl = await redis.pttl(`${prefix}waiting-room:latencies`);
      expect(ttl).toBeGreaterThan(50_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
    } finally {
      redis.disconnect();
    }
  });

  queueStoreContract(async () => {
    const clients: Redis[] = [];
    let events = 0;
    return {
      async open() {
        const redis = new Redis(redisUrl!);
        clients.push(redis);
        return createRedisQueueStore(redis, `${prefix}waiting-room:`);
      },
      newEvent: async () => ++events,
      userIds: Array.from({ length: USERS }, (_, i) => i + 1),
      async close() {
        for (const redis of clients) redis.disconnect();
        await deleteRedisKeys(redisUrl, prefix);
      },
    };
  });
});
