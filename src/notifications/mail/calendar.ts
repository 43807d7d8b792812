/**
 * The booked event as an iCalendar file (RFC 5545), for the fan's calendar: one VEVENT,
 * times in UTC, so every calendar places it right without the venue's zone rules.
 */
import ical, { ICalCalendarMethod } from 'ical-generator';
import type Mail from 'nodemailer/lib/mailer';

import { formatVenue } from './format.js';
import { brandOf } from './layout.js';
import type { EventFacts, Site } from './types.js';

/** The event's .ics attachment; `url` is the event's page. */
export function calendarAttachment(event: EventFacts, url: string, site: Site): Mail.Attachment {
  const host = new URL(site.publicUrl).hostname;
  const calendar = ical({ prodId: { company: host, product: brandOf(site), language: 'EN' }, method: ICalCalendarMethod.PUBLISH });
  calendar.createEvent({
    // One UID per event, so a second booking for it, or this file opened twice, updates one entry.
    id: `event-${event.id}@${host}`,
    start: event.startsAt,
    end: event.endsAt,
    summary: event.name,
    location: formatVenue(event.venue),
    url,
  });
  return { filename: 'event.ics', content: calendar.toString(), contentType: 'text/calendar; charset=utf-8; method=PUBLISH' };
}
