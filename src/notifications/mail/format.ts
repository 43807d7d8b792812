/**
 * Dates, money and places as the e-mails write them, in American English. A date is
 * written as the clock reads at the venue, with the zone named, so a fan abroad is not
 * misled by their own time zone.
 */
import type { BookedTicket, EventFacts } from './types.js';

const LOCALE = 'en-US';

const dateTimeFormats = new Map<string, { full: Intl.DateTimeFormat; day: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

function formatsFor(timeZone: string) {
  let formats = dateTimeFormats.get(timeZone);
  if (!formats) {
    const day = { timeZone, weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' } as const;
    const time = { timeZone, hour: 'numeric', minute: '2-digit' } as const;
    formats = {
      full: new Intl.DateTimeFormat(LOCALE, { ...day, ...time, timeZoneName: 'long' }),
      day: new Intl.DateTimeFormat(LOCALE, day),
      time: new Intl.DateTimeFormat(LOCALE, time),
    };
    dateTimeFormats.set(timeZone, formats);
  }
  return formats;
}

/** "Saturday, June 14, 2025 at 8:00 PM Central European Summer Time". */
export function formatDateTime(instant: Date, timeZone: string): string {
  return formatsFor(timeZone).full.format(instant);
}

/**
 * When an event runs, at its venue: "Saturday, June 14, 2025 at 8:00 PM Central European
 * Summer Time, until 11:30 PM"; the end's date is written too when it falls on another day.
 */
export function formatEventTime(startsAt: Date, endsAt: Date, timeZone: string): string {
  const { day, time } = formatsFor(timeZone);
  const end = sameLocalDay(startsAt, endsAt, timeZone) ? time.format(endsAt) : `${day.format(endsAt)} at ${time.format(endsAt)}`;
  return `${formatDateTime(startsAt, timeZone)}, until ${end}`;
}

/** Whether two instants fall on the same calendar day in `timeZone`. */
export function sameLocalDay(a: Date, b: Date, timeZone: string): boolean {
  const { day } = formatsFor(timeZone);
  return day.format(a) === day.format(b);
}

/** An amount in minor units of `currency` as people read it: 8950 USD is "$89.50", 1200 JPY "¥1,200". */
export function formatMoney(amount: number, currency: string): string {
  const format = new Intl.NumberFormat(LOCALE, { style: 'currency', currency });
  return format.format(amount / 10 ** format.resolvedOptions().maximumFractionDigits!);
}

/** "Olympia Hall, Berlin, DE". */
export function formatVenue(venue: EventFacts['venue']): string {
  return `${venue.name}, ${venue.city}, ${venue.country}`;
}

/** "Section Floor A, row 3, seat 12", or without the row for a section without rows. */
export function formatSeat(ticket: Pick<BookedTicket, 'section' | 'row' | 'number'>): string {
  return [`Section ${ticket.section}`, ticket.row === null ? undefined : `row ${ticket.row}`, `seat ${ticket.number}`].filter(Boolean).join(', ');
}

/** "card ending 4242", or "your payment method" when the provider gave no last digits. */
export function formatCard(last4: string | null): string {
  return last4 === null ? 'your payment method' : `card ending ${last4}`;
}
