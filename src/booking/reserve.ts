/**
 * Reserving tickets: one transaction per request, all or nothing (DESIGN.md
 * "Booking"). In order: the caller's per-event limit under a per-(event, user)
 * lock, so one user's parallel requests cannot both pass it; a try-lock per
 * ticket, so a ticket another request is reserving fails this one at once
 * instead of queueing; the conditional claim, which treats expired holds as
 * free; the seat-map version and its changes.
 */
import type postgres from 'postgres';
import { canSeeEvent, requireViewer, type Viewer } from '../accounts/policy.js';
import type { EventStatus } from '../catalog/types.js';
import type { Clock } from '../clock.js';
import type { Sql } from '../db/client.js';
import { userError } from '../user-error.js';
import { seatBlocks, type SeatRun } from './best-available.js';
import { recordSeatMapChanges } from './seat-map-log.js';
import { Abort, transaction } from './transaction.js';
import type { Failure, ReserveResult } from './types.js';

type Tx = postgres.TransactionSql;

export const MAX_TICKETS_PER_REQUEST = 10;
/** Blocks a best-available request tries to lock before giving up on this attempt. */
const BLOCKS_PER_ATTEMPT = 8;
/** Best-available attempts when the seats it locked were sold just before. */
const BEST_AVAILABLE_ATTEMPTS = 3;
/** Free general-admission units read per section; enough to skip past the ones others are locking. */
const UNITS_SAMPLE = 200;

/** Exactly one of the two. */
export interface Selection {
  ticketIds?: number[] | null;
  bestAvailable?: BestAvailable | null;
}

export interface BestAvailable {
  quantity: number;
  sectionId?: number | null;
  maxPrice?: number | null;
}

export interface ReservationOptions {
  sql: Sql;
  clock: Clock;
  /**
   * Test-only: skip the ticket try-locks and the claim's availability check, to
   * show that the tests catch a double sale and that the database constraint
   * stops it. Never set it anywhere else.
   */
  unsafeDisableSeatGuard?: boolean;
  /** Test-only: skip the per-(event, user) lock, to show the tests catch write skew on the ticket limit. */
  unsafeDisableLimitLock?: boolean;
}

type Claimed = { holdId: number; ticketId: number; price: number }[];

interface SaleEvent {
  id: number;
  holdTtlSeconds: number;
  ticketLimit: number;
}

