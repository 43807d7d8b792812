/**
 * The waiting room's queue in PostgreSQL, for a deployment without Redis.
 * Every step that changes the counters is one transaction holding the queue's
 * row lock (store/queue.ts's lockQueue), so two admitters take turns and
 * never let a pass in twice. Joiners of the pre-queue only share-lock it, so
 * they do not wait for one another, only for the numbering, which must see
 * every one of them. A pass's own change (leave, expiry, a hold, finishing)
 * is one UPDATE conditional on its status, which row locks settle.
 */
import type { Sql } from '../db/client.js';
import { numberingOrder } from './numbering.js';
import type { QueuePassRecord, QueueStore, RoomSnapshot } from './queue-store.js';
import { latenciesSince, saveLatencies } from './store/latencies.js';
import {
  admitNext,
  admittedPassesWithHolds,
  attachHoldToPass,
  createQueue,
  expireUnusedPasses,
  finishPass,
  insertPass,
  joinedAtOfNumber,
  leavePass,
  lockQueue,
  numberPasses,
  passById,
  passOfUser,
  queueCounts,
  shareLockQueue,
  unnumberedPasses,
  updateQueue,
} from './store/queue.js';

/** A pass id as PostgreSQL's bigint takes it; anything else names no pass. */
const PASS_ID = /^[1-9]\d{0,17}$/;

/** The queue store over the database `sql`. */
export function createPostgresQueueStore(sql: Sql): QueueStore {
  /** Events whose queue this process has seen numbered, which it stays: their joiners go straight to taking a number. */
  const numberedEvents = new Set<number>();

  /**
   * Joins an unnumbered queue, under a share lock (joiners do not wait for
   * one another, the numbering waits for them all); undefined when the queue
   * turns out numbered: a share lock cannot be raised to a writer's without
   * risking a deadlock with another joiner, so the caller joins as below.
   */
  const joinPreQueue = (eventId: number, userId: number, now: Date) =>
    sql.begin(async (tx): Promise<QueuePassRecord | undefined> => {
      let numbered = await shareLockQueue(tx, eventId);
      if (numbered === undefined) {
        await createQueue(tx, eventId);
        numbered = await shareLockQueue(tx, eventId);
      }
      if (numbered) return undefined;
      return (await insertPass(tx, eventId, userId, now, null)) ?? (await passOfUser(tx, eventId, userId));
    });

  /** Joins a numbered queue with the next number, under the queue's lock. */
  const joinNumbered = (eventId: number, userId: number, now: Date) =>
    sql.begin(async (tx) => {
      const queue = (await lockQueue(tx, eventId))!; // numbered: the row is there
      // No one else joins meanwhile, so a user joining twice at once does not waste a number on a second pass.
      const had = await passOfUser(tx, eventId, userId);
      if (had) return had;
      const number = queue.lastNumber + 1;
      await updateQueue(tx, eventId, { ...queue, lastNumber: number });
      // Joined no earlier than the pass numbered before it: processes' clocks differ by a few ms, numbers do not.
      const before = await joinedAtOfNumber(tx, eventId, queue.lastNumber);
      const joinedAt = before && before > now ? before : now;
      return (await insertPass(tx, eventId, userId, joinedAt, number))!;
    });

  return {
    async join(eventId, userId, now) {
      const had = await passOfUser(sql, eventId, userId);
      if (had) return had;
      if (!numberedEvents.has(eventId)) {
        const joined = await joinPreQueue(eventId, userId, now);
        if (joined) return joined;
        numberedEvents.add(eventId);
      }
      return joinNumbered(eventId, userId, now);
    },

    passOf: (eventId, userId) => passOfUser(sql, eventId, userId),

    pass: async (passId) => (PASS_ID.test(passId) ? passById(sql, passId) : undefined),

    async leave(eventId, userId) {
      return (await leavePass(sql, eventId, userId)) ?? (await passOfUser(sql, eventId, userId));
    },

    async snapshot(eventId, now): Promise<RoomSnapshot> {
      const counts = await queueCounts(sql, eventId, now);
      if (!counts) return { servingNumber: 0, lastNumber: 0, waitingCount: 0, admittedCount: 0, leftAhead: [], admittedLastMinute: 0, numbered: false };
      const { servingNumber, lastNumber, numbered, unnumbered, admittedCount, leftAhead, admittedLastMinute } = counts;
      // Every number above the counter is WAITING or LEFT (admission goes in number order), so no count is needed.
      const waitingCount = lastNumber - servingNumber - leftAhead.length + unnumbered;
      return { servingNumber, lastNumber, waitingCount, admittedCount, leftAhead, admittedLastMinute, numbered };
    },

    async numberPreQueue(eventId, onSaleAt, secret) {
      await createQueue(sql, eventId);
      return sql.begin(async (tx) => {
        const queue = (await lockQueue(tx, eventId))!;
        if (queue.numbered) return 0;
        const order = numberingOrder(await unnumberedPasses(tx, eventId), onSaleAt, secret);
        if (order.length > 0) await numberPasses(tx, order, queue.lastNumber + 1);
        await updateQueue(tx, eventId, { ...queue, lastNumber: queue.lastNumber + order.length, numbered: true });
        return order.length;
      });
    },

    async admit(eventId, count, now, ttlMs) {
      if (count <= 0) return [];
      return sql.begin(async (tx) => {
        const queue = await lockQueue(tx, eventId);
        if (!queue) return [];
        const admitted = await admitNext(tx, eventId, queue.servingNumber, count, now, new Date(now.getTime() + ttlMs));
        if (admitted.length > 0) await updateQueue(tx, eventId, { ...queue, servingNumber: admitted.at(-1)!.number! });
        return admitted;
      });
    },

    expireUnused: (eventId, now) => expireUnusedPasses(sql, eventId, now),

    attachHold: async (passId, holdId) => PASS_ID.test(passId) && attachHoldToPass(sql, passId, holdId),

    async finish(passId) {
      if (PASS_ID.test(passId)) await finishPass(sql, passId);
    },

    admittedWithHolds: (eventId) => admittedPassesWithHolds(sql, eventId),
    shareLatencies: (processId, counts, now) => saveLatencies(sql, processId, counts, now),
    sharedLatencies: (since) => latenciesSince(sql, since),
  };
}
