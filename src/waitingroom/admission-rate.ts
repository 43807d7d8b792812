/**
 * How many fans a room admits in one round of the admitter: pure arithmetic
 * over what the round saw, with the room's state between rounds kept by the
 * caller (each call returns the next state).
 *
 * Credit. A room earns admissions at its per-minute rate for the time since
 * its last round (for `intervalMs` at its first): `rate × elapsed ms`, in
 * units of 1/60,000 of an admission, whole numbers for whole rates and
 * milliseconds, so that no rounding drifts: at 90 per minute, rounds a second
 * apart earn 1.5 each and admit 1, 2, 1, 2, ... (90 in any 60 rounds). The
 * round admits the whole admissions earned, but no more than the fans
 * waiting and, when `maxActiveBuyers` is set, the slots free
 * (`maxActiveBuyers − admittedCount`); then only the fraction of an admission
 * left is carried. What a cap or an empty queue left unused is dropped, so
 * that a room that was full or idle never admits a burst when it frees up.
 * The time since the last round counts up to `maxElapsedMs`: a round after
 * a stall (a leader taking over) resumes the rate instead of catching up.
 *
 * Rate. Fixed: the room's `admitPerMinute`. Adaptive (`admitPerMinute`
 * null): additive increase, multiplicative decrease on the booking path's
 * reserve p99 against a target. After each round the rate
 * - is multiplied by `decreaseFactor` (rounded down) when the p99 is above the
 *   target, unless it was already lowered in the last `decreaseHoldMs` (the
 *   p99 is taken over a window of seconds, so the latencies that caused one
 *   decrease still count for a while: lowering again for them would collapse
 *   the rate), but not below `servedShare` of the rate admitted fans have
 *   been finishing at (the served rate, below): admitting a little less than
 *   the system demonstrably serves drains the fans in it, which is what
 *   brings a latency they cause down, and halving further would only idle
 *   it;
 * - else grows by `increasePerMinute` when the rate is what limited the
 *   round (the credit earned was less than both the fans waiting and the
 *   free slots: more would have been let in at a higher rate), with the p99
 *   at or under the target or nothing measured (no reservations yet: no
 *   load);
 * - else stays;
 * and it is kept within [minPerMinute, maxPerMinute]: above zero, so the
 * queue always moves while slots are free. The new rate applies from the
 * next round on. `maxActiveBuyers` bounds the admitted fans in both modes.
 *
 * Over the target means over the higher of `targetP99Ms` and
 * `baselineTolerance` × the lowest p99 the room's rounds have seen: about the
 * latency the system shows however few are let in. A target under it cannot
 * be met by admitting fewer (the room's own pushes to thousands of waiting
 * fans, the seat-map fan-out or another tenant of the machine put it there:
 * ~110 to 180 ms with 15 fans active on the benchmark's machine), and chasing
 * it would starve the sale; the room then keeps the latency from growing much
 * above that floor instead. The lowest p99 never rises: a latency that grows
 * with the fans let in, however slowly, cannot carry the floor up with it (a
 * sliding minimum would follow it). A machine that gets busier after a quiet
 * start keeps the stricter floor, and the room its slower pace.
 */

/** The adaptive controller's settings. */
export interface AdaptiveRateOptions {
  /** The reserve p99 it keeps under, in ms. */
  targetP99Ms: number;
  /** Its first rate, per minute, when a room's rounds begin adaptive. */
  startPerMinute: number;
  /** The lowest rate, per minute: above zero, so the queue always moves. */
  minPerMinute: number;
  /** The highest rate, per minute. */
  maxPerMinute: number;
  /** What a round under the target that the rate limited adds to the rate, per minute. */
  increasePerMinute: number;
  /** What a round over the target multiplies the rate by (between 0 and 1). */
  decreaseFactor: number;
  /** The share of the served rate (fans finishing per minute) a decrease stops at (between 0 and 1). */
  servedShare: number;
  /** How long after a decrease the rate is not lowered again, in ms. */
  decreaseHoldMs: number;
  /** The p99 the rate keeps under is at least the lowest p99 seen times this. */
  baselineTolerance: number;
}

/**
 * The defaults: 100 ms target (or 1.5 × the lowest p99 seen, when higher);
 * from 600/min, +60/min a round, halved when over (but not
 * below 90 % of the served rate), at most once in 5 s; within 30..60,000/min.
 */
export const DEFAULT_ADAPTIVE_RATE: AdaptiveRateOptions = {
  targetP99Ms: 100,
  startPerMinute: 600,
  minPerMinute: 30,
  maxPerMinute: 60_000,
  increasePerMinute: 60,
  decreaseFactor: 0.5,
  servedShare: 0.9,
  decreaseHoldMs: 5_000,
  baselineTolerance: 1.5,
};

/**
 * The served rate is the rate admitted fans stopped being admitted (finished,
 * expired or left), smoothed over about this long: an exponentially weighted
 * average, each round weighing elapsed ÷ this.
 */
const SERVED_SMOOTHING_MS = 10_000;

