/**
 * Rebuilds the search index from PostgreSQL while the service runs: writes
 * every public event's document in batches, then removes documents of events
 * that are no longer public, and the typo dictionary's words no document adds
 * any more (the indexer only ever adds words). Searches keep being answered throughout, and the
 * indexer keeps running: each batch holds the same per-event locks it takes,
 * so neither writes an event's document from an older read than the other's.
 */
import type { Clock } from '../clock.js';
import type { Sql } from '../db/client.js';
import { markAllHandled } from '../outbox/store.js';
import { loadDocuments } from './documents.js';
import { SEARCH_CONSUMER, SEARCH_TOPICS } from './indexer.js';
import type { SearchIndex } from './search-index.js';
import { countListedEvents, listedEventIdsAfter, lockEvents, unlistedEventIds } from './store/outbox.js';

const LOCKS_PER_TRANSACTION = 1_000;

export interface RebuildOptions {
  sql: Sql;
  index: SearchIndex;
  clock: Clock;
  batchSize?: number;
  /** Called with the events done so far and the total, after each batch. */
  onProgress?: (done: number, total: number) => void;
}

export async function rebuildIndex({
  sql,
  index,
  clock,
  batchSize = LOCKS_PER_TRANSACTION,
  onProgress,
}: RebuildOptions): Promise<{ documents: number; removed: number; prunedWords: number }> {
  // What is waiting in the outbox was committed before this statement, so the reads below cover it.
  // Changes committed from here on stay in the outbox for the indexer.
  await markAllHandled(sql, SEARCH_CONSUMER, SEARCH_TOPICS, clock());
  const total = await countListedEvents(sql);
  onProgress?.(0, total);
  let documents = 0;
  for (let last = 0; ;) {
    const ids = await listedEventIdsAfter(sql, last, batchSize);
    if (ids.length === 0) break;
    documents += await sql.begin(async (tx) => {
      await lockEvents(tx, ids);
      const batch = await loadDocuments(tx, ids, clock());
      await index.upsert(batch);
      return batch.length;
    });
    last = ids.at(-1)!;
    onProgress?.(Math.min(documents, total), total);
  }
  const removed = await removeUnlisted(sql, index);
  return { documents, removed, prunedWords: (await index.pruneWords?.()) ?? 0 };
}

/** Removes the documents of events that are drafts now or no longer exist. */
async function removeUnlisted(sql: Sql, index: SearchIndex): Promise<number> {
  const candidates = await unlistedEventIds(sql, await index.indexedEventIds());
  let removed = 0;
  // In batches, as a transaction holds only so many locks.
  for (let i = 0; i < candidates.length; i += LOCKS_PER_TRANSACTION) {
    const batch = candidates.slice(i, i + LOCKS_PER_TRANSACTION);
    removed += await sql.begin(async (tx) => {
      // Checked again under the locks: an event published meanwhile is the indexer's to write, not ours to remove.
      await lockEvents(tx, batch);
      const stale = await unlistedEventIds(tx, batch);
      await index.remove(stale);
      return stale.length;
    });
  }
  return removed;
}
