/**
 * One buyer of the on-sale benchmark, as a fan's app would go about it, over
 * GraphQL on HTTP (keep-alive): log in, load the event and its compact seat
 * map, reserve 1 to 4 seats (half pick seats near the stage from the map, so
 * they collide; half ask for the best available), try again after
 * SEATS_UNAVAILABLE up to 3 times, then pay for most holds with `tok_visa`
 * and release or abandon the others. Behind a waiting room (bench:onsale
 * --waiting-room) the buyer has logged in and joined before the sale, and
 * starts at the seat map once admitted, reserving with its admission token.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

import type { ArenaEvent } from './arena.js';

export const LOG_IN = `mutation ($input: LogInInput!) { logIn(input: $input) { token userErrors { code } } }`;
export const LOAD = `query ($id: ID!) {
  event(id: $id) { id title startsAt venue { name city } priceRange { min { amount currency } max { amount } } availability { available total } }
  seatMap(eventId: $id) { version sections { section { id } available availability } }
}`;
export const RESERVE = `mutation ($input: ReserveSeatsInput!) {
  reserveSeats(input: $input) { hold { id expiresAt tickets { id } total { amount currency } } unavailableTicketIds userErrors { code } }
}`;
export const CONFIRM = `mutation ($input: ConfirmBookingInput!) { confirmBooking(input: $input) { booking { id status } userErrors { code } } }`;
export const RELEASE = `mutation ($input: ReleaseHoldInput!) { releaseHold(input: $input) { hold { id } userErrors { code } } }`;
export const LEAVE_ROOM = `mutation ($input: LeaveWaitingRoomInput!) { leaveWaitingRoom(input: $input) { pass { status } userErrors { code } } }`;

/** Rows of a front section a buyer picking seats looks at: the ones nearest the stage. */
const FRONT_ROWS = 5;
const RETRIES = 3;

/** What the buyers did and how long it took, filled in as they go. */
export class Tally {
  readonly latencies = {
    logIn: [] as number[],
    load: [] as number[],
    reserve: [] as number[],
    rejected: [] as number[],
    confirm: [] as number[],
    release: [] as number[],
    leave: [] as number[],
  };
  holds = 0;
  ticketsHeld = 0;
  bookings = 0;
  ticketsSold = 0;
  released = 0;
  abandoned = 0;
  seatsUnavailable = 0;
  gaveUp = 0;
  otherUserErrors: Record<string, number> = {};
  serverErrors = 0;
  readonly serverErrorSamples: string[] = [];
  buyersDone = 0;

  userError(code: string): void {
    this.otherUserErrors[code] = (this.otherUserErrors[code] ?? 0) + 1;
  }

  serverError(what: string): void {
    this.serverErrors++;
    if (this.serverErrorSamples.length < 5) this.serverErrorSamples.push(what.slice(0, 500));
  }
}

export interface BuyerContext {
  /** Base URLs of the API processes; buyer i uses urls[i % urls.length]. */
  urls: string[];
  event: ArenaEvent;
  password: string;
  /** Percent of holds paid for; the rest are split between releasing and abandoning. */
  confirmPercent: number;
  random: () => number;
  tally: Tally;
}

type Answer = { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };

/** One operation of a buyer: its data and time, or undefined after a server or GraphQL error, which is tallied. */
export type Send = (query: string, variables: object, latencies: number[]) => Promise<{ data: any; ms: number } | undefined>;

