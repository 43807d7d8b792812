/** What an organizer's own price change must respect: the bounds its section's policy published. */
import type { Queryable } from '../db/client.js';
import { type UserFailure, userFailure } from '../user-error.js';
import { isWithin, policiesAt } from './policy.js';
import { policiesOfEvents, type SectionPrice } from './store.js';

/**
 * The first of `prices` outside its section's bounds, those in force at
 * `now` or announced (the price must hold under both), as PRICE_OUT_OF_BOUNDS
 * naming its amount; undefined when all lie within (or have no policy).
 */
export async function checkWithinBounds(sql: Queryable, eventId: number, prices: readonly SectionPrice[], now: Date): Promise<UserFailure | undefined> {
  const rows = await policiesOfEvents(sql, [eventId]);
  for (const [i, price] of prices.entries()) {
    const { inForce, announced } = policiesAt(
      rows.filter((row) => row.sectionId === price.sectionId),
      now,
    );
    const broken = [inForce, announced].find((bounds) => bounds && !isWithin(price.amount, bounds));
    if (broken) {
      const message = `The section’s pricing policy bounds its price to ${broken.floor}–${broken.ceiling}${broken === announced ? ' (announced)' : ''}: change the policy first.`;
      return userFailure('PRICE_OUT_OF_BOUNDS', message, ['input', 'prices', String(i), 'amount']);
    }
  }
  return undefined;
}
