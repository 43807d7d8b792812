/**
 * The colours of available seats: one per price band, cheapest first, so a fan sees where the prices lie. Each
 * takes white text at AA contrast (4.8:1 or more), for the seat buttons that show it. Seats nobody can take now
 * are grey whatever they cost.
 */
import { formatMoney, type Money } from '../format';

export const BAND_COLOURS = ['#116329', '#0a58ca', '#8250df', '#1b7c83', '#b35900', '#bf3989'] as const;
export const HELD_COLOUR = '#afb8c1';
export const SOLD_COLOUR = '#d0d7de';

export interface PriceBand {
  colour: string;
  /** "$45.00" or "$45.00 to $60.00". */
  label: string;
}

/** Each section's band (an index in `bands`), from its price: distinct prices share out the colours in order. */
export function priceBands(prices: readonly Money[]): { bands: PriceBand[]; bandOf: number[] } {
  const amounts = [...new Set(prices.map((price) => price.amount))].sort((a, b) => a - b);
  const perBand = Math.ceil(amounts.length / BAND_COLOURS.length) || 1;
  const currency = prices[0]?.currency ?? 'USD';
  const bands: PriceBand[] = [];
  for (let first = 0; first < amounts.length; first += perBand) {
    const [low, high] = [amounts[first]!, amounts[Math.min(first + perBand, amounts.length) - 1]!];
    const money = (amount: number) => formatMoney({ amount, currency });
    bands.push({ colour: BAND_COLOURS[bands.length]!, label: low === high ? money(low) : `${money(low)} to ${money(high)}` });
  }
  return { bands, bandOf: prices.map((price) => Math.floor(amounts.indexOf(price.amount) / perBand)) };
}
