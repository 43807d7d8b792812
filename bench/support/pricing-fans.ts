/**
 * The fans of bench:pricing's simulated sale, drawn once from a seed so that
 * the FIXED and the DEMAND sale meet exactly the same people at exactly the
 * same moments: when each arrives (by a demand curve over the selling
 * period), how much each would pay for a ticket, how many tickets they want,
 * how long they look before reserving and how long they take to pay.
 */
import { Random } from '../../src/db/seed/random.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** One fan: the times are milliseconds after the sale opens. */
export interface SimFan {
  index: number;
  /** When the fan reads the prices and picks a section. */
  arriveMs: number;
  /** When the fan reserves (bestAvailable): after looking a while, so a review may fall in between. */
  reserveMs: number;
  /** When the fan pays (confirmBooking). */
  payMs: number;
  /** Slow payers pay 10 to 50 minutes after reserving: a review often runs while they hold. */
  slowPayer: boolean;
  /** The most the fan pays for one ticket, in cents. */
  willingness: number;
  /** 1 to 4 tickets, all in one section. */
  quantity: number;
}

export interface FanShape {
  count: number;
  seed: number;
  /** From the opening of the sale to the show. */
  periodMs: number;
  /** The median willingness to pay for one ticket, in cents; willingness is log-normal around it. */
  medianWillingness: number;
  /** σ of the willingness's logarithm: 0.5 puts two thirds of fans within ×0.6 to ×1.65 of the median. */
  willingnessSpread: number;
  /** Share of fans who pay slowly (see SimFan.slowPayer), 0 to 1. */
  slowPayers: number;
}

/** The last arrival is this long before the show: the slowest fan still pays before it starts. */
const LAST_ARRIVAL_BEFORE_SHOW_MS = 2 * HOUR;

/**
 * How many fans arrive in an hour of the sale, relatively: a rush at the
 * opening that fades within the first day, a lull of a trickle, and a rise
 * over the last two days before the show.
 */
export function arrivalRate(hour: number, periodHours: number): number {
  return 8 * Math.exp(-hour / 6) + 0.4 + 4 * Math.exp(-(periodHours - hour) / 24);
}

/** A draw of a standard normal variable (Box–Muller): Random has only uniform draws. */
function normal(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
}

/** The fans of `shape`, in order of arrival, numbered in that order. */
export function createFans(shape: FanShape): SimFan[] {
  const random = new Random(shape.seed);
  const hours = Math.floor((shape.periodMs - LAST_ARRIVAL_BEFORE_SHOW_MS) / HOUR);
  const rates = Array.from({ length: hours }, (_, hour) => [hour, arrivalRate(hour + 0.5, shape.periodMs / HOUR)] as const);
  const fans = Array.from({ length: shape.count }, () => {
    // On the half second, and every later moment too: no fan's step ever falls on a review (whole minutes), so
    // whether a review counts a sale made at its own moment in this window or the next never matters here.
    const arriveMs = random.weighted(rates) * HOUR + random.int(0, 3_599) * 1000 + 500;
    const reserveMs = arriveMs + random.int(30, 240) * 1000;
    const slowPayer = random.chance(shape.slowPayers);
    const payMs = reserveMs + (slowPayer ? random.int(10 * 60, 50 * 60) : random.int(20, 180)) * 1000;
    const willingness = Math.round(shape.medianWillingness * Math.exp(shape.willingnessSpread * normal(random)));
    const quantity = random.weighted([
      [1, 20],
      [2, 45],
      [3, 15],
      [4, 20],
    ]);
    return { arriveMs, reserveMs, payMs, slowPayer, willingness, quantity };
  });
  return fans.sort((a, b) => a.arriveMs - b.arriveMs).map((fan, index) => ({ index, ...fan }));
}
