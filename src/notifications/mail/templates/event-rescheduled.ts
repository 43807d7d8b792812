import { formatEventTime, formatVenue, sameLocalDay } from '../format.js';
import { facts, link, paragraph } from '../layout.js';
import { eventUrl } from '../links.js';
import type { MailOf, Site } from '../types.js';
import type { Content } from './content.js';

/** The event moved in time: the new times first, the old ones for comparison. */
export function eventRescheduled({ event, previous }: MailOf<'EVENT_RESCHEDULED'>, site: Site): Content {
  const change = sameLocalDay(event.startsAt, previous.startsAt, event.timeZone) ? 'time' : 'date';
  return {
    subject: `New ${change} for ${event.name}`,
    heading: `Your event has a new ${change}`,
    blocks: [
      paragraph(`${event.name} has moved. Your tickets stay valid for the new ${change}.`),
      facts(
        ['Event', event.name],
        ['Now', formatEventTime(event.startsAt, event.endsAt, event.timeZone)],
        ['Was', formatEventTime(previous.startsAt, previous.endsAt, event.timeZone)],
        ['Where', formatVenue(event.venue)],
      ),
      link('See the event', eventUrl(site, event.id)),
    ],
  };
}
