/**
 * The seat maps' SQL: the change log's statements (the transaction around a
 * change, the version bump with its log entries, the reads of the log) and
 * the reads of a map and of its tickets' places. Each function runs on the
 * pool or transaction it is given; change-log.ts, seat-map.ts and
 * layout-cache.ts decide when. Statements that must go out in a given order
 * (BEGIN with the first statement, the bump with COMMIT) are sent the moment
 * their function is called, as change-log.ts relies on.
 *
 * A map's reads keep drizzle, as they are sent today (see ARCHITECTURE.md,
 * "Where SQL lives"): they take the drizzle `Db`, which is all a map's
 * requests have; so does the read of its tickets' places (once per event).
 */
import { sql as drizzleSql } from 'drizzle-orm';

import type { Db, Sql } from '../db/client.js';
import type { EventChange, TicketChange, Tx } from './change-log.js';

// ---- The change log ----

/** Sends BEGIN now, so that it travels with the transaction's first statement. */
export function begin(tx: Tx): Promise<unknown> {
  return tx`BEGIN`.execute();
}

/** Sends COMMIT now, right behind whatever was sent before it (the version bump). */
export function commit(tx: Tx): Promise<unknown> {
  return tx`COMMIT`.execute();
}

/** ROLLBACK, sent when awaited. */
export function rollback(tx: Tx): Promise<unknown> {
  return tx`ROLLBACK`;
}

/**
 * Sent now: bumps the version of every event in `changes` (in event order, so
 * that transactions lock them alike), logs the changes under the new
 * versions, and forgets each event's versions older than the last
 * `keepVersions`, whole versions at a time. Answers each event's new version.
 */
export function writeChanges(tx: Tx, changes: readonly EventChange[], keepVersions: number): Promise<{ eventId: number; version: string }[]> {
  return tx<{ eventId: number; version: string }[]>`
      WITH change AS (
        SELECT * FROM unnest(${changes.map((c) => c.eventId)}::integer[], ${changes.map((c) => c.ticketId)}::bigint[],
                             ${changes.map((c) => c.status)}::text[], ${changes.map((c) => c.price)}::integer[]) AS c (event_id, ticket_id, status, price)
      ), bumped AS (
        INSERT INTO seat_maps (event_id, version) SELECT DISTINCT event_id, 1 FROM change ORDER BY event_id
        ON CONFLICT (event_id) DO UPDATE SET version = seat_maps.version + 1
        RETURNING event_id, version
      ), logged AS (
        INSERT INTO seat_map_changes (event_id, version, ticket_id, status, price)
        SELECT change.event_id, bumped.version, change.ticket_id, change.status::ticket_status, change.price FROM change JOIN bumped USING (event_id)
      ), forgotten AS (
        -- whole versions, oldest first: what logReachesBack relies on
        DELETE FROM seat_map_changes old USING bumped WHERE old.event_id = bumped.event_id AND old.version <= bumped.version - ${keepVersions}
      )
      SELECT event_id AS "eventId", version FROM bumped`.execute();
}

/** An event's current version and its logged changes after a version, in version order, read in one snapshot. */
export interface LogExtract {
  current: number;
  changes: (TicketChange & { version: number })[];
}

/** Where a live feed of an event stands: its seat-map version (0 before any change), and why the event was cancelled (null while it is not). */
export interface FeedState {
  version: number;
  cancelledBecause: string | null;
}

/** The feed state of each event. */
export async function feedStatesOf(sql: Sql, eventIds: number[]): Promise<Map<number, FeedState>> {
  const rows = await sql<{ eventId: number; version: string; cancelledBecause: string | null }[]>`
    SELECT e.id AS "eventId", coalesce(m.version, 0) AS version, c.reason AS "cancelledBecause"
    FROM unnest(${eventIds}::integer[]) AS e (id)
    LEFT JOIN seat_maps m ON m.event_id = e.id LEFT JOIN event_cancellations c ON c.event_id = e.id`;
  return new Map(rows.map((row) => [row.eventId, { version: Number(row.version), cancelledBecause: row.cancelledBecause }]));
}

/** The event's current version and its logged changes after `after`, in version order, read in one snapshot. */
export async function readLog(sql: Sql, eventId: number, after: number): Promise<LogExtract> {
  const rows = await sql<{ current: string; version: string | null; ticketId: string; status: TicketChange['status']; price: number }[]>`
    WITH map AS (SELECT coalesce((SELECT version FROM seat_maps WHERE event_id = ${eventId}), 0) AS current)
    SELECT map.current, c.version, c.ticket_id AS "ticketId", c.status, c.price
    FROM map LEFT JOIN seat_map_changes c ON c.event_id = ${eventId} AND c.version > ${after} AND c.version <= map.current
    ORDER BY c.version`;
  return {
    current: Number(rows[0]!.current),
    changes: rows
      .filter((row) => row.version !== null)
      .map((row) => ({ version: Number(row.version), ticketId: Number(row.ticketId), status: row.status, price: row.price })),
  };
}

