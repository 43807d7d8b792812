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
 *
 * Sales are counted at a slower pace. Counting an on-sale arena's sold
 * tickets reads some 40,000 buffers, and sales name the event in every batch,
 * hundreds of times a sale. So a process counts an event's sales at most once
 * per `salesIntervalMs`: when a batch names an event whose sales it counted
 * more recently, and whose document but its sales is still the one it wrote
 * then (read again each batch, without counting a ticket), nothing search
 * shows but the sales can have changed, and the document is left as it is;
 * one of its messages stays pending, so that the first batch after the
 * interval counts them (the loop's next poll, or the next batch: with polls
 * off, that waits for the next change or tick). Any other change of the
 * event is indexed at once, with its sales counted. So a sale shows in
 * search within `salesIntervalMs` and a poll, and nothing is lost in a
 * crash: the pending message is in the outbox. (Processes remember their
 * own counts: with P processes taking turns, an event's sales may be counted
 * P times per interval.)
 */
import { createHash } from 'node:crypto';

import { LRUCache } from 'lru-cache';

import type { Clock } from '../clock.js';
import type { Sql } from '../db/client.js';
import type { Logger } from '../logger.js';
import { type Consumer, CONSUMER_BATCH_SIZE, createConsumer } from '../outbox/consumer.js';
import { type CatalogPart, INDEXED_TEXT, type IndexedText, loadCatalogParts, loadSales, withSales } from './documents.js';
import type { SearchIndex } from './search-index.js';
import { tryLockEvents } from './store/outbox.js';

/** The search index's name among the outbox's consumers (migration 0010 registers it). */
export const SEARCH_CONSUMER = 'search';
export const SEARCH_TOPICS = ['event.changed'] as const;
export const INDEX_BATCH_SIZE = CONSUMER_BATCH_SIZE;
/** How often, at most, a process counts an event's sales while nothing else of its document changes. */
export const SALES_INTERVAL_MS = 5_000;
/** Events whose last count a process remembers: the busy ones (forgetting one only counts it sooner). */
const COUNTED_EVENTS = 1_000;

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
  /** An event's sales are counted at most this often while nothing else of its document changes (see above); 0: every batch. Default SALES_INTERVAL_MS. */
  salesIntervalMs?: number;
}

/** The search consumer: drainOnce() takes in one batch, drain() all that waits; each resolves to the messages handled. */
export type Indexer = Consumer;

export function createIndexer(options: IndexerOptions): Indexer {
  const { sql, index, clock, logger, batchSize = INDEX_BATCH_SIZE, onIndexed, unsafeDisableLocks = false, textLimits = INDEXED_TEXT } = options;
  const { salesIntervalMs = SALES_INTERVAL_MS } = options;
  /** When this process last counted each event's sales, and a digest of the rest of the document it wrote then. */
  const counted = new LRUCache<number, { at: number; digest: string }>({ max: COUNTED_EVENTS });
  const digest = (part: CatalogPart) => createHash('sha1').update(JSON.stringify(part)).digest('base64');
  const salesMayWait = (part: CatalogPart, now: Date) => {
    const last = counted.get(part.eventId);
    return last !== undefined && now.getTime() - last.at < salesIntervalMs && last.digest === digest(part);
  };

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
      const parts = await loadCatalogParts(tx, eventIds, textLimits);
      let waiting = parts.filter((part) => salesMayWait(part, now));
      // Each waiting event keeps a message pending: never so many that they fill the batches and hold other changes up.
      if (waiting.length > batchSize / 2) waiting = [];
      const due = parts.filter((part) => !waiting.includes(part));
      const sales = await loadSales(
        tx,
        due.map((part) => part.eventId),
        now,
      );
      if (due.length > 0) await index.upsert(due.map((part) => withSales(part, sales.get(part.eventId))));
      const listed = new Set(parts.map((part) => part.eventId));
      await index.remove(eventIds.filter((id) => !listed.has(id)));
      for (const part of due) counted.set(part.eventId, { at: now.getTime(), digest: digest(part) });
      // The last message of each waiting event stays pending, for the first batch after its interval to count its sales.
      const kept = new Set(waiting.map((part) => messages.findLast((message) => message.payload.eventId === part.eventId)!.id));
      const mine = new Set(eventIds);
      return messages.filter((message) => mine.has(message.payload.eventId) && !kept.has(message.id)).map((message) => message.id);
    },
  });
}
