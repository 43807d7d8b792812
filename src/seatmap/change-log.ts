/**
 * The seat-map change log: transactions that change tickets, the log they
 * write, and how it is read back.
 *
 * A transaction records its seat-map changes as it goes; at commit they bump
 * each event's seat-map version and go into the log (which keeps the last
 * `keepVersions` versions of each event, for subscribers that come back with
 * the version they had), and once committed they are announced to the live
 * seat maps (live.ts). A seat map read before is brought up to date from the
 * log (seat-map.ts), and so is a live feed that missed a delta (live.ts), as
 * long as the log still reaches back to its version (`logReachesBack`).
 *
 * The version row of an event is locked by every transaction that changes the
 * event's tickets, from the bump until commit, so versions commit in order
 * with no gaps. That lock is the hot spot of an on-sale, so the bump goes out
 * in one round trip with the COMMIT: it is held while PostgreSQL commits, never
 * while this process gets round to sending the COMMIT. BEGIN likewise travels
 * with the transaction's first statement.
 */
import type postgres from 'postgres';

import type { Sql } from '../db/client.js';
import type { ticketStatus } from '../db/schema.js';
import { begin, commit, rollback, writeChanges as writeLog } from './store.js';

/** A connection of the transaction's own, between BEGIN and COMMIT. */
export type Tx = postgres.ReservedSql;

type TicketStatus = (typeof ticketStatus.enumValues)[number];

export interface TicketChange {
  ticketId: number;
  status: TicketStatus;
  price: number;
}

/** What one transaction changed on one event's seat map, and the version it led to. */
export interface SeatMapDelta {
  eventId: number;
  version: number;
  changes: TicketChange[];
}

export interface SeatMapLogOptions {
  sql: Sql;
  /** Versions of each event kept in the log; older ones are deleted as new ones are written. */
  keepVersions: number;
  /** Told of each delta once the transaction that made it has committed, never before. */
  committed(delta: SeatMapDelta): void;
}

export interface SeatMapLog {
  /** Runs `body` in a transaction in which `recordSeatMapChanges` may be called; announces what it recorded after commit. */
  transaction<T>(body: (tx: Tx) => Promise<T>): Promise<T>;
}

/** A change of a ticket of `eventId`. */
export type EventChange = TicketChange & { eventId: number };

/**
 * Whether the changes read from the log for the versions after `after` up to
 * `upTo` (their `versions`) are all of them. The log keeps the last
 * `keepVersions` versions of each event: every version it writes has at least
 * one change, and pruning deletes whole versions, oldest first (see
 * writeChanges); so a version among them with no change is a pruned one, and
 * the log no longer reaches back to `after`: the reader must read the map
 * whole, or tell its watchers to.
 */
export function logReachesBack(versions: Iterable<number>, after: number, upTo: number): boolean {
  return new Set(versions).size === upTo - after;
}

/** The changes recorded so far by each open transaction of a SeatMapLog. */
const openTransactions = new WeakMap<Tx, EventChange[]>();

/** Records seat-map changes of any events in the caller's transaction; they are written at its commit. */
export function recordSeatMapChanges(tx: Tx, changes: readonly EventChange[]): void {
  const recorded = openTransactions.get(tx);
  if (!recorded) throw new Error('recordSeatMapChanges runs only inside SeatMapLog.transaction, which writes the changes at commit');
  recorded.push(...changes);
}

export function createSeatMapLog({ sql, keepVersions, committed }: SeatMapLogOptions): SeatMapLog {
  /**
   * Bumps the version of every event in `changes` and logs the changes
   * (store.ts). The statement is sent at once, so that a COMMIT queued right
   * after it follows it: awaiting the query instead would send it a microtask
   * later, after that COMMIT, outside the transaction.
   */
  function writeChanges(tx: Tx, changes: EventChange[]): Promise<SeatMapDelta[]> {
    const written = writeLog(tx, changes, keepVersions);
    return written.then((versions) =>
      versions.map(({ eventId, version }) => ({
        eventId,
        version: Number(version),
        changes: changes.filter((change) => change.eventId === eventId).map(({ ticketId, status, price }) => ({ ticketId, status, price })),
      })),
    );
  }

  return {
    async transaction(body) {
      const tx = await sql.reserve();
      const changes: EventChange[] = [];
      openTransactions.set(tx, changes);
      const begun = begin(tx);
      try {
        const result = await body(tx);
        await begun;
        // Sent together: if the write fails, PostgreSQL answers the COMMIT with a rollback, and the write's error is thrown.
        const [deltas] = await Promise.all([changes.length > 0 ? writeChanges(tx, changes) : [], commit(tx)]);
        for (const delta of deltas) committed(delta);
        return result;
      } catch (error) {
        await begun.catch(() => {});
        await rollback(tx).catch(() => {});
        throw error;
      } finally {
        tx.release();
      }
    },
  };
}
