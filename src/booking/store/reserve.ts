/**
 * The statements of a reservation (reserve.ts says which, in which order and
 * transaction). The hot path of an on-sale: each function sends one statement
 * on the transaction it is given when called, as reserve.ts did when they were
 * written there.
 *
 * The try-lock on a ticket is its ticketLock (db/advisory-locks.ts), whose key
 * is the ticket id itself: the statements take them over arrays of ids,
 * `pg_try_advisory_xact_lock(id)`.
 *
 * `guarded: false` is the test-only switch of ReservationOptions
 * (unsafeDisableSeatGuard): no try-locks and no check that a ticket is free.
 */
import type { EventStatus } from '../../catalog/types.js';
import { saleLimitLock } from '../../db/advisory-locks.js';
import type { Tx } from '../../seatmap/change-log.js';

/**
 * A ticket a reservation at `now` may claim (ticket_claimable_at, migration
 * 0009): free, or held by a hold that has run out; and not before where its
 * last claim ended (held_until, see holds.ts's endHolds), so that a
 * reservation whose clock reads earlier cannot overlap an older claim.
 */
const free = (tx: Tx, now: Date, guarded: boolean) => (guarded ? tx`ticket_claimable_at(t.status, t.held_until, ${now})` : tx`true`);

/** An event as a sale needs it. */
export interface SaleEventRow {
  id: number;
  status: EventStatus;
  organizerId: number;
  onSaleAt: Date;
  startsAt: Date;
  holdTtlSeconds: number;
  ticketLimit: number;
}

export async function saleEvent(tx: Tx, eventId: number): Promise<SaleEventRow | undefined> {
  const [event] = await tx<[SaleEventRow?]>`
        SELECT id, status, organizer_id AS "organizerId", on_sale_at AS "onSaleAt", starts_at AS "startsAt",
               hold_ttl_seconds AS "holdTtlSeconds", ticket_limit AS "ticketLimit"
        FROM events WHERE id = ${eventId}`;
  return event;
}

/** Waits for and takes the user's saleLimitLock on the event, until the transaction ends. */
export async function lockEventForUser(tx: Tx, eventId: number, userId: number): Promise<void> {
  const [key1, key2] = saleLimitLock(eventId, userId);
  await tx`SELECT pg_advisory_xact_lock(${key1}, ${key2})`;
}

/** The user's tickets for the event: under a hold live at `now`, or bought. */
export async function ticketsOfUser(tx: Tx, eventId: number, userId: number, now: Date): Promise<number> {
  const [{ taken }] = await tx<[{ taken: number }]>`
        SELECT count(*)::int AS taken
        FROM holds h JOIN hold_tickets ht ON ht.hold_id = h.id LEFT JOIN bookings b ON b.hold_id = h.id
        WHERE h.event_id = ${eventId} AND h.user_id = ${userId}
          AND (hold_live_at(h.status, h.expires_at, ${now}) OR b.status = 'CONFIRMED')`;
  return taken;
}

/** A claim made: the new hold, one of its tickets, at the price it fixed. */
export type Claimed = { holdId: number; ticketId: number; price: number }[];

/**
 * Holds all of `ticketIds` of the event for the user from `now` until
 * `expiresAt` in one statement, or none: takes a try-lock per chosen ticket
 * (over the chosen ids alone: in the UPDATE's WHERE, the planner could call
 * them on every ticket it scans, and lock other buyers out of seats this one
 * never asked for), and makes the hold only if every one is free and its lock
 * taken. Returns the tickets held (none when any was not to be had; only some,
 * rarely, when one was taken by a transaction that committed meanwhile).
 */