/** How buyer `index` sends operations, as `token` once given. */
export function buyerClient(context: Pick<BuyerContext, 'urls' | 'tally'>, index: number, token?: string): Send {
  const { tally } = context;
  const url = `${context.urls[index % context.urls.length]}/graphql`;
  return async (query, variables, latencies) => {
    const started = performance.now();
    let status: number;
    let answer: Answer;
    try {
      const response = await fetch(url, {
        method: 'POST',
        // Each buyer its own address, as a load balancer would report it (the servers trust one proxy hop).
        headers: { 'content-type': 'application/json', 'x-forwarded-for': addressOf(index), ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      status = response.status;
      answer = (await response.json()) as Answer;
    } catch (error) {
      tally.serverError(`fetch failed: ${String((error as Error).cause ?? error)}`);
      return undefined;
    }
    latencies.push(performance.now() - started);
    if (status !== 200 || answer.errors?.length || !answer.data) {
      tally.serverError(`HTTP ${status}: ${JSON.stringify(answer.errors ?? answer)}`);
      return undefined;
    }
    return { data: answer.data, ms: latencies.at(-1)! };
  };
}

/** Logs buyer `index` in as `email`: its session token, or undefined (a user error or server error, tallied). */
export async function logIn(context: BuyerContext, index: number, email: string): Promise<string | undefined> {
  const loggedIn = await buyerClient(context, index)(LOG_IN, { input: { email, password: context.password } }, context.tally.latencies.logIn);
  const token = loggedIn?.data.logIn.token ?? undefined;
  if (!token && loggedIn) context.tally.userError(`logIn: ${loggedIn.data.logIn.userErrors[0]?.code}`);
  return token;
}

/** A buyer let in by the waiting room: logged in already, with the admission token its pass carried. */
export interface Admitted {
  token: string;
  admissionToken: string;
}

/**
 * Runs buyer `index` (logging in as `email`) from log-in to purchase; or, once
 * `admitted` by a waiting room, from the seat map on.
 */
export async function runBuyer(context: BuyerContext, index: number, email: string, admitted?: Admitted): Promise<void> {
  const token = admitted?.token ?? (await logIn(context, index, email));
  if (!token) return;
  const send = buyerClient(context, index, token);
  const reached = await purchase(context, index, send, admitted?.admissionToken);
  // A fan who gives up closes the queue's tab: their admission ends now, not at admissionTtlSeconds, so its slot is free.
  if (admitted && !reached) await send(LEAVE_ROOM, { input: { eventId: context.event.id } }, context.tally.latencies.leave);
}

/** From the seat map to paying, releasing or abandoning: whether the buyer reached a hold. */
async function purchase(context: BuyerContext, index: number, send: Send, admissionToken: string | undefined): Promise<boolean> {
  const { tally, random } = context;
  /** Each section's availability code, by section ID. */
  const load = async (): Promise<Map<string, string> | undefined> => {
    const loaded = await send(LOAD, { id: context.event.id }, tally.latencies.load);
    const sections = loaded?.data.seatMap.sections as { section: { id: string }; availability: string }[] | undefined;
    return sections && new Map(sections.map((section) => [section.section.id, section.availability]));
  };
  let map = await load();
  if (!map) return false;

  const quantity = 1 + Math.floor(random() * 4);
  const choosing = index % 2 === 0;
  let hold: { id: string; tickets: { id: string }[] } | undefined;
  for (let attempt = 0; attempt <= RETRIES && !hold; attempt++) {
    if (attempt > 0 && choosing) map = (await load()) ?? map; // look again before choosing again
    const ticketIds = choosing ? pickNearStage(context.event, map, quantity, random) : undefined;
    const selection = ticketIds ? { ticketIds } : { bestAvailable: { quantity } };
    const reserved = await send(RESERVE, { input: { eventId: context.event.id, ...selection, admissionToken } }, tally.latencies.reserve);
    if (!reserved) return false;
    const payload = reserved.data.reserveSeats;
    if (payload.hold) {
      hold = payload.hold;
    } else if (payload.userErrors[0]?.code === 'SEATS_UNAVAILABLE') {
      tally.seatsUnavailable++;
      tally.latencies.rejected.push(reserved.ms);
    } else {
      tally.userError(`reserveSeats: ${payload.userErrors[0]?.code}`);
      return false;
    }
  }
  if (!hold) {
    tally.gaveUp++;
    return false;
  }
  tally.holds++;
  tally.ticketsHeld += hold.tickets.length;

  const choice = random() * 100;
  if (choice < context.confirmPercent) {
    const paid = await send(CONFIRM, { input: { holdId: hold.id, payment: { token: 'tok_visa' }, idempotencyKey: randomUUID() } }, tally.latencies.confirm);
    if (!paid) return true;
    if (!paid.data.confirmBooking.booking) {
      tally.userError(`confirmBooking: ${paid.data.confirmBooking.userErrors[0]?.code}`);
      return true;
    }
    tally.bookings++;
    tally.ticketsSold += hold.tickets.length;
  } else if (choice < context.confirmPercent + (100 - context.confirmPercent) / 2) {
    const released = await send(RELEASE, { input: { holdId: hold.id } }, tally.latencies.release);
    if (!released) return true;
    tally.released++;
  } else {
    tally.abandoned++; // the hold runs out and the sweeper frees its seats (and the admitter the pass's slot)
  }
  return true;
}

/**
 * `quantity` adjacent seats shown available, in the front rows of a random
 * section of the best tier; undefined when the map shows none there, and the
 * buyer asks for the best available instead.
 */
function pickNearStage(event: ArenaEvent, map: Map<string, string>, quantity: number, random: () => number): string[] | undefined {
  const front = event.sections.filter((section) => section.kind === 'RESERVED' && section.tier === 0);
  const start = Math.floor(random() * front.length);
  for (let k = 0; k < front.length; k++) {
    const section = front[(start + k) % front.length]!;
    const statuses = expandRuns(map.get(section.gid) ?? '');
    const rows = [...new Set(section.tickets.map((ticket) => ticket.row))].slice(0, FRONT_ROWS);
    const blocks: number[] = [];
    for (let i = 0; i + quantity <= section.tickets.length; i++) {
      if (!rows.includes(section.tickets[i]!.row)) continue;
      const block = section.tickets.slice(i, i + quantity);
      if (block.every((ticket, j) => ticket.row === section.tickets[i]!.row && statuses[i + j] === 'A')) blocks.push(i);
    }
    if (blocks.length > 0) {
      const i = blocks[Math.floor(random() * blocks.length)]!;
      return section.tickets.slice(i, i + quantity).map((ticket) => ticket.id);
    }
  }
  return undefined;
}

/** A private address of buyer `index`'s own. */
export const addressOf = (index: number) => `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;

/** "3A2S" → "AAASS": the seat map's run-length code, one letter per ticket. */
function expandRuns(code: string): string {
  return [...code.matchAll(/(\d+)([AHS])/g)].map(([, count, letter]) => letter!.repeat(Number(count))).join('');
}
