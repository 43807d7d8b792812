import { formatCard, formatMoney } from '../format.js';
import { facts, link, paragraph } from '../layout.js';
import { bookingUrl } from '../links.js';
import type { MailOf, Site } from '../types.js';
import type { Content } from './content.js';
import { eventRows } from './event-rows.js';

/** A booking ended and its money settled: cancelled by the fan, or with its event (then the refund that EVENT_CANCELLED announced is done). */
export function bookingCancelled({ event, booking, refund, eventCancelled }: MailOf<'BOOKING_CANCELLED'>, site: Site): Content {
  const total = formatMoney(booking.total, booking.currency);
  const card = formatCard(booking.last4);
  return {
    subject: eventCancelled ? `Your refund for ${event.name} is done` : `Your booking for ${event.name} is cancelled`,
    heading: eventCancelled ? 'Your refund is done' : 'Your booking is cancelled',
    blocks: [
      paragraph(
        eventCancelled
          ? `${event.name} was called off, and your booking with it.`
          : `Your booking for ${event.name} is cancelled: its tickets no longer get anyone in.`,
      ),
      paragraph(
        refund === 'REFUNDED'
          ? `We refunded ${total} to your ${card}. Your bank may take a few days to show it.`
          : `Your payment of ${total} was never taken: the amount held on your ${card} is released.`,
      ),
      facts(...eventRows(event), [refund === 'REFUNDED' ? 'Refunded' : 'Released', total]),
      link('See your booking', bookingUrl(site, booking.id)),
    ],
  };
}