/** What one round of a room saw. */
export interface RoundInput {
  /** The round's time (ms since the epoch). */
  now: number;
  /** The time a room's first round earns for, and the rounds' nominal spacing, in ms. */
  intervalMs: number;
  /** The most time a round earns for, in ms. */
  maxElapsedMs: number;
  /** The room's fixed rate; null: adaptive. */
  admitPerMinute: number | null;
  /** The room's cap on admitted fans not yet finished; null: none. */
  maxActiveBuyers: number | null;
  /** Fans admitted and not finished, expired or left now. */
  admittedCount: number;
  /** Fans waiting now. */
  waitingCount: number;
  /** The booking path's reserve p99 over the last seconds, in ms; undefined when nothing was measured. */
  reserveP99Ms: number | undefined;
}

/** A room's state between rounds. */
export interface RateState {
  /** When its last round was (ms since the epoch). */
  lastRoundAt: number;
  /** Credit carried, in 1/60,000 of an admission: under one admission. */
  credit: number;
  /** The rate of the next round, per minute (the fixed rate, or the controller's). */
  perMinute: number;
  /** When the adaptive rate was last lowered (ms since the epoch); null: never. */
  lastDecreaseAt: number | null;
  /** Fans admitted and not yet finished after the last round's admissions: those fewer now were served since. */
  activeAfter: number;
  /** The served rate, per minute, smoothed (SERVED_SMOOTHING_MS). */
  servedPerMinute: number;
  /** The lowest reserve p99 the adaptive rounds have seen, in ms; null before the first. */
  lowestP99Ms: number | null;
}

/** A round's answer: how many to admit now, and the room's state for its next round. */
export interface RoundAdmission {
  count: number;
  state: RateState;
}

const CREDIT_PER_ADMISSION = 60_000; // rate per minute × ms

/** How many to admit this round, and the next state; `state` undefined for a room's first round. See the top of this file. */
export function admissionsThisRound(state: RateState | undefined, input: RoundInput, adaptive: AdaptiveRateOptions = DEFAULT_ADAPTIVE_RATE): RoundAdmission {
  const { now, admitPerMinute, maxActiveBuyers, admittedCount, waitingCount } = input;
  const perMinute = admitPerMinute ?? clampRate(state?.perMinute ?? adaptive.startPerMinute, adaptive);
  const elapsedMs = state ? Math.min(Math.max(now - state.lastRoundAt, 0), input.maxElapsedMs) : input.intervalMs;
  const earned = (state?.credit ?? 0) + perMinute * elapsedMs;
  const slots = maxActiveBuyers === null ? Infinity : Math.max(maxActiveBuyers - admittedCount, 0);
  const whole = Math.floor(earned / CREDIT_PER_ADMISSION);
  const count = Math.min(whole, waitingCount, slots);
  const next: RateState = {
    lastRoundAt: now,
    credit: earned % CREDIT_PER_ADMISSION,
    perMinute,
    lastDecreaseAt: state?.lastDecreaseAt ?? null,
    activeAfter: admittedCount + count,
    servedPerMinute: servedPerMinute(state, admittedCount, elapsedMs),
    lowestP99Ms: state?.lowestP99Ms ?? null,
  };
  if (admitPerMinute !== null) return { count, state: next };
  return { count, state: adjust(next, { now, reserveP99Ms: input.reserveP99Ms, rateBound: whole < Math.min(waitingCount, slots) }, adaptive) };
}

/** The served rate after a round: the fans served since the last one, per minute, folded into the average. */
function servedPerMinute(state: RateState | undefined, admittedCount: number, elapsedMs: number): number {
  if (!state || elapsedMs <= 0) return state?.servedPerMinute ?? 0;
  const served = Math.max(state.activeAfter - admittedCount, 0);
  const weight = Math.min(elapsedMs / SERVED_SMOOTHING_MS, 1);
  return state.servedPerMinute + weight * ((served * 60_000) / elapsedMs - state.servedPerMinute);
}

/** The adaptive rate after a round (see the top of this file). */
function adjust(
  state: RateState,
  { now, reserveP99Ms, rateBound }: { now: number; reserveP99Ms: number | undefined; rateBound: boolean },
  options: AdaptiveRateOptions,
): RateState {
  if (reserveP99Ms !== undefined) {
    const lowestP99Ms = Math.min(state.lowestP99Ms ?? Infinity, reserveP99Ms);
    state = { ...state, lowestP99Ms };
    if (reserveP99Ms > Math.max(options.targetP99Ms, options.baselineTolerance * lowestP99Ms)) {
      const holding = state.lastDecreaseAt !== null && now - state.lastDecreaseAt < options.decreaseHoldMs;
      if (holding) return state;
      const lowered = Math.max(Math.floor(state.perMinute * options.decreaseFactor), Math.floor(state.servedPerMinute * options.servedShare));
      return { ...state, perMinute: clampRate(Math.min(lowered, state.perMinute), options), lastDecreaseAt: now };
    }
  }
  if (rateBound) return { ...state, perMinute: clampRate(state.perMinute + options.increasePerMinute, options) };
  return state;
}

function clampRate(perMinute: number, { minPerMinute, maxPerMinute }: AdaptiveRateOptions): number {
  return Math.min(Math.max(perMinute, minPerMinute), maxPerMinute);
}
