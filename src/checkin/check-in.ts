/**
 * Letting a ticket in at the door. The code's signature says which ticket,
 * event and booking (ticket-code.ts); the caller must run or staff that event
 * (access.ts); then one statement (store.ts's `checkInOnce`) decides, with the
 * booking share-locked so that a cancellation and a scan take turns: a
 * cancelled booking's codes fail at once, and of any number of scanners
 * racing on one code exactly one gets it in.
 *
 * No rate limit beyond log-in's: only the event's organizer, its staff and
 * admins may scan, and a 128-bit MAC cannot be guessed by trying codes.
 */
import { requireViewer } from '../accounts/policy.js';
import type { Sql } from '../db/client.js';
import { forbidden } from '../errors.js';
import type { RequestScope } from '../request-scope.js';
import { type Result, userFailure } from '../user-error.js';
import { mayWorkTheDoor } from './access.js';
import { checkGate } from './gate.js';
import { checkInOf, checkInOnce, type CheckInRow, isStaffOf, overwriteCheckIn, saleOf, type Scan, type ScanOutcome, staffsAnyEvent } from './store.js';
import { verifyTicketCode } from './ticket-code.js';

/**
 * Test-only switches, never set anywhere else: each turns a guard off to show
 * that the tests catch what it prevents.
 */
export interface UnsafeCheckInGuards {
  /**
   * A scan reads the sale and any earlier check-in, then writes its own (an
   * upsert), in statements of their own and without the booking's lock:
   * scanners racing on one code may all be let in.
   */
  unsafeCheckThenWrite?: boolean;
}

/** A ticket let in. */
export interface CheckIn {
  ticketId: number;
  checkedInAt: Date;
}

/** What a refused scan adds to its userErrors: with ALREADY_CHECKED_IN, the check-in that came first. */
export interface EarlierCheckIn {
  previousCheckIn?: CheckInRow;
}

/** What a scan needs beyond the request. */
export interface ScanServices {
  sql: Sql;
  ticketSecret: string;
  unsafeCheckInGuards?: UnsafeCheckInGuards;
}

const CODE_FIELD = ['input', 'code'];

/** Checks in the ticket of `code` at `gate` for the caller: the check-in, or why not. Nothing is written on a failure. */
export async function checkInTicket(services: ScanServices, scope: RequestScope, code: string, gate: string): Promise<Result<CheckIn, EarlierCheckIn>> {
  const viewer = requireViewer(scope.viewer);
  if (viewer.role === 'FAN' && !(await staffsAnyEvent(services.sql, viewer.userId))) {
    throw forbidden('Only an event’s organizer, its staff and admins can check tickets in.');
  }
  const checkedGate = checkGate(gate);
  if (typeof checkedGate !== 'string') return checkedGate;
  const fields = verifyTicketCode(services.ticketSecret, code);
  if (!fields) return userFailure('INVALID_TICKET_CODE', 'This is not a valid ticket code.', CODE_FIELD);
  const event = await scope.loaders.eventById.load(fields.eventId);
  if (!event) return userFailure('INVALID_TICKET_CODE', 'This ticket’s event no longer exists.', CODE_FIELD);
  if (!(await mayWorkTheDoor(viewer, event, (eventId, userId) => isStaffOf(services.sql, eventId, userId)))) {
    return userFailure('WRONG_EVENT', `This ticket is for another event (“${event.title}”), which you neither run nor staff.`, CODE_FIELD);
  }
  if (event.status === 'CANCELLED') return userFailure('TICKET_CANCELLED', `“${event.title}” was called off: its tickets get no one in.`, CODE_FIELD);
  const scan = { ...fields, bookingId: fields.serial, gate: checkedGate, checkedInBy: viewer.userId, at: scope.clock() };
  const outcome = services.unsafeCheckInGuards?.unsafeCheckThenWrite ? await checkThenWrite(services.sql, scan) : await checkInOnce(services.sql, scan);
  return answer(services.sql, scan, outcome);
}

/** The check-in, or why the scan did not let the ticket in. */
async function answer(sql: Sql, scan: Scan, outcome: ScanOutcome | undefined): Promise<Result<CheckIn, EarlierCheckIn>> {
  if (!outcome) return userFailure('INVALID_TICKET_CODE', 'No ticket of this event has this code.', CODE_FIELD);
  if (outcome.bookingStatus !== 'CONFIRMED' || !outcome.current) {
    return userFailure('TICKET_CANCELLED', 'The booking of this ticket was cancelled: the code no longer gets anyone in.', CODE_FIELD);
  }
  if (outcome.checkedInAt) return { ticketId: scan.ticketId, checkedInAt: outcome.checkedInAt };
  // Another scan got in first; its row is committed (ON CONFLICT waited for it), so this read sees it.
  const previous = await checkInOf(sql, scan.ticketId, scan.bookingId);
  if (!previous) throw new Error(`ticket ${scan.ticketId} of booking ${scan.bookingId}: check-in conflicted, but none is recorded`);
  const message = `This ticket was checked in already, at ${previous.checkedInAt.toISOString()} at gate “${previous.gate}”.`;
  return userFailure('ALREADY_CHECKED_IN', message, CODE_FIELD, { previousCheckIn: previous });
}

/** UnsafeCheckInGuards' scan: check, then write, with nothing to stop another scan in between. */
async function checkThenWrite(sql: Sql, scan: Scan): Promise<ScanOutcome | undefined> {
  const sale = await saleOf(sql, scan);
  if (!sale || sale.bookingStatus !== 'CONFIRMED' || !sale.current) return sale && { ...sale, checkedInAt: null };
  if (await checkInOf(sql, scan.ticketId, scan.bookingId)) return { ...sale, checkedInAt: null };
  return { ...sale, checkedInAt: await overwriteCheckIn(sql, scan) };
}
