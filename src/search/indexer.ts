/**
 * Drains the search outbox into a SearchIndex, oldest changes first, in
 * batches. A batch is one transaction: it locks its outbox rows (SKIP LOCKED,
 * so several indexers take different rows), locks each event it rebuilds (so
 * two indexers never write one event's document out of order: the later one
 * skips it and leaves its rows for a later batch), reads the events as they
 * are now, writes their documents, and deletes the rows only then. A crash or
 * a failing backend rolls the deletes back, and the rows are done again; that
 * is safe because writing an event's current document is idempotent. So
 * nothing is lost, and the index converges on the catalog.
 */
import type { TransactionSql } from 'postgres';
import type { Clock } from '../clock.js';
import { SEARCH_EVENT_LOCKS } from '../db/advisory-locks.js';
import { isDatabaseUnavailable } from '../db/availability.js';
import type { Sql } from '../db/client.js';
import type { Logger } from '../logger.js';
import { loadDocuments } from './documents.js';
import type { SearchIndex } from './search-index.js';

export const INDEX_BATCH_SIZE = 500;
const FIRST_RETRY_MS = 200;
const MAX_RETRY_MS = 30_000;
const MAX_DATABASE_RETRY_MS = 5_000;

export interface IndexerOptions {
  sql: Sql;
  index: SearchIndex;
  clock: Clock;
  logger: Logger;
  batchSize?: number;
  /** Called after every batch that changed the index (the cache bumps its version). */
  onIndexed?: () => Promise<void>;
  /** Test-only: drop SKIP LOCKED and the per-event locks, to show that the tests catch what they prevent. */
  unsafeDisableLocks?: boolean;
}

export interface Indexer {
  /** Takes in one batch now; resolves to the outbox rows it consumed (0: nothing was waiting, or another indexer has it). */
  drainOnce(): Promise<number>;
  /** Takes in batches until the outbox is empty (for this indexer); resolves to the rows consumed. */
  drain(): Promise<number>;
}

export function createIndexer(options: IndexerOptions): Indexer {
  const { sql, index, clock, logger, batchSize = INDEX_BATCH_SIZE, onIndexed, unsafeDisableLocks = false } = options;

  async function drainOnce(): Promise<number> {
    const consumed = await sql.begin(async (tx) => {
      const rows = await tx<{ id: string; eventId: number }[]>`
        SELECT id, event_id AS "eventId" FROM search_outbox ORDER BY id LIMIT ${batchSize}
        ${unsafeDisableLocks ? tx`` : tx`FOR UPDATE SKIP LOCKED`}`;
      if (rows.length === 0) return 0;
      const eventIds = await lockEvents(tx, [...new Set(rows.map((row) => row.eventId))]);
      if (eventIds.length === 0) return 0;
      const documents = await loadDocuments(tx, eventIds, clock());
      const indexed = new Set(documents.map((d) => d.eventId));
      await index.upsert(documents);
      await index.remove(eventIds.filter((id) => !indexed.has(id)));
      const mine = new Set(eventIds);
      const done = rows.filter((row) => mine.has(row.eventId)).map((row) => row.id);
      await tx`DELETE FROM search_outbox WHERE id = ANY(${done}::bigint[])`;
      return done.length;
    });
    if (consumed > 0) await onIndexed?.();
    return consumed;
  }

  /** The events no other indexer is writing now, locked until this transaction ends. */
  async function lockEvents(tx: TransactionSql, eventIds: number[]): Promise<number[]> {
    if (unsafeDisableLocks) return eventIds;
    const locked = await tx<{ id: number }[]>`
      SELECT id FROM unnest(${eventIds}::integer[]) AS id WHERE pg_try_advisory_xact_lock(${SEARCH_EVENT_LOCKS}::integer, id)`;
    return locked.map((row) => row.id);
  }

  return {
    drainOnce,
    async drain() {
      let total = 0;
      for (let consumed; (consumed = await drainOnce()) > 0; ) total += consumed;
      logger.debug({ total }, 'search outbox drained');
      return total;
    },
  };
}

export interface IndexerLoopOptions {
  indexer: Indexer;
  logger: Logger;
  /** Pause between polls of an empty outbox. */
  intervalMs: number;
  /** How to wait, until `ms` pass or `stopped` aborts; tests pass one that returns at once and records the delays. */
  wait?: (ms: number, stopped: AbortSignal) => Promise<void>;
}

/**
 * Runs an indexer until stopped: drains, then polls every `intervalMs`. When
 * the backend or the database fails, it retries with exponential backoff
 * (with jitter, up to 30 s; up to 5 s for an unreachable database), so an
 * outage is waited out, not hammered.
 */
export function runIndexer({ indexer, logger, intervalMs, wait = sleep }: IndexerLoopOptions): { stop(): Promise<void> } {
  const stopping = new AbortController();
  const loop = (async () => {
    let failures = 0;
    while (!stopping.signal.aborted) {
      try {
        await indexer.drain();
        failures = 0;
        await wait(intervalMs, stopping.signal);
      } catch (error) {
        failures++;
        // An unreachable database is waited out at most 5 s at a time, so indexing resumes soon after it is back;
        // its outage is logged once, where it is watched (src/db/availability.ts).
        const databaseDown = isDatabaseUnavailable(error);
        const delay = retryDelay(failures, databaseDown ? MAX_DATABASE_RETRY_MS : MAX_RETRY_MS);
        if (databaseDown) logger.debug({ err: error, failures, retryInMs: delay }, 'search indexing failed: the database is unavailable');
        else logger.warn({ err: error, failures, retryInMs: delay }, 'search indexing failed; the changes stay in the outbox and are retried');
        await wait(delay, stopping.signal);
      }
    }
  })();
  return {
    async stop() {
      stopping.abort();
      await loop;
    },
  };
}

/** 200 ms, 400 ms, 800 ms, ... up to `max` (30 s), each between half and all of that (jitter spreads out processes that failed together). */
export function retryDelay(failures: number, max = MAX_RETRY_MS): number {
  const ceiling = Math.min(max, FIRST_RETRY_MS * 2 ** (failures - 1));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

function sleep(ms: number, stopped: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      stopped.removeEventListener('abort', wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    stopped.addEventListener('abort', wake);
    if (stopped.aborted) wake();
  });
}
