/**
 * DEMAND mode's rule (src/pricing/demand.ts) on its own: the direction from
 * sell-through against target and pace, the step's size, rounding toward the
 * old price to a whole currency unit, the bounds, and the waiting room's hold
 * on rises.
 */
import { describe, expect, it } from 'vitest';

import { demandPrice, type SectionDemand } from '../../src/pricing/demand.js';

const START = new Date('2030-01-01T00:00:00Z');
const DAY = 86_400_000;

/** A $50.00 section of 1,000 seats in a 10-day sale, half gone, reviewed every 10 minutes: the README's example. */
function section(overrides: Partial<SectionDemand> = {}): SectionDemand {
  const now = new Date(START.getTime() + 5 * DAY);
  return {
    price: 5_000,
    floor: 4_000,
    ceiling: 10_000,
    maxStepPercent: 10,
    targetSellThroughBp: 9_000,
    capacity: 1_000,
    sold: 600,
    soldSince: 50,
    since: new Date(now.getTime() - 600_000),
    onSaleAt: START,
    startsAt: new Date(START.getTime() + 10 * DAY),
    now,
    currency: 'USD',
    admitting: false,
    ...overrides,
  };
}

describe('demandPrice', () => {
  it('raises a section ahead of target and selling at pace by a full step when 10 points or more ahead', () => {
    expect(demandPrice(section())).toEqual({
      price: 5_500,
      reason:
        '60.0% sold against a target of 45.0% by now (50.0% of the selling period gone, aiming at 90.0% by the start); ' +
        "5.0% sold in the last 10 min, where the target's pace needs 0.1%: ahead, up 10.0%, from $50.00 to $55.00.",
    });
  });

  it('takes a fraction of the step nearer the target, rounded toward the old price to a whole unit', () => {
    // 5 points ahead: half a step, 5% of $50.00 = $2.50, rounded down to $52.00.
    expect(demandPrice(section({ sold: 500 })).price).toBe(5_200);
    // 5 points behind and no sales: half a step down, $47.50 rounded up to $48.00.
    expect(demandPrice(section({ sold: 400, soldSince: 0 })).price).toBe(4_800);
    // Yen have no minor unit: whole yen.
    expect(demandPrice(section({ currency: 'JPY', price: 5_001, floor: 4_000, ceiling: 10_000 })).price).toBe(5_501);
  });

  it('holds when ahead but slowing, or behind but catching up, or on target', () => {
    for (const overrides of [{ soldSince: 0 }, { sold: 300, soldSince: 50 }, { sold: 450 }]) {
      const decision = demandPrice(section(overrides));
      expect(decision.price).toBe(5_000);
      expect(decision.reason).toMatch(/(ahead, but slowing|behind, but catching up|on target); holds at \$50\.00\.$/);
    }
  });

  it('never leaves the bounds, and says so at them', () => {
    expect(demandPrice(section({ price: 9_800 })).price).toBe(10_000);
    expect(demandPrice(section({ price: 10_000 })).reason).toMatch(/ahead, but already at its ceiling; holds at \$100\.00\.$/);
    expect(demandPrice(section({ sold: 0, soldSince: 0, price: 4_200 })).price).toBe(4_000);
    expect(demandPrice(section({ sold: 0, soldSince: 0, price: 4_000 })).reason).toMatch(/behind, but already at its floor; holds at \$40\.00\.$/);
  });

  it('raises nothing while a waiting room admits fans, and still lowers', () => {
    expect(demandPrice(section({ admitting: true })).price).toBe(5_000);
    expect(demandPrice(section({ admitting: true, sold: 0, soldSince: 0 })).price).toBe(4_500);
  });
});
