/**
 * The waiting room's queue in Redis, shared by every process when REDIS_URL
 * is set: sorted sets for the numbered and the pre-queued, hashes for passes,
 * counters; every step that reads then writes is one Lua script
 * (redis-scripts.ts, which lists the keys). Times are the callers' (the
 * injectable clock), in ms since the epoch.
 */
import type { Redis } from 'ioredis';

import type { LatencyCounts } from './latency-window.js';
import { numberingOrder } from './numbering.js';
import type { PassStatus, QueuePassRecord, QueueStore, RoomSnapshot } from './queue-store.js';
import { ADMIT, ATTACH_HOLD, EXPIRE, FINISH, JOIN, LEAVE, NUMBER, type Script, script } from './redis-scripts.js';

/** How long the processes' shared latencies outlive the last share, in ms. */
const LATENCIES_TTL_MS = 60_000;

/** A pass id as the id counter makes them; anything else names no pass (and builds no key). */
const PASS_ID = /^[1-9]\d*$/;

/** The queue store over `redis`; every key starts with `prefix` (the deployment's, and one of the queue's own: `...waiting-room:`). */
export function createRedisQueueStore(redis: Redis, prefix: string): QueueStore {
  const passPrefix = `${prefix}pass:`;
  const passIds = `${prefix}passIds`;
  /** Each process's latencies (shareLatencies): a hash, process id → SharedLatencies as JSON. */
  const latencies = `${prefix}latencies`;
  const keysOf = (eventId: number) => {
    const key = (name: string) => `${prefix}event:${eventId}:${name}`;
    return {
      users: key('users'),
      queue: key('queue'),
      waiting: key('waiting'),
      prequeue: key('prequeue'),
      left: key('left'),
      admitted: key('admitted'),
      holding: key('holding'),
      admissions: key('admissions'),
    };
  };
  const run = {
    join: script(redis, JOIN),
    leave: script(redis, LEAVE),
    number: script(redis, NUMBER),
    admit: script(redis, ADMIT),
    expire: script(redis, EXPIRE),
    attachHold: script(redis, ATTACH_HOLD),
    finish: script(redis, FINISH),
  };

  async function pass(passId: string): Promise<QueuePassRecord | undefined> {
    if (!PASS_ID.test(passId)) return undefined;
    const fields = await redis.hgetall(passPrefix + passId);
    return fields.id === undefined ? undefined : passFrom(fields);
  }

  /** Runs `step` (ATTACH_HOLD or FINISH) on the pass with its event's keys; false when there is no such pass. */
  async function onPass(step: Script, passId: string, args: (string | number)[]): Promise<boolean> {
    if (!PASS_ID.test(passId)) return false;
    const eventId = await redis.hget(passPrefix + passId, 'event'); // never changes: safe to read before the script
    if (eventId === null) return false;
    const keys = keysOf(Number(eventId));
    return (await step([passPrefix + passId, keys.admitted, keys.holding], [passId, ...args])) === 1;
  }

  return {
    async join(eventId, userId, now) {
      const keys = keysOf(eventId);
      const fields = await run.join([keys.users, keys.queue, keys.waiting, keys.prequeue, passIds], [passPrefix, eventId, userId, now.getTime()]);
      return passFrom(fieldsOf(fields as string[]));
    },

    async passOf(eventId, userId) {
      const passId = await redis.hget(keysOf(eventId).users, String(userId));
      return passId === null ? undefined : pass(passId);
    },

    pass,

    async leave(eventId, userId) {
      const keys = keysOf(eventId);
      const fields = await run.leave([keys.users, keys.waiting, keys.prequeue, keys.left, keys.admitted, keys.holding], [passPrefix, userId]);
      return fields === null ? undefined : passFrom(fieldsOf(fields as string[]));
    },

    async snapshot(eventId, now): Promise<RoomSnapshot> {
      const keys = keysOf(eventId);
      const ms = now.getTime();
      const replies = await redis
        .multi()
        .hmget(keys.queue, 'serving', 'last', 'numbered')
        .zcard(keys.waiting)
        .zcard(keys.prequeue)
        .zcard(keys.admitted)
        .hlen(keys.holding)
        .zrange(keys.left, 0, -1)
        .zcount(keys.admissions, `(${ms - 60_000}`, ms)
        .exec();
      const [[serving, last, numbered], waiting, prequeue, admitted, holding, left, lastMinute] = replies!.map(([error, reply]) => {
        if (error) throw error;
        return reply;
      }) as [(string | null)[], number, number, number, number, string[], number];
      return {
        servingNumber: Number(serving ?? 0),
        lastNumber: Number(last ?? 0),
        waitingCount: waiting + prequeue,
        admittedCount: admitted + holding,
        leftAhead: left.map(Number),
        admittedLastMinute: lastMinute,
        numbered: numbered === '1',
      };
    },

    async numberPreQueue(eventId, onSaleAt, secret) {
      const keys = keysOf(eventId);
      for (;;) {
        if ((await redis.hget(keys.queue, 'numbered')) === '1') return 0;
        const scored = await redis.zrange(keys.prequeue, 0, -1, 'WITHSCORES');
        const passes = pairsOf(scored).map(([id, ms]) => ({ id, joinedAt: new Date(Number(ms)) }));
        const numbered = (await run.number([keys.queue, keys.prequeue, keys.waiting], [passPrefix, ...numberingOrder(passes, onSaleAt, secret)])) as number;
        if (numbered >= 0) return numbered;
      }
    },

    async admit(eventId, count, now, ttlMs) {
      if (count <= 0) return [];
      const keys = keysOf(eventId);
      const admitted = await run.admit(
        [keys.queue, keys.waiting, keys.left, keys.admitted, keys.admissions],
        [passPrefix, count, now.getTime(), now.getTime() + ttlMs],
      );
      return (admitted as string[][]).map((fields) => passFrom(fieldsOf(fields)));
    },

    async expireUnused(eventId, now) {
      return (await run.expire([keysOf(eventId).admitted], [passPrefix, now.getTime()])) as number;
    },

    attachHold: (passId, holdId) => onPass(run.attachHold, passId, [holdId]),

    async finish(passId) {
      await onPass(run.finish, passId, []);
    },

    async admittedWithHolds(eventId) {
      const holding = await redis.hgetall(keysOf(eventId).holding);
      return Object.entries(holding).map(([passId, holdId]) => ({ passId, holdId: Number(holdId) }));
    },

    async shareLatencies(processId, counts, now) {
      // The hash goes a minute after the last share: with no room open, no admitter reads it to forget the processes gone.
      await redis
        .multi()
        .hset(latencies, processId, JSON.stringify({ at: now.getTime(), counts }))
        .pexpire(latencies, LATENCIES_TTL_MS)
        .exec();
    },

    async sharedLatencies(since) {
      const shared = Object.entries(await redis.hgetall(latencies)).map(([processId, json]) => ({ processId, ...(JSON.parse(json) as SharedLatencies) }));
      const gone = shared.filter((entry) => entry.at < since.getTime()).map((entry) => entry.processId);
      if (gone.length > 0) await redis.hdel(latencies, ...gone);
      return shared.filter((entry) => entry.at >= since.getTime()).map((entry) => entry.counts);
    },
  };
}

/** A process's entry in the latencies hash. */
interface SharedLatencies {
  /** When it was shared, in ms since the epoch. */
  at: number;
  counts: LatencyCounts;
}

function pairsOf(flat: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i]!, flat[i + 1]!]);
  return pairs;
}

const fieldsOf = (flat: string[]): Record<string, string> => Object.fromEntries(pairsOf(flat));

const timeOf = (ms: string | undefined) => (ms === undefined ? null : new Date(Number(ms)));

function passFrom(fields: Record<string, string>): QueuePassRecord {
  return {
    id: fields.id!,
    eventId: Number(fields.event),
    userId: Number(fields.user),
    status: fields.status as PassStatus,
    number: fields.number === undefined ? null : Number(fields.number),
    joinedAt: new Date(Number(fields.joinedAt)),
    admittedUntil: timeOf(fields.admittedUntil),
    holdId: fields.holdId === undefined ? null : Number(fields.holdId),
  };
}
