/**
 * The price-change races (racePrices, at the end) and how they check their outcome: every held ticket must
 * have the price in force at the seat-map version of its hold. "When it was
 * held" is read from the seat-map change log: its versions are taken at
 * commit, by every transaction that changes a ticket (reservation, release,
 * sale, price change), so they order them all. A ticket's price in force at
 * a hold's version is the price of its last change before it.
 */
import { randomUUID } from 'node:crypto';

import type postgres from 'postgres';

import { Random } from '../../src/db/seed/random.js';
import type { Buyer } from './booking.js';
import { CONFIRM, RELEASE, RESERVE } from './booking-operations.js';
import type { TestServer } from './server.js';

export interface LogEntry {
  version: number;
  ticketId: number;
  status: string;
  price: number;
}

export interface HeldTicket {
  holdId: number;
  ticketId: number;
  price: number;
}

/**
 * Each held ticket whose price is not the one in force when it was held. A
 * ticket's claims are the log's HELD entries that follow no HELD one (a price
 * change logs a held ticket HELD again; no hold runs out in the race), paired
 * in order with its holds in id order (a later claim of a ticket is a later
 * hold: it began after the one before ended). The price in force at a claim
 * is that of the entry before it, or the first price.
 */
function priceViolations(log: readonly LogEntry[], held: readonly HeldTicket[], firstPrice: number) {
  const entriesOf = byTicket(log);
  const violations: Record<string, unknown>[] = [];
  for (const [ticketId, holds] of byTicket(held)) {
    const entries = entriesOf.get(ticketId) ?? [];
    const claims = entries.flatMap((entry, i) => (entry.status === 'HELD' && entries[i - 1]?.status !== 'HELD' ? [{ entry, before: entries[i - 1] }] : []));
    if (claims.length !== holds.length) violations.push({ ticketId, claims: claims.length, holds: holds.length });
    holds.forEach((hold, k) => {
      const claim = claims[k];
      const inForce = claim?.before?.price ?? firstPrice;
      if (!claim || hold.price !== inForce || claim.entry.price !== hold.price) {
        violations.push({ ticketId, holdId: hold.holdId, version: claim?.entry.version, held: hold.price, inForce });
      }
    });
  }
  return violations;
}

/** Rows by their ticket, in the order given (Map.groupBy, which Node 20 lacks). */
function byTicket<T extends { ticketId: number }>(rows: readonly T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) groups.set(row.ticketId, [...(groups.get(row.ticketId) ?? []), row]);
  return groups;
}

/** The violations of a ticket held at another price than the one in force at its version. */
export const aheadOfVersion = (violations: Record<string, unknown>[]) =>
  violations.filter((violation) => 'held' in violation && violation.held !== violation.inForce);

/**
 * What a race of price changes and reservations left of event `eventId`:
 * its seat-map log, its held tickets in hold order, its bookings with their
 * holds' totals, and the violations of priceViolations (`firstPrice`: the
 * price before the first change).
 */
export async function raceOutcome(sql: postgres.Sql, eventId: number, firstPrice: number) {
  const [log, held, bookings] = await Promise.all([
    sql<LogEntry[]>`
      SELECT version::int, ticket_id::int AS "ticketId", status, price FROM seat_map_changes WHERE event_id = ${eventId} ORDER BY version, ticket_id`,
    sql<HeldTicket[]>`
      SELECT ht.hold_id::int AS "holdId", ht.ticket_id::int AS "ticketId", ht.price
      FROM hold_tickets ht JOIN holds h ON h.id = ht.hold_id WHERE h.event_id = ${eventId} ORDER BY ht.hold_id, ht.ticket_id`,
    sql<{ total: number; held: number }[]>`
      SELECT b.total, (SELECT sum(price)::int FROM hold_tickets WHERE hold_id = b.hold_id) AS held FROM bookings b WHERE b.event_id = ${eventId}`,
  ]);
  return { log, held, bookings, violations: priceViolations(log, held, firstPrice) };
}

/** A race of price changes and reservations: see racePrices. */
export interface PriceRace {
  server: TestServer;
  fans: readonly Buyer[];
  /** The event and the section raced for, with its seats (Ticket IDs). */
  event: { id: string; sectionId: string; seats: readonly string[] };
  seed: number;
  /** What a fan does with a hold, by weight. */
  next: readonly (readonly ['release' | 'buy' | 'keep', number])[];
  /** How many price changes, one after every `every` more fan operations. */
  changes: number;
  every: number;
  /** Makes the `n`th change (from 1); answers what went wrong, if anything. */
  change(n: number): Promise<unknown>;
  /** Asked after each change: true ends the race sooner. */
  stopEarly?: () => Promise<boolean>;
}

/**
 * Fans reserve one to three seats of the section (chosen or best available)
 * over HTTP and release, buy or keep them, while the price changes
 * `changes` times between their operations. Answers what went wrong on the
 * way (errors, and what `change` answered).
 */
export async function racePrices(race: PriceRace): Promise<unknown[]> {
  const { server, event } = race;
  const random = new Random(race.seed);
  const failures: unknown[] = [];
  let operations = 0;
  let done = false;
  const fan = async (buyer: Buyer) => {
    while (!done) {
      const quantity = random.int(1, 3);
      const selection = random.chance(0.5) ? { ticketIds: random.sample(event.seats, quantity) } : { bestAvailable: { quantity, sectionId: event.sectionId } };
      const reserved = await server.graphql(RESERVE, { input: { eventId: event.id, ...selection } }, buyer.token);
      const hold = reserved.data?.reserveSeats?.hold;
      const next = hold ? random.weighted(race.next) : 'keep';
      const answer =
        next === 'release'
          ? await server.graphql(RELEASE, { input: { holdId: hold.id } }, buyer.token)
          : next === 'buy'
            ? await server.graphql(CONFIRM, { input: { holdId: hold.id, payment: { token: 'tok_visa' }, idempotencyKey: randomUUID() } }, buyer.token)
            : undefined;
      for (const errors of [reserved.errors, answer?.errors]) if (errors) failures.push(errors);
      operations++;
      await new Promise((resolve) => setImmediate(resolve)); // the other fans and the price changes in between
    }
  };
  const changes = async () => {
    try {
      for (let n = 1; n <= race.changes; n++) {
        while (operations < n * race.every) await new Promise((resolve) => setImmediate(resolve));
        const failure = await race.change(n);
        if (failure) failures.push(failure);
        if (await race.stopEarly?.()) break;
      }
    } finally {
      done = true;
    }
  };
  await Promise.all([changes(), ...race.fans.map(fan)]);
  return failures;
}
