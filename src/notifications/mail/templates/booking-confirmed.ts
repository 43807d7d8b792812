import { calendarAttachment } from '../calendar.js';
import { formatCard, formatMoney, formatSeat } from '../format.js';
import { facts, link, paragraph } from '../layout.js';
import { bookingUrl, eventUrl } from '../links.js';
import { ticketImages } from '../ticket-images.js';
import type { MailOf, Site } from '../types.js';
import type { Content } from './content.js';
import { eventRows } from './event-rows.js';

/** The order summary, with the tickets' QR codes and the event for the fan's calendar. */
export async function bookingConfirmed({ event, booking }: MailOf<'BOOKING_CONFIRMED'>, site: Site): Promise<Content> {
  const money = (amount: number) => formatMoney(amount, booking.currency);
  const tickets = booking.tickets.length === 1 ? 'is your ticket' : `are your ${booking.tickets.length} tickets`;
  const images = await ticketImages(booking.tickets, new URL(site.publicUrl).hostname);
  return {
    subject: `Your tickets for ${event.name}`,
    heading: 'Your tickets are booked',
    blocks: [
      paragraph(`Thank you for your booking. Here ${tickets} for ${event.name}: show each ticket's QR code at the door, on your phone or printed.`),
      facts(...eventRows(event)),
      facts(
        ...booking.tickets.map((ticket) => [formatSeat(ticket), money(ticket.price)] as const),
        ['Total (all-in)', money(booking.total)],
        ['Paid with', formatCard(booking.last4)],
      ),
      link('See your booking', bookingUrl(site, booking.id)),
      ...images.blocks,
      paragraph('The attached event.ics puts the event in your calendar.'),
    ],
    attachments: [calendarAttachment(event, eventUrl(site, event.id), site), ...images.attachments],
  };
}
