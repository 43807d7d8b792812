/**
 * A consumer of the outbox: takes the messages of its topics that it has not
 * handled yet, oldest first, in batches. A batch is one transaction: it waits
 * for the consumer's turn (an advisory lock per consumer, so processes take
 * turns and a batch never overtakes an earlier one), reads what is pending,
 * hands it to `handle`, and records what was handled only then. A crash or a
 * failure rolls the record back and the batch is done again, so a consumer
 * sees each message at least once and, once it commits, not again: what
 * `handle` writes in the same transaction happens exactly once.
 *
 * Messages come in id order. Causally related ones keep their order (the
 * writer of the second waited for the first's row locks, so its message got
 * the later id); a message whose transaction began before another's but
 * committed after it comes when it commits, as the ids of concurrent
 * transactions promise no order anyway.
 *
 * One message a consumer cannot handle must not hold up the others (a poison
 * message: one 980 KB description once failed every retry of the search
 * index, and no event was indexed after it). A batch that fails is tried again
 * at half its size, and so on down to one message; when that fails on its
 * own, it is set aside for this consumer (`outbox_deliveries.attempts`,
 * `retry_at`, `last_error`) and logged, and the rest go on. A message set aside
 * is tried again after a minute, then after twice as long each time up to an
 * hour, and logged as an error from its fifth failure. After a success the
 * batch grows back.
 */
import type { TransactionSql } from 'postgres';

import type { Clock } from '../clock.js';
import { isDatabaseUnavailable } from '../db/availability.js';
import type { Sql } from '../db/client.js';
import type { Logger } from '../logger.js';
import { lockConsumer, markHandled, pendingMessages, pruneHandled, registerConsumer, setAside } from './store.js';
import type { StoredMessage, Topic } from './topics.js';

export const CONSUMER_BATCH_SIZE = 500;
/** A message set aside is tried again after a minute, then twice as long each time, up to an hour. */
const FIRST_SET_ASIDE_MS = 60_000;
const MAX_SET_ASIDE_MS = 3_600_000;
/** From this many failures on its own, a message's failures are logged as errors: someone should look. */
const FAILURES_WORTH_AN_ERROR = 5;
/** Messages pruned per statement after a drain. */
const PRUNE_BATCH_SIZE = 1_000;

export interface ConsumerOptions<T extends Topic> {
  /** Names the consumer in the database and in logs; its deliveries are recorded under it. */
  name: string;
  /** The topics it reads. */
  topics: readonly T[];
  sql: Sql;
  clock: Clock;
  logger: Logger;
  batchSize?: number;
  /**
   * Handles a batch inside its transaction; resolves to the ids of the messages it handled (by default all).
   * Those it leaves out stay pending, for a later batch.
   */
  handle(tx: TransactionSql, messages: StoredMessage<T>[], now: Date): Promise<string[] | void>;
  /** Called after every batch that handled messages, once it committed (search's cache bumps its version). */
  onHandled?: () => Promise<void>;
  /** Says what went wrong with a message that failed on its own, for the log. */
  describe?(message: StoredMessage<T>): Record<string, unknown>;
  /** Test-only: no turn-taking between processes, to show that the tests catch what it prevents. */
  unsafeDisableLock?: boolean;
}

export interface Consumer {
  /** Handles one batch now; resolves to the messages it handled (0: nothing was pending). */
  drainOnce(): Promise<number>;
  /** Handles batches until nothing is pending, then prunes what every consumer has handled; resolves to the messages handled. */
  drain(): Promise<number>;
}

export function createConsumer<T extends Topic>(options: ConsumerOptions<T>): Consumer {
  const { name, topics, sql, clock, logger, batchSize = CONSUMER_BATCH_SIZE, handle, onHandled, describe = () => ({}), unsafeDisableLock = false } = options;
  /** Messages the next batch takes: batchSize, less after failures (see isolate). */
  let size = batchSize;
  let registered: Promise<void> | undefined;

  async function drainOnce(): Promise<number> {
    await (registered ??= registerConsumer(sql, name, topics).catch((error: unknown) => {
      registered = undefined;
      throw error;
    }));
    const now = clock();
    /** What the batch took, known to the catch below even when its transaction failed. */
    let taken: StoredMessage<T>[] = [];
    let handled: number;
    try {
      handled = await sql.begin(async (tx) => {
        if (!unsafeDisableLock) await lockConsumer(tx, name);
        taken = await pendingMessages(tx, name, topics, now, size);
        if (taken.length === 0) return 0;
        const ids = (await handle(tx, taken, now)) ?? taken.map((message) => message.id);
        if (ids.length > 0) await markHandled(tx, name, ids, now);
        return ids.length;
      });
    } catch (error) {
      // An unreachable database says nothing about the messages: the job's loop waits it out.
      if (taken.length > 0 && !isDatabaseUnavailable(error)) await isolate(taken, error, now);
      throw error;
    }
    size = Math.min(batchSize, size * 2);
    if (handled > 0) await onHandled?.();
    return handled;
  }

  /**
   * After a failed batch: the next one is half as big, so that a message that
   * cannot be handled ends up alone; when it is alone, it is set aside with
   * backoff, and the batches after it go on without it. (An outage of what the
   * consumer writes to shrinks the batches too, and may set aside a message or
   * two that had nothing wrong: they are only retried later.)
   */
  async function isolate(taken: StoredMessage<T>[], error: unknown, now: Date): Promise<void> {
    if (taken.length > 1) {
      size = Math.max(1, Math.floor(Math.min(size, taken.length) / 2));
      return;
    }
    const [message] = taken as [StoredMessage<T>];
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 1_000);
    const attempts = await setAside(sql, name, message.id, now, reason, { firstMs: FIRST_SET_ASIDE_MS, maxMs: MAX_SET_ASIDE_MS });
    const fields = { err: error, consumer: name, messageId: message.id, topic: message.topic, ...describe(message), attempts };
    const text = 'a message could not be handled; it is set aside and retried later, the others go on';
    if (attempts >= FAILURES_WORTH_AN_ERROR) logger.error(fields, text);
    else logger.warn(fields, text);
  }

  return {
    drainOnce,
    async drain() {
      let total = 0;
      for (let handled; (handled = await drainOnce()) > 0;) {
        total += handled;
        // Pruned as the drain goes, not only at its end: each batch's read passes over what is handled and not pruned yet,
        // and a long drain (the sales, or the refunds of a cancelled event, thousands a second) slowed down with all it had
        // handled until its reads ran into the statement timeout. (Safe while batches take turns: no other batch of this
        // consumer is marking what is pruned. Without turns, a test's negative control, they would race, so it waits.)
        if (!unsafeDisableLock) await pruneHandled(sql, PRUNE_BATCH_SIZE);
      }
      while ((await pruneHandled(sql, PRUNE_BATCH_SIZE)) === PRUNE_BATCH_SIZE);
      logger.debug({ consumer: name, total }, 'outbox drained');
      return total;
    },
  };
}
