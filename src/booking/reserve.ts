/**
 * Reserving tickets: one transaction per request, all or nothing (DESIGN.md
 * "Booking"). Chosen seats take three round trips: the event and the caller's
 * count of tickets for it, under a per-(event, user) lock so that one user's
 * parallel requests cannot both pass the limit (sent with BEGIN); the claim,
 * which takes a try-lock per ticket, so that a ticket another request is
 * reserving fails this one at once instead of queueing, and treats expired
 * holds as free; the seat-map version and its changes (sent with COMMIT).
 */
import { canSeeEvent, requireViewer, type Viewer } from '../accounts/policy.js';
import type { Clock } from '../clock.js';
import { recordSeatMapChanges, type SeatMapLog, type Tx } from '../seatmap/change-log.js';
import { type UserFailure, userFailure } from '../user-error.js';
import { seatBlocks, type SeatRun, spreadOut } from './best-available.js';
import {
  type Claimed,
  claimTickets,
  freeSeatRuns,
  freeUnits,
  lockEventForUser,
  saleEvent,
  sectionsForSale,
  ticketsOfUser,
  ticketsTakeable,
} from './store/reserve.js';
import { Rollback, transaction } from './transaction.js';
import type { ReserveResult } from './types.js';

export const MAX_TICKETS_PER_REQUEST = 10;
/** Blocks a best-available request tries to claim before giving up on this attempt. */
const BLOCKS_PER_ATTEMPT = 8;
/** Candidate blocks read per section: more than are tried, so that buyers arriving together can spread over them. */
const CANDIDATES_PER_SECTION = 32;
/** Best-available attempts when the seats it locked were sold just before. */
const BEST_AVAILABLE_ATTEMPTS = 3;
/** Free general-admission units read per section; enough to skip past the ones others are locking. */
const UNITS_SAMPLE = 200;

/**
 * Thrown inside a best-available attempt when the seats it read went to
 * others as it tried them: the attempt rolls back, and the next one reads the
 * seats again (up to BEST_AVAILABLE_ATTEMPTS). Internal to reservations.
 */
class SeatsTakenMeanwhile extends Error {
  override name = 'SeatsTakenMeanwhile';
}

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
  clock: Clock;
  /**
   * Test-only: skip the ticket try-locks and the claim's availability check, to
   * show that the tests catch a double sale and that the database constraint
   * stops it. Never set it anywhere else.
   */
  unsafeDisableSeatGuard?: boolean;
  /** Test-only: skip the per-(event, user) lock, to show the tests catch write skew on the ticket limit. */
  unsafeDisableLimitLock?: boolean;
  /** Where reservations record their seat-map changes. */
  seatMapLog: SeatMapLog;
  /**
   * The event's seat map as this process has it in memory while fresh
   * (seatmap's cache), or undefined. Best available then reads only the
   * sections it shows with enough free seats, instead of asking the database
   * which sections have any (see sectionsInMemory). Absent, it always asks.
   */
  seatMapInMemory?: (eventId: number) => SeatMapHint | undefined;
}

/** What best available takes from a seat map in memory: each section's price, kind and free seats. */
export interface SeatMapHint {
  sections: readonly { sectionId: number; price: number; available: number; section: { kind: string } }[];
}

/** A section a best-available request may read, as sectionsForSale lists it. */
interface ForSale {
  sectionId: number;
  kind: string;
  price: number;
}

interface SaleEvent {
  id: number;
  holdTtlSeconds: number;
  ticketLimit: number;
}

