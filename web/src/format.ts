/** How the app writes money and dates, in the browser's language. */

export interface Money {
  /** Minor units: 8950 with USD is $89.50. */
  amount: number;
  currency: string;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** "$89.50" for { amount: 8950, currency: 'USD' }. */
export function formatMoney({ amount, currency }: Money): string {
  let format = moneyFormats.get(currency);
  if (!format) moneyFormats.set(currency, (format = new Intl.NumberFormat(undefined, { style: 'currency', currency })));
  return format.format(amount / 100);
}

/** "Dec 12, 2026, 8:00 PM EST": an event's start as the venue's clock shows it, wherever the fan is. */
export function formatEventDate(startsAt: string, timeZone: string): string {
  // Each part by name: Intl refuses timeZoneName beside dateStyle/timeStyle (a TypeError, in every browser).
  return new Intl.DateTimeFormat(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(startsAt));
}
