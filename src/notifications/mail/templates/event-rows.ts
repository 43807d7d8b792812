import { formatEventTime, formatVenue } from '../format.js';
import type { EventFacts } from '../types.js';

/** The event, when and where, as fact rows: what every message about an event shows. */
export function eventRows(event: EventFacts): [label: string, value: string][] {
  return [
    ['Event', event.name],
    ['When', formatEventTime(event.startsAt, event.endsAt, event.timeZone)],
    ['Where', formatVenue(event.venue)],
  ];
}