export function createReservations(options: ReservationOptions) {
  const { sql, clock } = options;
  const guarded = !options.unsafeDisableSeatGuard;
  const free = (now: Date) =>
    guarded ? sql`(t.status = 'AVAILABLE' OR (t.status = 'HELD' AND t.held_until <= ${now}))` : sql`true`;

  async function findSaleEvent(viewer: Viewer, eventId: number, now: Date): Promise<SaleEvent | Failure> {
    const [event] = await sql<[(SaleEvent & { status: EventStatus; organizerId: number; onSaleAt: Date; startsAt: Date })?]>`
      SELECT id, status, organizer_id AS "organizerId", on_sale_at AS "onSaleAt", starts_at AS "startsAt",
             hold_ttl_seconds AS "holdTtlSeconds", ticket_limit AS "ticketLimit"
      FROM events WHERE id = ${eventId}`;
    if (!event || !canSeeEvent(viewer, event)) {
      return { userErrors: [userError('EVENT_NOT_FOUND', 'No event has this ID.', ['input', 'eventId'])] };
    }
    if (event.status !== 'ON_SALE' || now < event.onSaleAt || now >= event.startsAt) {
      const why = now < event.onSaleAt && event.status === 'ON_SALE' ? `Tickets go on sale at ${event.onSaleAt.toISOString()}.` : 'It is not selling tickets.';
      return { userErrors: [userError('EVENT_NOT_ON_SALE', `This event is not on sale. ${why}`, ['input', 'eventId'])] };
    }
    return event;
  }

  /** Waits for the caller's other reservations for the event, then checks the limit against what they now hold and bought. */
  async function enforceLimit(tx: Tx, event: SaleEvent, userId: number, quantity: number, now: Date): Promise<void> {
    if (!options.unsafeDisableLimitLock) await tx`SELECT pg_advisory_xact_lock(${event.id}, ${userId})`;
    const [{ taken }] = await tx<[{ taken: number }]>`
      SELECT count(*)::int AS taken
      FROM holds h JOIN hold_tickets ht ON ht.hold_id = h.id LEFT JOIN bookings b ON b.hold_id = h.id
      WHERE h.event_id = ${event.id} AND h.user_id = ${userId}
        AND ((h.status = 'ACTIVE' AND h.expires_at > ${now}) OR b.status = 'CONFIRMED')`;
    if (taken + quantity > event.ticketLimit) {
      const message = `You can have at most ${event.ticketLimit} tickets for this event and already hold or bought ${taken}.`;
      throw new Abort({ userErrors: [userError('LIMIT_EXCEEDED', message, ['input'])] });
    }
  }

  /** Try-locks each ticket, in id order; returns those another transaction is working on. */
  async function lockTickets(tx: Tx, ticketIds: readonly number[]): Promise<number[]> {
    if (!guarded) return [];
    const sorted = [...ticketIds].sort((a, b) => a - b);
    const busy = await tx<{ id: string }[]>`SELECT id FROM unnest(${sorted}::bigint[]) AS id WHERE NOT pg_try_advisory_xact_lock(id)`;
    return busy.map((row) => Number(row.id));
  }

  /** Holds the tickets that are free; returns the new hold's id and the tickets it got. */
  async function claim(tx: Tx, event: SaleEvent, userId: number, ticketIds: readonly number[], now: Date): Promise<Claimed> {
    const expiresAt = new Date(now.getTime() + event.holdTtlSeconds * 1000);
    const claimed = await tx<{ holdId: string; ticketId: string; price: number }[]>`
      WITH hold AS (
        INSERT INTO holds (event_id, user_id, expires_at, created_at) VALUES (${event.id}, ${userId}, ${expiresAt}, ${now})
        RETURNING id
      ), claimed AS (
        UPDATE tickets t SET status = 'HELD', hold_id = (SELECT id FROM hold), held_until = ${expiresAt}
        WHERE t.id = ANY(${ticketIds as number[]}::bigint[]) AND t.event_id = ${event.id} AND ${free(now)}
        RETURNING t.id, t.price
      )
      INSERT INTO hold_tickets (hold_id, ticket_id, price, claimed_from, claimed_until)
      SELECT (SELECT id FROM hold), id, price, ${now}::timestamptz, ${expiresAt}::timestamptz FROM claimed
      RETURNING hold_id AS "holdId", ticket_id AS "ticketId", price`;
    return claimed.map((row) => ({ holdId: Number(row.holdId), ticketId: Number(row.ticketId), price: row.price }));
  }

  /** Why `ticketIds` could not all be had: some are not this event's, or they are taken. */
  async function explainShortfall(tx: Tx, eventId: number, ticketIds: readonly number[]): Promise<Abort> {
    const ofEvent = new Set(
      (await tx<{ id: string }[]>`SELECT id FROM tickets WHERE id = ANY(${ticketIds as number[]}::bigint[]) AND event_id = ${eventId}`).map((r) => Number(r.id)),
    );
    if (ofEvent.size < ticketIds.length) {
      const strangers = ticketIds.filter((id) => !ofEvent.has(id));
      return new Abort({
        userErrors: [userError('INVALID_SELECTION', `${strangers.length} of the chosen tickets are not tickets of this event.`, ['input', 'ticketIds'])],
      });
    }
    return new Abort({
      userErrors: [userError('SEATS_UNAVAILABLE', `${ticketIds.length === 1 ? 'This ticket is' : `${ticketIds.length} of the chosen tickets are`} no longer available.`, ['input', 'ticketIds'])],
      unavailableTicketIds: [...ticketIds],
    });
  }

  /** The hold is made: record it on the seat map. */
  async function held(tx: Tx, eventId: number, claimed: Claimed): Promise<{ holdId: number }> {
    await recordSeatMapChanges(tx, eventId, claimed.map((c) => ({ ticketId: c.ticketId, status: 'HELD', price: c.price })));
    return { holdId: claimed[0]!.holdId };
  }

  async function reserveChosen(event: SaleEvent, userId: number, ticketIds: number[], now: Date): Promise<ReserveResult> {
    return transaction(sql, async (tx) => {
      await enforceLimit(tx, event, userId, ticketIds.length, now);
      const busy = await lockTickets(tx, ticketIds);
      if (busy.length > 0) throw await explainShortfall(tx, event.id, busy);
      const claimed = await claim(tx, event, userId, ticketIds, now);
      if (claimed.length < ticketIds.length) {
        const got = new Set(claimed.map((c) => c.ticketId));
        throw await explainShortfall(tx, event.id, ticketIds.filter((id) => !got.has(id)));
      }
      return held(tx, event.id, claimed);
    });
  }

  /** The event's sections a best-available request may use, cheapest first. */
  async function eligibleSections(tx: Tx, eventId: number, request: BestAvailable) {
    const sections = await tx<{ sectionId: number; kind: string; price: number }[]>`
      SELECT es.section_id AS "sectionId", s.kind, es.price
      FROM event_sections es JOIN sections s ON s.id = es.section_id
      WHERE es.event_id = ${eventId} ${request.sectionId ? tx`AND es.section_id = ${request.sectionId}` : tx``}
      ORDER BY es.price, es.section_id`;
    if (request.sectionId && sections.length === 0) {
      throw new Abort({ userErrors: [userError('INVALID_SELECTION', 'This section is not sold for this event.', ['input', 'bestAvailable', 'sectionId'])] });
    }
    return sections.filter((section) => request.maxPrice == null || section.price <= request.maxPrice);
  }

  /** A section's free seats in runs of at least `quantity` per row, front first; or a sample of its free units. */
  async function freeRuns(tx: Tx, eventId: number, section: { sectionId: number; kind: string }, quantity: number, now: Date): Promise<SeatRun[]> {
    if (section.kind === 'GENERAL_ADMISSION') {
      const units = await tx<{ id: string }[]>`
        SELECT t.id FROM tickets t WHERE t.event_id = ${eventId} AND t.section_id = ${section.sectionId} AND ${free(now)}
        ORDER BY t.ga_number LIMIT ${UNITS_SAMPLE}`;
      return [{ ticketIds: units.map((unit) => Number(unit.id)), unassigned: true }];
    }
    const runs = await tx<{ ticketIds: string[] }[]>`
      SELECT array_agg(id ORDER BY number) AS "ticketIds"
      FROM (
        SELECT t.id, seat.row_label, seat.number,
               seat.number - row_number() OVER (PARTITION BY seat.row_label ORDER BY seat.number) AS island
        FROM tickets t JOIN seats seat ON seat.id = t.seat_id
        WHERE t.event_id = ${eventId} AND t.section_id = ${section.sectionId} AND ${free(now)}
      ) free_seats
      GROUP BY row_label, island
      HAVING count(*) >= ${quantity}
      ORDER BY min(id)`;
    return runs.map((run) => ({ ticketIds: run.ticketIds.map(Number), unassigned: false }));
  }

  /**
   * Section by section, cheapest first, takes the first block it can lock that
   * strands no seat; only when no section has one, a block that does.
   */
  async function reserveBest(event: SaleEvent, userId: number, request: BestAvailable, now: Date) {
    return transaction(sql, async (tx) => {
      await enforceLimit(tx, event, userId, request.quantity, now);
      let lockAttempts = 0;
      const takeFirst = async (blocks: number[][]) => {
        for (const block of blocks) {
          if (lockAttempts++ === BLOCKS_PER_ATTEMPT) throw noSeats(request);
          if ((await lockTickets(tx, block)).length > 0) continue;
          const claimed = await claim(tx, event, userId, block, now);
          // Sold between our read and our lock: roll back and read again.
          if (claimed.length < block.length) throw new Abort({ userErrors: [], retry: true });
          return held(tx, event.id, claimed);
        }
      };
      const stranding: number[][] = [];
      for (const section of await eligibleSections(tx, event.id, request)) {
        const blocks = seatBlocks(await freeRuns(tx, event.id, section, request.quantity, now), request.quantity, BLOCKS_PER_ATTEMPT);
        const hold = await takeFirst(blocks.clean);
        if (hold) return hold;
        stranding.push(...blocks.stranding);
      }
      const hold = await takeFirst(stranding);
      if (hold) return hold;
      throw noSeats(request);
    });
  }

  return {
    /** Holds tickets for the caller (see the module comment); validates the selection first. */
    async reserveSeats(viewer: Viewer | null, eventId: number, selection: Selection): Promise<ReserveResult> {
      const caller = requireViewer(viewer);
      const { userId } = caller;
      const invalid = checkSelection(selection);
      if (invalid) return invalid;
      const now = clock();
      const event = await findSaleEvent(caller, eventId, now);
      if ('userErrors' in event) return event;
      if (selection.ticketIds) return reserveChosen(event, userId, selection.ticketIds, now);
      for (let attempt = 1; ; attempt++) {
        const result = await reserveBest(event, userId, selection.bestAvailable!, now);
        if (!('retry' in result && result.retry) || attempt === BEST_AVAILABLE_ATTEMPTS) return retryExhausted(result);
      }
    },
  };
}

