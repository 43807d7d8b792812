/**
 * A new price of a published event's sections: the section's price, a row
 * of its public history (with the reason) and, in the same transaction, that of each of its tickets not SOLD (a live hold
 * keeps the price it fixed; a seat it releases sells at the new one), each
 * changed ticket recorded on the seat map, whose version is taken at the
 * commit. Every transaction that writes a ticket (a reservation, release,
 * sale, the sweeper) holds its row lock until it commits and takes its
 * version then, so each hold gets the price that was in force at its version.
 *
 * Such a change locks many tickets, so it gives way to reservations
 * (src/db/lock-waits.ts): it first takes every ticket nobody has locked,
 * without waiting (SKIP LOCKED), and only then waits for those still in
 * flight, each wait cut after LOCK_WAIT_MS; a change that gave way rolls
 * back and is tried again (repricing).
 */
import { gaveWay, limitLockWaits, LOCK_WAIT_MS } from '../db/lock-waits.js';
import type { EventChange, Tx } from '../seatmap/change-log.js';
import { recordPriceChanges, repriceTickets, type SectionPrice, setSectionPrices } from './store.js';

/** Tries of a change that gave way, in all. */
export const REPRICE_ATTEMPTS = 5;

/** A section's new price, and why (a sentence for the price history). */
export interface NewPrice extends SectionPrice {
  reason: string;
}

/** Sets the prices of the event's sections and tickets, and records the changes in its history (see above); answers the seat-map changes to record, in the same transaction. */
export async function repriceOnSale(tx: Tx, eventId: number, prices: readonly NewPrice[], now: Date): Promise<EventChange[]> {
  const sections = await setSectionPrices(tx, eventId, prices);
  if (sections.length === 0) return [];
  const reasons = new Map(prices.map((price) => [price.sectionId, price.reason]));
  await recordPriceChanges(
    tx,
    sections.map(({ sectionId, amount, oldAmount }) => ({
      eventId,
      sectionId,
      oldPrice: oldAmount,
      newPrice: amount,
      reason: reasons.get(sectionId)!,
      changedAt: now,
    })),
  );
  const free = await repriceTickets(tx, eventId, sections, { skipLocked: true });
  await limitLockWaits(tx, LOCK_WAIT_MS);
  const inFlight = await repriceTickets(tx, eventId, sections, { skipLocked: false });
  await limitLockWaits(tx, null);
  return [...free, ...inFlight].map((ticket) => ({ eventId, ...ticket }));
}

/** Runs `change` again when a lock wait of repriceOnSale gave way (SQLSTATE 55P03), up to REPRICE_ATTEMPTS tries in all. */
export async function repricing<T>(change: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await change();
    } catch (error) {
      if (!gaveWay(error) || attempt === REPRICE_ATTEMPTS) throw error;
    }
  }
}
