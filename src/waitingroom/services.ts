/**
 * The waiting rooms of a process, composed: the queue in Redis when there is
 * one (shared by every process), else in PostgreSQL; the rooms, with the gate
 * booking asks; this process's feeds of passes; and the admitter (one process
 * of the cluster lets fans in). server.ts adds the two jobs to its lifecycle.
 */
import type { Redis } from 'ioredis';

import { endedHoldIds } from '../booking/store/holds.js';
import type { Clock } from '../clock.js';
import type { Sql } from '../db/client.js';
import type { Logger } from '../logger.js';
import { createAdmissionTokens } from './admission-token.js';
import { createAdmitter } from './admitter.js';
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
  clock: Clock;
  logger: Logger;
  /** The service's token secret: admission tokens and the pre-queue's order are keyed by keys derived from it. */
  secret: Uint8Array;
  /** How often the admitter lets fans in; 0: not in this process. */
  admitIntervalMs: number;
  /** How often this process pushes passes to their subscribers. */
  updateIntervalMs: number;
  /** The reserveSeats p99 an adaptive room's rate keeps under. */
  targetP99Ms: number;
}

export function createWaitingRoomServices(options: WaitingRoomServicesOptions) {
  const { sql, redis, clock, logger, secret } = options;
  const store = redis ? createRedisQueueStore(redis, `${options.redisKeyPrefix}waiting-room:`) : createPostgresQueueStore(sql);
  const latency = createLatencyWindow({ clock });
  const rooms = createWaitingRooms({ sql, store, tokens: createAdmissionTokens(secret), clock, latency });
  const feeds = createQueueFeeds({ store, settingsOf: rooms.settingsOf, clock, logger, intervalMs: options.updateIntervalMs });
  const admitter = createAdmitter({
    sql,
    store,
    rooms: (now) => enabledRoomsOpenBy(sql, now),
    clock,
    logger,
    secret,
    latency,
    endedHolds: (holdIds, now) => endedHoldIds(sql, holdIds, now),
    intervalMs: options.admitIntervalMs,
    targetP99Ms: options.targetP99Ms,
  });
  return { rooms, feeds, admitter };
}