function noSeats(request: BestAvailable): Abort {
  const where = `${request.sectionId ? ' in this section' : ''}${request.maxPrice != null ? ' at this price' : ''}`;
  const what = request.quantity === 1 ? 'No seat is' : `No ${request.quantity} seats together are`;
  return new Abort({ userErrors: [userError('SEATS_UNAVAILABLE', `${what} available${where} right now.`, ['input', 'bestAvailable'])], unavailableTicketIds: [] });
}

function retryExhausted(result: ReserveResult & { retry?: boolean }): ReserveResult {
  if (!('retry' in result && result.retry)) return result;
  return { userErrors: [userError('SEATS_UNAVAILABLE', 'The seats found were taken at the same moment; try again.', ['input', 'bestAvailable'])], unavailableTicketIds: [] };
}

function checkSelection(selection: Selection): Failure | undefined {
  const invalid = (message: string, field: string[]) => ({ userErrors: [userError('INVALID_SELECTION', message, ['input', ...field])] });
  if (!selection.ticketIds === !selection.bestAvailable) return invalid('Give exactly one of ticketIds and bestAvailable.', []);
  if (selection.ticketIds) {
    const { ticketIds } = selection;
    if (ticketIds.length === 0) return invalid('Choose at least one ticket.', ['ticketIds']);
    if (ticketIds.length > MAX_TICKETS_PER_REQUEST) return invalid(`Choose at most ${MAX_TICKETS_PER_REQUEST} tickets at a time.`, ['ticketIds']);
    if (new Set(ticketIds).size < ticketIds.length) return invalid('A ticket is chosen twice.', ['ticketIds']);
    return undefined;
  }
  const { quantity, maxPrice } = selection.bestAvailable!;
  if (quantity < 1 || quantity > MAX_TICKETS_PER_REQUEST) {
    return invalid(`Ask for 1 to ${MAX_TICKETS_PER_REQUEST} tickets at a time.`, ['bestAvailable', 'quantity']);
  }
  if (maxPrice != null && maxPrice < 0) return invalid('maxPrice cannot be negative.', ['bestAvailable', 'maxPrice']);
  return undefined;
}