export async function claimTickets(
  tx: Tx,
  claim: { eventId: number; userId: number; ticketIds: readonly number[]; now: Date; expiresAt: Date },
  guarded: boolean,
): Promise<Claimed> {
  const { eventId, userId, ticketIds, now, expiresAt } = claim;
  const claimed = await tx<{ holdId: string; ticketId: string; price: number }[]>`
      WITH chosen AS (
        SELECT id FROM unnest(${ticketIds as number[]}::bigint[]) AS id ${guarded ? tx`WHERE pg_try_advisory_xact_lock(id)` : tx``}
      ), free AS (
        SELECT t.id FROM tickets t WHERE t.id IN (SELECT id FROM chosen) AND t.event_id = ${eventId} AND ${free(tx, now, guarded)}
      ), hold AS (
        INSERT INTO holds (event_id, user_id, expires_at, created_at)
        SELECT ${eventId}, ${userId}, ${expiresAt}, ${now} WHERE (SELECT count(*) FROM free) = ${ticketIds.length}
        RETURNING id
      ), claimed AS (
        UPDATE tickets t SET status = 'HELD', hold_id = hold.id, held_until = ${expiresAt}
        FROM hold WHERE t.id IN (SELECT id FROM free) AND ${free(tx, now, guarded)}
        RETURNING hold.id AS hold_id, t.id, t.price
      )
      INSERT INTO hold_tickets (hold_id, ticket_id, price, claimed_from, claimed_until)
      SELECT hold_id, id, price, ${now}::timestamptz, ${expiresAt}::timestamptz FROM claimed
      RETURNING hold_id AS "holdId", ticket_id AS "ticketId", price`;
  return claimed.map((row) => ({ holdId: Number(row.holdId), ticketId: Number(row.ticketId), price: row.price }));
}

/**
 * Each of `ticketIds`: whether it is the event's (null: no such ticket), and
 * whether it could be claimed at `now` and its try-lock taken right now.
 */
export async function ticketsTakeable(
  tx: Tx,
  eventId: number,
  ticketIds: readonly number[],
  now: Date,
  guarded: boolean,
): Promise<{ id: number; ours: boolean | null; takeable: boolean }[]> {
  const tickets = await tx<{ id: string; ours: boolean | null; takeable: boolean }[]>`
      SELECT chosen.id, t.event_id = ${eventId} AS ours, coalesce(${free(tx, now, guarded)}, false) AND pg_try_advisory_xact_lock(chosen.id) AS takeable
      FROM unnest(${ticketIds as number[]}::bigint[]) AS chosen (id) LEFT JOIN tickets t ON t.id = chosen.id`;
  return tickets.map((ticket) => ({ ...ticket, id: Number(ticket.id) }));
}

/** The event's sections (or only `sectionId`), cheapest first, with their price, kind, and whether any ticket of theirs is free at `now`. */
export function sectionsForSale(
  tx: Tx,
  eventId: number,
  sectionId: number | null | undefined,
  now: Date,
  guarded: boolean,
): Promise<{ sectionId: number; kind: string; price: number; hasFree: boolean }[]> {
  return tx<{ sectionId: number; kind: string; price: number; hasFree: boolean }[]>`
      SELECT es.section_id AS "sectionId", s.kind, es.price,
             EXISTS (SELECT 1 FROM tickets t WHERE t.event_id = es.event_id AND t.section_id = es.section_id AND ${free(tx, now, guarded)}) AS "hasFree"
      FROM event_sections es JOIN sections s ON s.id = es.section_id
      WHERE es.event_id = ${eventId} ${sectionId ? tx`AND es.section_id = ${sectionId}` : tx``}
      ORDER BY es.price, es.section_id`;
}

/** Up to `limit` of a general-admission section's units free at `now`, in unit order. */
export async function freeUnits(tx: Tx, eventId: number, sectionId: number, now: Date, limit: number, guarded: boolean): Promise<number[]> {
  const units = await tx<{ id: string }[]>`
        SELECT t.id FROM tickets t WHERE t.event_id = ${eventId} AND t.section_id = ${sectionId} AND ${free(tx, now, guarded)}
        ORDER BY t.ga_number LIMIT ${limit}`;
  return units.map((unit) => Number(unit.id));
}

/** A reserved section's seats free at `now`, as runs of adjacent seats of one row of at least `quantity`, front first. */
export async function freeSeatRuns(tx: Tx, eventId: number, sectionId: number, quantity: number, now: Date, guarded: boolean): Promise<number[][]> {
  const runs = await tx<{ ticketIds: string[] }[]>`
      SELECT array_agg(id ORDER BY number) AS "ticketIds"
      FROM (
        SELECT t.id, seat.row_label, seat.number,
               seat.number - row_number() OVER (PARTITION BY seat.row_label ORDER BY seat.number) AS island
        -- seat.section_id: lets the planner read the section's seats by index rather than scan every venue's
        FROM tickets t JOIN seats seat ON seat.id = t.seat_id AND seat.section_id = t.section_id
        WHERE t.event_id = ${eventId} AND t.section_id = ${sectionId} AND ${free(tx, now, guarded)}
      ) free_seats
      GROUP BY row_label, island
      HAVING count(*) >= ${quantity}
      ORDER BY min(id)`;
  return runs.map((run) => run.ticketIds.map(Number));
}
