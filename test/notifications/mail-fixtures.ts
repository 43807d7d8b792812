/**
 * Messages for the e-mail tests (mail-*.test.ts): a fan, an evening event in Berlin and
 * their booking of two tickets with real signed codes, and a reader for the .ics file.
 */
import { signTicketCode } from '../../src/checkin/ticket-code.js';
import type { BookedTicket, EventFacts, MailOf, Recipient, Site } from '../../src/notifications/mail/types.js';

export const SITE: Site = { publicUrl: 'https://tickets.example.com', from: 'Ticketing <tickets@example.com>' };

export const FAN: Recipient = { name: 'Ana Lima', email: 'ana@example.com' };

/** 20:00 to 23:30 in Berlin, in summer time. */
export const EVENT: EventFacts = {
  id: 'RXZlbnQ6NDI',
  name: 'Night Sky Orchestra',
  startsAt: new Date('2025-06-14T18:00:00Z'),
  endsAt: new Date('2025-06-14T21:30:00Z'),
  timeZone: 'Europe/Berlin',
  venue: { name: 'Olympia Hall', city: 'Berlin', country: 'DE' },
};

/** EVENT's times as the e-mails write them. */
export const EVENT_TIME = 'Saturday, June 14, 2025 at 8:00 PM Central European Summer Time, until 11:30 PM';

export const TICKETS: BookedTicket[] = [
  { section: 'Floor A', row: '3', number: 12, price: 8_950, code: signTicketCode('test-secret', { ticketId: 501, eventId: 42, serial: 77 }) },
  { section: 'Floor A', row: '3', number: 13, price: 8_950, code: signTicketCode('test-secret', { ticketId: 502, eventId: 42, serial: 77 }) },
];

export function bookingConfirmed(overrides: Partial<MailOf<'BOOKING_CONFIRMED'>> = {}): MailOf<'BOOKING_CONFIRMED'> {
  return {
    kind: 'BOOKING_CONFIRMED',
    to: FAN,
    event: EVENT,
    booking: { id: 'Qm9va2luZzo3Nw', total: 17_900, currency: 'EUR', last4: '4242', tickets: TICKETS },
    ...overrides,
  };
}

/** The properties of an iCalendar file's calendar and its first VEVENT, by name (parameters dropped), with DTSTART and DTEND as dates. */
export function readIcs(text: string): { calendar: Record<string, string>; event: Record<string, string>; start: Date; end: Date } {
  // RFC 5545 3.1: a line break followed by a space or tab continues the line.
  const lines = text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  const calendar: Record<string, string> = {};
  const event: Record<string, string> = {};
  let target = calendar;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') target = event;
    else if (line === 'END:VEVENT') target = {};
    else {
      const match = /^([A-Z-]+)(?:;[^:]*)?:(.*)$/.exec(line);
      if (match && !(match[1]! in target)) target[match[1]!] = match[2]!;
    }
  }
  const utc = (value: string | undefined) => {
    const parts = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
    if (!parts) throw new Error(`not a UTC date-time: ${value}`);
    const [, y, mo, d, h, mi, s] = parts.map(Number) as number[];
    return new Date(Date.UTC(y!, mo! - 1, d, h, mi, s));
  };
  return { calendar, event, start: utc(event.DTSTART), end: utc(event.DTEND) };
}
