import { formatMoney } from '../format.js';
import { facts, link, paragraph } from '../layout.js';
import { bookingUrl } from '../links.js';
import type { MailOf, Site } from '../types.js';
import type { Content } from './content.js';
import { eventRows } from './event-rows.js';

/** The organizer called the event off: the fan's booking goes with it, and its refund is under way (BOOKING_CANCELLED says when it is done). */
export function eventCancelled({ event, reason, booking }: MailOf<'EVENT_CANCELLED'>, site: Site): Content {
  const total = formatMoney(booking.total, booking.currency);
  return {
    subject: `${event.name} is cancelled`,
    heading: 'Your event is cancelled',
    blocks: [
      ...(reason.trim()
        ? [paragraph(`We are sorry: ${event.name} will not take place. The organizer wrote:`), paragraph(reason)]
        : [paragraph(`We are sorry: ${event.name} will not take place.`)]),
      facts(...eventRows(event)),
      paragraph(`Your booking is cancelled with it, and its refund of ${total} is under way: we will write again once it is done.`),
      link('See your booking', bookingUrl(site, booking.id)),
    ],
  };
}
