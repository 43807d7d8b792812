/**
 * Keeps a SearchIndex in step with the catalog: the outbox's `search`
 * consumer (src/outbox/consumer.ts). Triggers add an event.changed message for
 * every change a document shows, whoever makes it; each batch rebuilds the
 * documents of the events its messages name from the catalog as it is now,
 * oldest changes first, and is recorded as handled only once they are written.
 * A crash or a failing backend rolls the record back, and the batch is done
 * again; that is safe because writing an event's current document is
 * idempotent. So nothing is lost, and the index converges on the catalog.
 *
 * Processes take turns (the consumer's lock), and each event a batch rebuilds
 * is locked too, so that a rebuild (rebuild.ts) and an indexer never write one
 * event's document out of order: the indexer leaves that event's messages for
 * a later batch. A document the index will not take is set aside on its own
 * by the consumer, and the other events go on; documents are also cut to
 * INDEXED_TEXT (documents.ts), so what the database holds cannot make one too big.
 */
import type { Clock } from '../clock.js';
import type { Sql } from '../db/client.js';
import type { Logger } from '../logger.js';
import { type Consumer, CONSUMER_BATCH_SIZE, createConsumer } from '../outbox/consumer.js';
import { INDEXED_TEXT, type IndexedText, loadDocuments } from './documents.js';
import type { SearchIndex } from './search-index.js';
import { tryLockEvents } from './store/outbox.js';

/** The search index's name among the outbox's consumers (migration 0010 registers it). */
export const SEARCH_CONSUMER = 'search';
export const SEARCH_TOPICS = ['event.changed'] as const;
export const INDEX_BATCH_SIZE = CONSUMER_BATCH_SIZE;

export interface IndexerOptions {
  sql: Sql;
  index: SearchIndex;
  clock: Clock;
  logger: Logger;
  batchSize?: number;
  /** Called after every batch that changed the index (the cache bumps its version). */
  onIndexed?: () => Promise<void>;
  /** Test-only: drop the consumer's turn-taking and the per-event locks, to show that the tests catch what they prevent. */
  unsafeDisableLocks?: boolean;
  /** Test-only: how much text documents take (default INDEXED_TEXT); more makes a document the index refuses. */
  textLimits?: IndexedText;
}

/** The search consumer: drainOnce() takes in one batch, drain() all that waits; each resolves to the messages handled. */
export type Indexer = Consumer;

export function createIndexer(options: IndexerOptions): Indexer {
  const { sql, index, clock, logger, batchSize = INDEX_BATCH_SIZE, onIndexed, unsafeDisableLocks = false, textLimits = INDEXED_TEXT } = options;
  return createConsumer({
    name: SEARCH_CONSUMER,
    topics: SEARCH_TOPICS,
    sql,
    clock,
    logger,
    batchSize,
    unsafeDisableLock: unsafeDisableLocks,
    onHandled: onIndexed,
    describe: (message) => ({ eventId: message.payload.eventId }),
    async handle(tx, messages, now) {
      const changed = [...new Set(messages.map((message) => message.payload.eventId))];
      const eventIds = unsafeDisableLocks ? changed : await tryLockEvents(tx, changed);
      if (eventIds.length === 0) return [];
      const documents = await loadDocuments(tx, eventIds, now, textLimits);
      const indexed = new Set(documents.map((d) => d.eventId));
      await index.upsert(documents);
      await index.remove(eventIds.filter((id) => !indexed.has(id)));
      const mine = new Set(eventIds);
      return messages.filter((message) => mine.has(message.payload.eventId)).map((message) => message.id);
    },
  });
}
