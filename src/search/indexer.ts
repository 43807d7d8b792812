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
 *
 * One document the index will not take must not hold up the others (a poison
 * message: one 980 KB description once failed every retry, and no event was
 * indexed after it). A batch that fails is tried again at half its size, and
 * so on down to the change of one event; when that fails on its own, its
 * changes are set aside (`search_outbox.attempts`, `retry_at`, `last_error`)
 * and logged, and the rest go on. A set-aside change is tried again after a
 * minute, then after twice as long each time up to an hour, and logged as an
 * error from its fifth failure; editing the event queues a fresh change. After
 * a success the batch grows back. Documents are also cut to INDEXED_TEXT
 * (documents.ts), so what the database holds cannot make one too big.
 */
import type { TransactionSql } from 'postgres';
import type { Clock } from '../clock.js';
import { isDatabaseUnavailable } from '../db/availability.js';
import type { Sql } from '../db/client.js';
import type { Logger } from '../logger.js';
import { INDEXED_TEXT, loadDocuments, type IndexedText } from './documents.js';
import type { SearchIndex } from './search-index.js';
import { deleteOutboxRows, setOutboxRowsAside, takeOutboxRows, tryLockEvents } from './store/outbox.js';

export const INDEX_BATCH_SIZE = 500;
const FIRST_RETRY_MS = 200;
const MAX_RETRY_MS = 30_000;
const MAX_DATABASE_RETRY_MS = 5_000;
/** A change set aside is tried again after a minute, then twice as long each time, up to an hour. */
const FIRST_SET_ASIDE_MS = 60_000;
const MAX_SET_ASIDE_MS = 3_600_000;
/** From this many failures on its own, a change's failures are logged as errors: someone should look. */
const FAILURES_WORTH_AN_ERROR = 5;

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
  /** Test-only: how much text documents take (default INDEXED_TEXT); more makes a document the index refuses. */
  textLimits?: IndexedText;
}

export interface Indexer {
  /** Takes in one batch now; resolves to the outbox rows it consumed (0: nothing was waiting, or another indexer has it). */
  drainOnce(): Promise<number>;
  /** Takes in batches until the outbox is empty (for this indexer); resolves to the rows consumed. */
  drain(): Promise<number>;
}

export function createIndexer(options: IndexerOptions): Indexer {
  const { sql, index, clock, logger, batchSize = INDEX_BATCH_SIZE, onIndexed, unsafeDisableLocks = false, textLimits = INDEXED_TEXT } = options;
  /** Rows the next batch takes: batchSize, less after failures (see isolate). */
  let size = batchSize;

  async function drainOnce(): Promise<number> {
    const now = clock();
    /** What the batch took, known to the catch below even when its transaction failed. */
    const taken = { rows: 0, eventIds: [] as number[] };
    let consumed: number;
    try {
      consumed = await sql.begin(async (tx) => {
        const rows = await takeOutboxRows(tx, now, size, !unsafeDisableLocks);
        if (rows.length === 0) return 0;
        const eventIds = await lockEvents(tx, [...new Set(rows.map((row) => row.eventId))]);
        if (eventIds.length === 0) return 0;
        taken.rows = rows.length;
        taken.eventIds = eventIds;
        const documents = await loadDocuments(tx, eventIds, now, textLimits);
        const indexed = new Set(documents.map((d) => d.eventId));
        await index.upsert(documents);
        await index.remove(eventIds.filter((id) => !indexed.has(id)));
        const mine = new Set(eventIds);
        const done = rows.filter((row) => mine.has(row.eventId)).map((row) => row.id);
        await deleteOutboxRows(tx, done);
        return done.length;
      });
    } catch (error) {
      // An unreachable database says nothing about the documents: the loop waits it out.
      if (taken.eventIds.length > 0 && !isDatabaseUnavailable(error)) await isolate(taken, error, now);
      throw error;
    }
    size = Math.min(batchSize, size * 2);
    if (consumed > 0) await onIndexed?.();
    return consumed;
  }

  /**
   * After a failed batch: the next one is half as big, so that a document the
   * index refuses ends up alone; when it is alone, its event's changes waiting
   * now are set aside with backoff, and the batches after it go on without it.
   * (An outage of the backend shrinks the batches too, and may set aside an
   * event or two that had nothing wrong: they are only retried later.)
   */
  async function isolate(taken: { rows: number; eventIds: number[] }, error: unknown, now: Date) {
    if (taken.eventIds.length > 1) {
      size = Math.max(1, Math.floor(Math.min(size, taken.rows) / 2));
      return;
    }
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 1_000);
    const setAside = await setOutboxRowsAside(sql, taken.eventIds[0]!, now, reason, { firstMs: FIRST_SET_ASIDE_MS, maxMs: MAX_SET_ASIDE_MS });
    const attempts = Math.max(0, ...setAside.map((row) => row.attempts));
    const fields = { err: error, eventId: taken.eventIds[0], changes: setAside.length, attempts };
    const message = "an event's search document could not be indexed; its changes are set aside and retried later, the others go on";
    if (attempts >= FAILURES_WORTH_AN_ERROR) logger.error(fields, message);
    else logger.warn(fields, message);
  }

  /** The events no other indexer is writing now, locked until this transaction ends. */
  async function lockEvents(tx: TransactionSql, eventIds: number[]): Promise<number[]> {
    if (unsafeDisableLocks) return eventIds;
    return tryLockEvents(tx, eventIds);
  }

  return {
    drainOnce,
    async drain() {
      let total = 0;
      for (let consumed; (consumed = await drainOnce()) > 0;) total += consumed;
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
