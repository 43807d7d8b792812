/**
 * The waiting rooms of a process, composed: the queue in Redis when there is
 * one (shared by every process), else in PostgreSQL; the rooms, with the gate
 * booking asks; this process's feeds of passes; the sharing of its reserve
 * latencies; and the admitter (one process of the cluster lets fans in).
 * server.ts adds the three jobs to its lifecycle.
 */
import { randomUUID } from 'node:crypto';

import type { Redis } from 'ioredis';

import { endedHoldIds } from '../booking/store/holds.js';
import type { Clock } from '../clock.js';
import type { Sql } from '../db/client.js';
import { type JobSignals, pollLoop } from '../jobs/poll-loop.js';
import type { Logger } from '../logger.js';
import type { PubSub } from '../pubsub/pubsub.js';
import { createAdmissionTokens } from './admission-token.js';
import { createAdmitter } from './admitter.js';
import { createClusterLatency } from './cluster-latency.js';
import { createLatencyWindow } from './latency-window.js';
import { createQueueFeeds } from './live.js';
import { createPostgresQueueStore } from './postgres-queue.js';
import { createRedisQueueStore } from './redis-queue.js';
import { enabledRoomsOpenBy } from './store/rooms.js';
import { createWaitingRooms } from './waiting-rooms.js';

export interface WaitingRoomServicesOptions {
  sql: Sql;
  /** Where the queue lives when set; PostgreSQL otherwise. */
  redis?: Redis;
  redisKeyPrefix: string;
  /** Carries the admitter's news that a room moved to every process's feeds. */
  pubsub: PubSub;
  clock: Clock;
  logger: Logger;
  /** The service's token secret: admission tokens and the pre-queue's order are keyed by keys derived from it. */
  secret: Uint8Array;
  /** How often the admitter lets fans in; 0: not in this process. */
  admitIntervalMs: number;
  /** How often this process pushes passes to their subscribers, and shares its reserve latencies. */
  updateIntervalMs: number;
  /** The reserveSeats p99 an adaptive room's rate keeps under. */
  targetP99Ms: number;
  /** Told of the three jobs' failed rounds (the metrics). */
  signals?: JobSignals;
}

/** The pub/sub channel on which the admitter says a room moved (its event id). */
const ROOM_MOVED_CHANNEL = 'waiting-room-moved';

export function createWaitingRoomServices(options: WaitingRoomServicesOptions) {
  const { sql, redis, pubsub, clock, logger, secret, signals } = options;
  const store = redis ? createRedisQueueStore(redis, `${options.redisKeyPrefix}waiting-room:`) : createPostgresQueueStore(sql);
  const latency = createLatencyWindow({ clock });
  const clusterLatency = createClusterLatency({ window: latency, store, clock, processId: randomUUID() });
  const rooms = createWaitingRooms({ sql, store, tokens: createAdmissionTokens(secret), clock, latency });
  const feeds = createQueueFeeds({ store, settingsOf: rooms.settingsOf, clock, logger, intervalMs: options.updateIntervalMs, signals });
  const latencySharing = pollLoop({
    job: 'reserve latency sharing',
    logger,
    round: () => clusterLatency.share(),
    intervalMs: options.updateIntervalMs,
    backoff: { firstMs: 250, maxMs: options.updateIntervalMs },
    signals,
  });
  const admitter = createAdmitter({
    sql,
    store,
    rooms: (now) => enabledRoomsOpenBy(sql, now),
    clock,
    logger,
    secret,
    reserveP99: () => clusterLatency.p99(),
    endedHolds: (holdIds, now) => endedHoldIds(sql, holdIds, now),
    intervalMs: options.admitIntervalMs,
    targetP99Ms: options.targetP99Ms,
    signals,
    onRoomChanged: (eventId) =>
      void pubsub.publish(ROOM_MOVED_CHANNEL, String(eventId)).catch((error: unknown) => {
        logger.warn({ err: error, eventId }, 'could not tell the other processes that a waiting room moved; they push at their next round');
      }),
  });
  return {
    rooms,
    feeds,
    latencySharing,
    admitter,
    /** Has this process's feeds push as soon as any process's admitter moves a room; resolves once subscribed. */
    followAdmitter: () => pubsub.subscribe(ROOM_MOVED_CHANNEL, () => feeds.roomMoved()),
  };
}
