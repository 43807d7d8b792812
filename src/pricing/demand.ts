/**
 * DEMAND mode's rule, the one the schema and README publish. All shares are
 * integers in basis points (10,000 = 100%) and all money integers in minor
 * units; only the reason's wording divides.
 *
 * At a review of a section:
 * - sold share S = sold / capacity;
 * - elapsed share E = (now - onSaleAt) / (startsAt - onSaleAt), 0 to 1;
 * - target share T = targetSellThrough × E: the sale should sell
 *   targetSellThrough of the section by the start, at an even pace;
 * - recent share R = sold since the last review / capacity, and the pace
 *   share P = targetSellThrough × (time since the last review) / (startsAt - onSaleAt):
 *   what the target needs in that time.
 * The price rises when the section is ahead (S > T) and still selling at
 * least at pace (R >= P); it falls when it is behind (S < T) and not catching
 * up (R < P); otherwise it holds. A step is maxStepPercent when the section
 * is 10 points or more off target, and that fraction of it below (5 points
 * off: half a step). The new price is rounded toward the old one to a whole
 * currency unit (so a step never exceeds maxStepPercent), then kept within
 * [floor, ceiling]: a bound itself is used as it is.
 *
 * Example: $50.00 in a section with floor $40, ceiling $100, step 10%, target
 * 90%; half the selling period gone (T = 45%), 60% sold (15 points ahead),
 * and 5% sold in the last 10 minutes where pace needs 1%: a full step, $50 ×
 * 1.10 = $55.00.
 */

/** Basis points in a whole. */
const WHOLE = 10_000;
/** How far off target (basis points) a section must be for a full step. */
const FULL_STEP_GAP = 1_000;

/** What a review of a section weighs. */
export interface SectionDemand {
  /** The section's price now, and its bounds (minor units). */
  price: number;
  floor: number;
  ceiling: number;
  maxStepPercent: number;
  targetSellThroughBp: number;
  capacity: number;
  sold: number;
  /** Sold since `since`. */
  soldSince: number;
  /** The last review (or the start of the policy or sale, before the first). */
  since: Date;
  onSaleAt: Date;
  startsAt: Date;
  now: Date;
  currency: string;
  /** A waiting room is admitting fans to this sale: the price may fall, not rise. */
  admitting: boolean;
}

export interface PriceDecision {
  /** The price from now on: the same when it holds. */
  price: number;
  /** A sentence with the numbers that decided it. */
  reason: string;
}

/** Minor units in a whole unit of `currency` (100 for USD, 1 for JPY). */
export function unitOf(currency: string): number {
  return 10 ** new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits!;
}

/** An amount in minor units as people read it, e.g. "$55.00". */
export function formatMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount / unitOf(currency));
}

const percent = (bp: number) => `${(bp / 100).toFixed(1)}%`;
const share = (part: number, whole: number) => (whole <= 0 ? WHOLE : Math.min(WHOLE, Math.floor((part * WHOLE) / whole)));

/** How long `ms` is, in words: "45 s", "10 min", "2 h". */
function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7_200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3_600)} h`;
}

/** The decision of DEMAND mode for a section (see above). */
export function demandPrice(d: SectionDemand): PriceDecision {
  const period = d.startsAt.getTime() - d.onSaleAt.getTime();
  const elapsed = Math.min(period, Math.max(0, d.now.getTime() - d.onSaleAt.getTime()));
  const window = Math.max(1, d.now.getTime() - d.since.getTime());
  const soldShare = share(d.sold, d.capacity);
  const elapsedShare = share(elapsed, period);
  const target = Math.floor((d.targetSellThroughBp * elapsedShare) / WHOLE);
  const recent = share(d.soldSince, d.capacity);
  const pace = Math.ceil((d.targetSellThroughBp * Math.min(window, period)) / period);
  const gap = soldShare - target;
  const facts =
    `${percent(soldShare)} sold against a target of ${percent(target)} by now ` +
    `(${percent(elapsedShare)} of the selling period gone, aiming at ${percent(d.targetSellThroughBp)} by the start); ` +
    `${percent(recent)} sold in the last ${duration(window)}, where the target's pace needs ${percent(pace)}`;
  const money = (amount: number) => formatMoney(amount, d.currency);
  const hold = (why: string): PriceDecision => ({ price: d.price, reason: `${facts}: ${why}; holds at ${money(d.price)}.` });

  const rising = gap > 0 && recent >= pace;
  const falling = gap < 0 && recent < pace;
  if (!rising && !falling) return hold(gap === 0 ? 'on target' : gap > 0 ? 'ahead, but slowing' : 'behind, but catching up');
  if (rising && d.admitting) return hold('ahead, but fans admitted from the waiting room are buying at the price they were shown');
  const stepBp = Math.floor((d.maxStepPercent * 100 * Math.min(Math.abs(gap), FULL_STEP_GAP)) / FULL_STEP_GAP);
  const delta = Math.floor((d.price * stepBp) / WHOLE);
  const unit = unitOf(d.currency);
  const next = rising ? Math.min(d.ceiling, Math.floor((d.price + delta) / unit) * unit) : Math.max(d.floor, Math.ceil((d.price - delta) / unit) * unit);
  if (rising ? next <= d.price : next >= d.price) {
    const bound = rising ? d.price >= d.ceiling : d.price <= d.floor;
    return hold(`${rising ? 'ahead' : 'behind'}, but ${bound ? `already at its ${rising ? 'ceiling' : 'floor'}` : 'the step is under a whole unit'}`);
  }
  const change = `${rising ? 'up' : 'down'} ${percent(share(Math.abs(next - d.price), d.price))}`;
  return { price: next, reason: `${facts}: ${rising ? 'ahead' : 'behind'}, ${change}, from ${money(d.price)} to ${money(next)}.` };
}
