/**
 * The outbox: a message is written with its fact or not at all; each consumer
 * sees every message of its topics once, in order, and resumes after a crash
 * where it was; a message whose transaction commits after a later one's is
 * still delivered; messages go once every consumer of their topic has them.
 * (Search is a consumer too: test/search/sync.test.ts and poison.test.ts.)
 */
import { pino } from 'pino';
import postgres from 'postgres';
import { beforeEach, describe, expect, it } from 'vitest';

import { type Consumer, createConsumer } from '../src/outbox/consumer.js';
import { write } from '../src/outbox/store.js';
import type { Message, Topic } from '../src/outbox/topics.js';
import { ANCHOR } from './support/catalog.js';
import { useTestDatabase } from './support/fixture.js';

const silent = pino({ level: 'silent' });
const clock = () => ANCHOR;

const confirmed = (bookingId: number): Message => ({
  topic: 'booking.confirmed',
  payload: { bookingId, holdId: bookingId, eventId: 1, userId: 7, total: 9_900, currency: 'USD', ticketIds: [bookingId * 10] },
});
const cancelled = (bookingId: number): Message => ({
  topic: 'booking.cancelled',
  payload: { bookingId, eventId: 1, userId: 7, refund: 'REFUNDED', ticketIds: [bookingId * 10] },
});

describe('the outbox', () => {
  const { database } = useTestDatabase();
  /** What each test consumer has handled, in the order it did. */
  let seen: Record<string, string[]>;

  /** A consumer that records the booking of each message it handles, then runs `handle`. */
  function consumer(name: string, topics: Topic[], sql = database.sql, handle?: () => Promise<void>): Consumer {
    return createConsumer({
      name,
      topics,
      sql,
      clock,
      logger: silent,
      batchSize: 2,
      async handle(_tx, messages) {
        for (const { topic, payload } of messages) (seen[name] ??= []).push(`${topic} ${(payload as { bookingId: number }).bookingId}`);
        await handle?.();
      },
    });
  }
  const messages = async () => (await database.sql<{ topic: string }[]>`SELECT topic FROM outbox ORDER BY id`).map((row) => row.topic);

  beforeEach(async () => {
    seen = {};
    await database.sql`TRUNCATE outbox, outbox_deliveries`;
    await database.sql`DELETE FROM outbox_consumers WHERE name <> 'search'`;
  });

  it('takes a message with its transaction: none when it rolls back, one when it commits, also as part of a statement', async () => {
    const { sql } = database;
    await expect(
      sql.begin(async (tx) => {
        await write(tx, confirmed(1), ANCHOR);
        throw new Error('the sale failed');
      }),
    ).rejects.toThrow('the sale failed');
    expect(await messages()).toEqual([]);

    await sql.begin(async (tx) => {
      await write(tx, confirmed(2), ANCHOR);
      await tx`WITH sold AS (SELECT 1) ${write(tx, cancelled(2), ANCHOR)}`;
    });
    const rows = await sql`SELECT topic, payload, created_at AS "createdAt" FROM outbox ORDER BY id`;
    expect(rows).toEqual([
      { ...confirmed(2), createdAt: ANCHOR },
      { ...cancelled(2), createdAt: ANCHOR },
    ]);
  });

  it('prunes what it has handled as a long drain goes, not only at its end', async () => {
    for (let booking = 1; booking <= 6; booking++) await write(database.sql, confirmed(booking), ANCHOR);
    const left: number[] = [];
    // Messages in the outbox as each batch of two is handled: those of the batches before are gone already.
    const mail = consumer('mail', ['booking.confirmed'], database.sql, async () => {
      left.push((await messages()).length);
    });
    expect(await mail.drain()).toBe(6);
    expect(left).toEqual([6, 4, 2]);
    expect(await messages()).toEqual([]);
  });

  it('gives each consumer every message of its topics once, in order, and a consumer killed mid-batch resumes where it was', async () => {
    const mail = consumer('mail', ['booking.confirmed', 'booking.cancelled']);
    const refunds = consumer('refunds', ['booking.cancelled']);
    await Promise.all([mail.drain(), refunds.drain()]); // registered: from now on, their messages are kept for them
    for (const bookingId of [1, 2, 3]) await database.sql.begin((tx) => write(tx, confirmed(bookingId), ANCHOR));
    for (const bookingId of [2, 3]) await database.sql.begin((tx) => write(tx, cancelled(bookingId), ANCHOR));

    // The mail consumer's first batch is taken, then its process dies before it commits.
    const doomed = postgres(database.url, { max: 1, onnotice: () => {}, connection: { application_name: 'consumer-to-kill' } });
    let reachedMidBatch!: () => void;
    const midBatch = new Promise<void>((resolve) => (reachedMidBatch = resolve));
    void consumer('mail', ['booking.confirmed', 'booking.cancelled'], doomed, async () => {
      reachedMidBatch();
      await new Promise(() => {});
    })
      .drain()
      .catch(() => {});
    await midBatch;
    await database.sql`SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE application_name = 'consumer-to-kill'`;
    await doomed.end({ timeout: 0 });
    expect(seen.mail).toEqual(['booking.confirmed 1', 'booking.confirmed 2']); // handled, never recorded

    seen = {};
    expect(await mail.drain()).toBe(5);
    expect(await refunds.drain()).toBe(2);
    expect(seen).toEqual({
      mail: ['booking.confirmed 1', 'booking.confirmed 2', 'booking.confirmed 3', 'booking.cancelled 2', 'booking.cancelled 3'],
      refunds: ['booking.cancelled 2', 'booking.cancelled 3'],
    });
    expect(await mail.drain()).toBe(0);
    expect(await refunds.drain()).toBe(0);
  });

  it('delivers a message whose transaction began first and committed last, which a consumer reading on from its last id would skip', async () => {
    const mail = consumer('mail', ['booking.confirmed']);
    await mail.drain();
    const slow = await database.sql.reserve();
    try {
      await slow`BEGIN`;
      await write(slow, confirmed(1), ANCHOR); // takes the lower id, and stays uncommitted
      await database.sql.begin((tx) => write(tx, confirmed(2), ANCHOR));
      expect(await mail.drain()).toBe(1);
      await slow`COMMIT`;
    } finally {
      slow.release();
    }
    expect(await mail.drain()).toBe(1);
    expect(seen.mail).toEqual(['booking.confirmed 2', 'booking.confirmed 1']);
  });

  it('deletes a message once every consumer of its topic has handled it, and one of a topic nobody reads at once', async () => {
    const mail = consumer('mail', ['booking.confirmed', 'booking.cancelled']);
    const refunds = consumer('refunds', ['booking.cancelled']);
    await Promise.all([mail.drain(), refunds.drain()]);
    await database.sql.begin(async (tx) => {
      await write(tx, confirmed(1), ANCHOR);
      await write(tx, cancelled(1), ANCHOR);
    });
    await mail.drain();
    expect(await messages()).toEqual(['booking.cancelled']); // the refunds consumer has not had it yet
    await refunds.drain();
    expect(await messages()).toEqual([]);
    expect(await database.sql`SELECT 1 FROM outbox_deliveries`).toHaveLength(0);

    await database.sql`DELETE FROM outbox_consumers WHERE name IN ('mail', 'refunds')`; // retired for good
    await database.sql.begin((tx) => write(tx, cancelled(2), ANCHOR));
    await consumer('search-only', ['event.changed']).drain();
    expect(await messages()).toEqual([]);
  });
});
