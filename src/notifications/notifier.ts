/**
 * The notifier: the outbox's `mail` consumer (src/outbox/consumer.ts). Each
 * fact a fan should hear of becomes, in the consumer's transaction, one
 * `notifications` row per message with the job that sends it (store.ts's
 * queue): so a message is recorded and queued exactly once, whatever crashes,
 * and sent by the job queue (send.ts) at least once, with retries.
 *
 * Every process polls (they take turns on the consumer's lock); its rounds
 * are a job on the runner, backing off while the database is away.
 */
import type { Clock } from '../clock.js';
import type { Sql } from '../db/client.js';
import { type PollLoop, pollLoop, type PollLoopOptions } from '../jobs/poll-loop.js';
import type { Logger } from '../logger.js';
import { createConsumer } from '../outbox/consumer.js';
import type { StoredMessage } from '../outbox/topics.js';
import { queueBookingMessage, queueEventCancelled, queueEventRescheduled, queueWelcome } from './store.js';

/** The notifier's name among the outbox's consumers (migrations 0014 and 0018 register it, so that nothing it reads is pruned first). */
export const MAIL_CONSUMER = 'mail';
export const MAIL_TOPICS = ['account.created', 'booking.confirmed', 'booking.cancelled', 'event.cancelled', 'event.rescheduled'] as const;
type MailTopic = (typeof MAIL_TOPICS)[number];

export interface NotifierOptions extends Pick<PollLoopOptions<number>, 'signals'> {
  sql: Sql;
  clock: Clock;
  logger: Logger;
  /** Pause between polls of an empty outbox; 0: no polls of its own (tick() still drains). */
  intervalMs: number;
  /**
   * While it answers true, rounds queue nothing: the facts wait in the outbox, for a round after the rush or
   * another process's. (Queueing a message is an insert, a job and a NOTIFY that wakes every worker of the
   * cluster; in an on-sale that is work on the database the buyers are waiting for, for messages that wait anyway.)
   */
  paused?: () => boolean;
}

/** Queues the messages one fact calls for, in the consumer's transaction. */
function queueFor(tx: Parameters<typeof queueWelcome>[0], message: StoredMessage<MailTopic>, now: Date): Promise<number> {
  switch (message.topic) {
    case 'account.created':
      return queueWelcome(tx, message.payload.userId, now);
    case 'booking.confirmed':
      return queueBookingMessage(tx, 'BOOKING_CONFIRMED', message.payload.bookingId, {}, now);
    case 'booking.cancelled': {
      const { bookingId, refund, eventCancelled = false } = message.payload;
      return queueBookingMessage(tx, 'BOOKING_CANCELLED', bookingId, { refund, eventCancelled }, now);
    }
    case 'event.cancelled':
      return queueEventCancelled(tx, message.payload.eventId, now);
    case 'event.rescheduled':
      return queueEventRescheduled(tx, message.payload.eventId, message.payload, now);
  }
}

/** The notifier's rounds: each drains the outbox into queued messages and resolves to the facts it took in. */
export function createNotifier({ sql, clock, logger, intervalMs, paused = () => false, signals }: NotifierOptions): PollLoop<number> {
  const consumer = createConsumer({
    name: MAIL_CONSUMER,
    topics: MAIL_TOPICS,
    sql,
    clock,
    logger,
    describe: (message) => ({ ...message.payload }),
    async handle(tx, messages, now) {
      for (const message of messages) await queueFor(tx, message, now);
    },
  });
  return pollLoop({
    job: 'notifier',
    logger,
    round: async () => (paused() ? 0 : consumer.drain()),
    intervalMs,
    backoff: { firstMs: 200, maxMs: 30_000, databaseMaxMs: 5_000 },
    jitter: true,
    startAtOnce: true,
    failure: { level: 'warn', message: 'notifications could not be queued; the facts stay in the outbox and are retried' },
    signals,
  });
}
