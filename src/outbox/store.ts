/**
 * The outbox's statements: writing a message in the transaction of its fact,
 * and what a consumer does (register, take its turn, take what is pending,
 * record what it handled or set aside), and pruning. consumer.ts says when.
 */
import type { PendingQuery, Row, TransactionSql } from 'postgres';

import { outboxConsumerLock } from '../db/advisory-locks.js';
import type { Sql } from '../db/client.js';
import type { Message, StoredMessage, Topic } from './topics.js';

/**
 * Adds `message` to the outbox, in the transaction `tx` is in: awaited, it
 * runs; put in another statement (`WITH ... ${write(tx, message, now)}`), it
 * is that statement's INSERT, so a hot path pays no extra round trip.
 */
export function write(tx: Sql | TransactionSql, message: Message, at: Date): PendingQuery<Row[]> {
  return tx`INSERT INTO outbox (topic, payload, created_at) VALUES (${message.topic}, ${tx.json(message.payload)}, ${at})`;
}

/** Records that `consumer` reads `topics` (from now on, their messages are kept until it has handled them). */
export async function registerConsumer(sql: Sql, consumer: string, topics: readonly Topic[]): Promise<void> {
  await sql`
    INSERT INTO outbox_consumers (name, topics) VALUES (${consumer}, ${[...topics]})
    ON CONFLICT (name) DO UPDATE SET topics = excluded.topics WHERE outbox_consumers.topics IS DISTINCT FROM excluded.topics`;
}

/** Waits for `consumer`'s turn (one batch of a consumer at a time in the cluster), until the transaction ends. */
export async function lockConsumer(tx: TransactionSql, consumer: string): Promise<void> {
  const [classId, objectId] = outboxConsumerLock(consumer);
  await tx`SELECT pg_advisory_xact_lock(${classId}::integer, ${objectId}::integer)`;
}

/** Up to `limit` messages of `topics` that `consumer` has not handled and has not set aside past `now`, oldest first. */
export function pendingMessages<T extends Topic>(
  tx: TransactionSql,
  consumer: string,
  topics: readonly T[],
  now: Date,
  limit: number,
): Promise<StoredMessage<T>[]> {
  return tx<StoredMessage<T>[]>`
    SELECT m.id, m.topic, m.payload, m.created_at AS "createdAt"
    FROM outbox m
    WHERE m.topic = ANY(${[...topics]}::text[])
      AND NOT EXISTS (
        SELECT 1 FROM outbox_deliveries d
        WHERE d.consumer = ${consumer} AND d.message_id = m.id AND (d.handled_at IS NOT NULL OR d.retry_at > ${now}))
    ORDER BY m.id
    LIMIT ${limit}`;
}

/** Records the messages as handled by `consumer` (those still there: without the consumer's turns, another process may have pruned some). */
export async function markHandled(tx: TransactionSql, consumer: string, messageIds: string[], now: Date): Promise<void> {
  await tx`
    INSERT INTO outbox_deliveries (consumer, message_id, handled_at)
    SELECT ${consumer}, id, ${now} FROM outbox WHERE id = ANY(${messageIds}::bigint[])
    ON CONFLICT (consumer, message_id) DO UPDATE SET handled_at = excluded.handled_at, retry_at = NULL`;
}

/** Takes every message of `topics` that `consumer` has not handled as handled (a rebuild of what it feeds reads everything after). */
export async function markAllHandled(sql: Sql, consumer: string, topics: readonly Topic[], now: Date): Promise<void> {
  await sql`
    INSERT INTO outbox_deliveries (consumer, message_id, handled_at)
    SELECT ${consumer}, id, ${now} FROM outbox WHERE topic = ANY(${[...topics]}::text[])
    ON CONFLICT (consumer, message_id) DO UPDATE SET handled_at = excluded.handled_at, retry_at = NULL WHERE outbox_deliveries.handled_at IS NULL`;
}

/**
 * Sets a message aside for `consumer` after it failed on its own: one more
 * attempt, due again after `firstMs` doubled per earlier attempt (up to
 * `maxMs`), with `reason`. Returns the attempts made so far (0 if the message is gone).
 */
export async function setAside(
  sql: Sql,
  consumer: string,
  messageId: string,
  now: Date,
  reason: string,
  backoff: { firstMs: number; maxMs: number },
): Promise<number> {
  const [setAside] = await sql<[{ attempts: number }?]>`
    INSERT INTO outbox_deliveries AS d (consumer, message_id, attempts, retry_at, last_error)
    SELECT ${consumer}, id, 1, ${now}::timestamptz + ${backoff.firstMs}::float8 * interval '1 millisecond', ${reason} FROM outbox WHERE id = ${messageId}
    ON CONFLICT (consumer, message_id) DO UPDATE
    SET attempts = d.attempts + 1,
        retry_at = ${now}::timestamptz + least(${backoff.maxMs}::float8, ${backoff.firstMs}::float8 * 2 ^ least(d.attempts, 20)) * interval '1 millisecond',
        last_error = excluded.last_error
    RETURNING d.attempts`;
  return setAside?.attempts ?? 0;
}

/**
 * Deletes up to `limit` of the oldest messages that every consumer of their
 * topic has handled (with their deliveries); a topic no consumer reads keeps
 * nothing. Returns how many went.
 */
export async function pruneHandled(sql: Sql, limit: number): Promise<number> {
  const { count } = await sql`
    DELETE FROM outbox WHERE id IN (
      SELECT m.id FROM outbox m
      WHERE NOT EXISTS (
        SELECT 1 FROM outbox_consumers c
        WHERE m.topic = ANY(c.topics)
          AND NOT EXISTS (SELECT 1 FROM outbox_deliveries d WHERE d.consumer = c.name AND d.message_id = m.id AND d.handled_at IS NOT NULL))
      ORDER BY m.id
      LIMIT ${limit})`;
  return count;
}

/** How many messages of its topics each consumer has yet to handle (taken and set aside ones included). */
export function pendingCounts(sql: Sql): Promise<{ consumer: string; pending: number }[]> {
  return sql<{ consumer: string; pending: number }[]>`
    SELECT c.name AS consumer, count(m.id)::int AS pending
    FROM outbox_consumers c
      LEFT JOIN outbox m ON m.topic = ANY(c.topics)
        AND NOT EXISTS (SELECT 1 FROM outbox_deliveries d WHERE d.consumer = c.name AND d.message_id = m.id AND d.handled_at IS NOT NULL)
    GROUP BY c.name ORDER BY c.name`;
}