// ---- A map's reads: drizzle, as sent today ----

/** The lapsed holds' tickets, and when the next live hold lapses (ticket_lapsed_at, ticket_held_at: migration 0009), in the statement's snapshot. */
const holdTimes = (eventId: number, now: Date) => drizzleSql`
  (SELECT coalesce(array_agg(id), '{}') FROM tickets WHERE event_id = ${eventId} AND ticket_lapsed_at(status, held_until, ${now.toISOString()}::timestamptz)) AS lapsed,
  (SELECT min(held_until) FROM tickets WHERE event_id = ${eventId} AND ticket_held_at(status, held_until, ${now.toISOString()}::timestamptz)) AS next_expiry`;

export type HoldTimes = {
  /** Tickets stored HELD whose hold has run out at the statement's `now` (ids as text). */
  lapsed: string[];
  /** When the first live hold runs out, as text; null without one. */
  next_expiry: string | null;
};

/** The event's version and every section's ticket ids (ascending) and status letters (A, H, S) as stored, with the hold times at `now`, in one statement. */
export async function readMap(
  db: Db,
  eventId: number,
  now: Date,
): Promise<HoldTimes & { version: string; sections: [sectionId: number, ids: number[], letters: string][] }> {
  const [row] = await db.execute<HoldTimes & { version: string; sections: [sectionId: number, ids: number[], letters: string][] }>(drizzleSql`
    SELECT coalesce((SELECT version FROM seat_maps WHERE event_id = ${eventId}), 0) AS version, ${holdTimes(eventId, now)},
           (SELECT coalesce(json_agg(json_build_array(section_id, ids, letters)), '[]') FROM (
              SELECT section_id, array_agg(id ORDER BY id) AS ids, string_agg(left(status::text, 1), '' ORDER BY id) AS letters
              FROM tickets WHERE event_id = ${eventId} GROUP BY section_id) section) AS sections`);
  return row!;
}

/** The event's current version and the status letters its log holds after version `after`, in version order, with the hold times at `now`, in one statement. */
export async function readMapChanges(
  db: Db,
  eventId: number,
  after: number,
  now: Date,
): Promise<HoldTimes & { current: string; changes: [version: number, ticketId: number, letter: string][] }> {
  const [row] = await db.execute<HoldTimes & { current: string; changes: [version: number, ticketId: number, letter: string][] }>(drizzleSql`
    WITH map AS (SELECT coalesce((SELECT version FROM seat_maps WHERE event_id = ${eventId}), 0) AS current)
    SELECT current, ${holdTimes(eventId, now)},
           (SELECT coalesce(json_agg(json_build_array(version, ticket_id, left(status::text, 1)) ORDER BY version), '[]')
            FROM seat_map_changes WHERE event_id = ${eventId} AND version > ${after} AND version <= map.current) AS changes
    FROM map`);
  return row!;
}

// ---- Where a map's tickets are ----

/** One section's tickets in id order (the order of its statuses), column by column; rows, x and y are null for general admission. */
export type SectionPlaces = {
  sectionId: number;
  /** Ticket ids, as bigints come: text. */
  ids: string[];
  rows: (string | null)[];
  numbers: number[];
  x: (number | null)[];
  y: (number | null)[];
};

/**
 * The places of every ticket of the event, each section's as columns, in one statement. The columns that may
 * hold nulls come as JSON: postgres.js reads a NULL in an array as the text "NULL".
 */
export function readPlaces(db: Db, eventId: number): Promise<SectionPlaces[]> {
  return db.execute<SectionPlaces>(drizzleSql`
    SELECT t.section_id AS "sectionId", array_agg(t.id ORDER BY t.id) AS ids, json_agg(s.row_label ORDER BY t.id) AS rows,
           array_agg(coalesce(s.number, t.ga_number) ORDER BY t.id) AS numbers, json_agg(s.x ORDER BY t.id) AS x, json_agg(s.y ORDER BY t.id) AS y
    FROM tickets t LEFT JOIN seats s ON s.id = t.seat_id
    WHERE t.event_id = ${eventId}
    GROUP BY t.section_id`);
}