export function createReservations(options: ReservationOptions) {
  const { clock, seatMapLog } = options;
  const guarded = !options.unsafeDisableSeatGuard;

  /**
   * Opens a reservation: the event, on sale, and the caller's count of
   * tickets for it under their per-(event, user) lock, in one round trip. The
   * count is a statement of its own after the lock, so it sees whatever the
   * caller's other reservations committed while this one waited.
   */
  async function openSale(tx: Tx, viewer: Viewer, eventId: number, quantity: number, now: Date): Promise<SaleEvent> {
    const { userId } = viewer;
    const [event, , taken] = await Promise.all([
      saleEvent(tx, eventId),
      options.unsafeDisableLimitLock ? undefined : lockEventForUser(tx, eventId, userId),
      ticketsOfUser(tx, eventId, userId, now),
    ]);
    if (!event || !canSeeEvent(viewer, event)) {
      throw new Rollback(userFailure('EVENT_NOT_FOUND', 'No event has this ID.', ['input', 'eventId']));
    }
    if (event.status !== 'ON_SALE' || now < event.onSaleAt || now >= event.startsAt) {
      const why = now < event.onSaleAt && event.status === 'ON_SALE' ? `Tickets go on sale at ${event.onSaleAt.toISOString()}.` : 'It is not selling tickets.';
      throw new Rollback(userFailure('EVENT_NOT_ON_SALE', `This event is not on sale. ${why}`, ['input', 'eventId']));
    }
    if (taken + quantity > event.ticketLimit) {
      const message = `You can have at most ${event.ticketLimit} tickets for this event and already hold or bought ${taken}.`;
      throw new Rollback(userFailure('LIMIT_EXCEEDED', message, ['input']));
    }
    return event;
  }

  /**
   * Holds all of `ticketIds` or none: each must be free, and not being
   * reserved by another transaction at this instant (its try-lock fails: that
   * request goes on, and this one gets nothing rather than queue for it).
   * Returns the tickets held, with the new hold's id; none when any was not to
   * be had. (Rarely, a ticket is taken by a transaction that commits between
   * this statement's start and its try-lock: then only some are held, and the
   * caller must roll back.)
   */
  async function claim(tx: Tx, event: SaleEvent, userId: number, ticketIds: readonly number[], now: Date): Promise<Claimed> {
    const expiresAt = new Date(now.getTime() + event.holdTtlSeconds * 1000);
    return claimTickets(tx, { eventId: event.id, userId, ticketIds, now, expiresAt }, guarded);
  }

  /** Why `ticketIds` could not all be had: some are not this event's; or which are taken, or being taken right now. */
  async function explainShortfall(tx: Tx, eventId: number, ticketIds: readonly number[], now: Date): Promise<Rollback> {
    const tickets = await ticketsTakeable(tx, eventId, ticketIds, now, guarded);
    const strangers = tickets.filter((ticket) => !ticket.ours);
    if (strangers.length > 0) {
      return new Rollback(userFailure('INVALID_SELECTION', `${strangers.length} of the chosen tickets are not tickets of this event.`, ['input', 'ticketIds']));
    }
    // All takeable now: the competitor that had one rolled back in the meantime; it was unavailable all the same.
    const taken = tickets.filter((ticket) => !ticket.takeable).map((ticket) => ticket.id);
    const unavailable = taken.length > 0 ? taken : [...ticketIds];
    return new Rollback(
      userFailure(
        'SEATS_UNAVAILABLE',
        `${unavailable.length === 1 ? 'This ticket is' : `${unavailable.length} of the chosen tickets are`} no longer available.`,
        ['input', 'ticketIds'],
        { unavailableTicketIds: unavailable },
      ),
    );
  }

  /** The hold is made: record it on the seat map. */
  async function held(tx: Tx, eventId: number, claimed: Claimed): Promise<{ holdId: number }> {
    recordSeatMapChanges(
      tx,
      claimed.map((c) => ({ eventId, ticketId: c.ticketId, status: 'HELD', price: c.price })),
    );
    return { holdId: claimed[0]!.holdId };
  }

  async function reserveChosen(viewer: Viewer, eventId: number, ticketIds: number[]): Promise<ReserveResult> {
    return transaction(seatMapLog, async (tx) => {
      const now = clock(); // a hold starts when its transaction runs, not when its request came in
      const event = await openSale(tx, viewer, eventId, ticketIds.length, now);
      const claimed = await claim(tx, event, viewer.userId, ticketIds, now);
      if (claimed.length < ticketIds.length) throw await explainShortfall(tx, event.id, ticketIds, now);
      return held(tx, event.id, claimed);
    });
  }

  /**
   * The event's sections a best-available request may use, cheapest first,
   * leaving out those without a free ticket at all: once the cheap sections
   * sell out, every request would otherwise look through each of them.
   */
  async function eligibleSections(tx: Tx, eventId: number, request: BestAvailable, now: Date): Promise<ForSale[]> {
    const sections = await sectionsForSale(tx, eventId, request.sectionId, now, guarded);
    if (request.sectionId && sections.length === 0) {
      throw new Rollback(userFailure('INVALID_SELECTION', 'This section is not sold for this event.', ['input', 'bestAvailable', 'sectionId']));
    }
    return sections.filter((section) => section.hasFree && (request.maxPrice == null || section.price <= request.maxPrice));
  }

  /**
   * As eligibleSections, from the seat map in memory, without a statement:
   * the sections it shows with at least `quantity` free seats (no fewer can
   * seat the party). Undefined when there is no fresh map or it shows none,
   * and for a request with a maxPrice (a price in memory may be a moment old,
   * and the buyer's limit must hold): then the database is asked. The map
   * may be up to a read behind the tickets; the claim decides, and a section
   * it shows full although a seat was just freed is read when the sections
   * it shows yield nothing (reserveBest).
   */
  function sectionsInMemory(eventId: number, request: BestAvailable): ForSale[] | undefined {
    if (!guarded || request.maxPrice != null) return undefined; // guarded off, every section is read, as eligibleSections does
    const sections = options
      .seatMapInMemory?.(eventId)
      ?.sections.filter((section) => section.available >= request.quantity && (!request.sectionId || section.sectionId === request.sectionId))
      .map(({ sectionId, price, section }) => ({ sectionId, price, kind: section.kind }))
      .sort((a, b) => a.price - b.price || a.sectionId - b.sectionId);
    return sections?.length ? sections : undefined;
  }

  /** A section's free seats in runs of at least `quantity` per row, front first; or a sample of its free units. */
  async function freeRuns(tx: Tx, eventId: number, section: ForSale, quantity: number, now: Date): Promise<SeatRun[]> {
    if (section.kind === 'GENERAL_ADMISSION') {
      return [{ ticketIds: await freeUnits(tx, eventId, section.sectionId, now, UNITS_SAMPLE, guarded), unassigned: true }];
    }
    const runs = await freeSeatRuns(tx, eventId, section.sectionId, quantity, now, guarded);
    return runs.map((ticketIds) => ({ ticketIds, unassigned: false }));
  }

  /**
   * Section by section, cheapest first, takes the first block it can lock that
   * strands no seat; only when no section has one, a block that does. The
   * sections come from the seat map in memory when it shows some with enough
   * free seats; when none of those has a block to take, the database's list
   * is read too (its sections not read yet), so a map a moment behind costs
   * reads, never a refusal the database would not give.
   */
  async function reserveBest(viewer: Viewer, eventId: number, request: BestAvailable) {
    return transaction(seatMapLog, async (tx) => {
      const now = clock();
      const inMemory = sectionsInMemory(eventId, request);
      const [event, sections] = await Promise.all([
        openSale(tx, viewer, eventId, request.quantity, now),
        inMemory ?? eligibleSections(tx, eventId, request, now),
      ]);
      const { userId } = viewer;
      let tries = 0;
      const takeFirst = async (blocks: number[][]) => {
        for (const block of spreadOut(blocks)) {
          // The seats read have gone fast: read them again rather than give up while others may be free.
          if (tries++ === BLOCKS_PER_ATTEMPT) throw new SeatsTakenMeanwhile();
          const claimed = await claim(tx, event, userId, block, now);
          if (claimed.length === 0) continue; // taken, or being taken, since it was read: the next block
          if (claimed.length < block.length) throw new SeatsTakenMeanwhile(); // see claim: roll back, read again
          return held(tx, event.id, claimed);
        }
      };
      const stranding: number[][] = [];
      const read = new Set<number>();
      /** The first block that strands nothing it can take in `candidates`, reading each section once; keeps their stranding blocks. */
      const takeClean = async (candidates: ForSale[]) => {
        for (const section of candidates) {
          if (read.has(section.sectionId)) continue;
          read.add(section.sectionId);
          const blocks = seatBlocks(await freeRuns(tx, event.id, section, request.quantity, now), request.quantity, CANDIDATES_PER_SECTION);
          const hold = await takeFirst(blocks.clean);
          if (hold) return hold;
          stranding.push(...blocks.stranding);
        }
      };
      const hold =
        (await takeClean(sections)) ?? (inMemory && (await takeClean(await eligibleSections(tx, event.id, request, now)))) ?? (await takeFirst(stranding));
      if (hold) return hold;
      throw noSeats(request);
    });
  }

  return {
    /** Holds tickets for the caller (see the module comment); validates the selection first. */
    async reserveSeats(viewer: Viewer | null, eventId: number, selection: Selection): Promise<ReserveResult> {
      const caller = requireViewer(viewer);
      const invalid = checkSelection(selection);
      if (invalid) return invalid;
      if (selection.ticketIds) return reserveChosen(caller, eventId, selection.ticketIds);
      for (let attempt = 1; ; attempt++) {
        try {
          return await reserveBest(caller, eventId, selection.bestAvailable!);
        } catch (error) {
          if (!(error instanceof SeatsTakenMeanwhile)) throw error;
          if (attempt === BEST_AVAILABLE_ATTEMPTS) {
            return userFailure('SEATS_UNAVAILABLE', 'The seats found were taken at the same moment; try again.', ['input', 'bestAvailable'], {
              unavailableTicketIds: [],
            });
          }
        }
      }
    },
  };
}

function noSeats(request: BestAvailable): Rollback {
  const where = `${request.sectionId ? ' in this section' : ''}${request.maxPrice != null ? ' at this price' : ''}`;
  const what = request.quantity === 1 ? 'No seat is' : `No ${request.quantity} seats together are`;
  return new Rollback(userFailure('SEATS_UNAVAILABLE', `${what} available${where} right now.`, ['input', 'bestAvailable'], { unavailableTicketIds: [] }));
}

function checkSelection(selection: Selection): UserFailure | undefined {
  const invalid = (message: string, field: string[]) => userFailure('INVALID_SELECTION', message, ['input', ...field]);
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
