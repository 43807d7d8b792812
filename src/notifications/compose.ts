/**
 * What a notification says, read from the database when it is sent: the
 * booking, event and recipient as they are then (a fan who renamed
 * themselves is greeted by the new name), with each ticket's signed code.
 */
import { signTicketCode } from '../checkin/ticket-code.js';
import type { Sql } from '../db/client.js';
import { toGlobalId } from '../relay/global-id.js';
import type { EventFacts, MailMessage, Recipient } from './mail/types.js';
import { bookingFacts, eventFacts, type NotificationRow } from './store.js';

/** A notification whose booking or event is gone: nothing to say, and no retry will change that. */
export class NothingToSay extends Error {
  override name = 'NothingToSay';
}

async function eventOf(sql: Sql, eventId: number | null): Promise<EventFacts & { cancellationReason: string | null }> {
  const event = eventId === null ? undefined : await eventFacts(sql, eventId);
  if (!event) throw new NothingToSay(`event ${eventId} is gone`);
  return {
    id: toGlobalId('Event', event.id),
    name: event.title,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    timeZone: event.timeZone,
    venue: { name: event.venueName, city: event.city, country: event.country },
    cancellationReason: event.cancellationReason,
  };
}

async function bookingOf(sql: Sql, bookingId: number | null, ticketSecret: string, eventId: number) {
  const booking = bookingId === null ? undefined : await bookingFacts(sql, bookingId);
  if (!booking) throw new NothingToSay(`booking ${bookingId} is gone`);
  const tickets = booking.tickets.map(({ ticketId, ...seat }) => ({ ...seat, code: signTicketCode(ticketSecret, { ticketId, eventId, serial: booking.id }) }));
  return { id: toGlobalId('Booking', booking.id), total: booking.total, currency: booking.currency, last4: booking.last4, tickets };
}

/** The message `notification` stands for, to `to`. */
export async function compose(sql: Sql, notification: NotificationRow, to: Recipient, ticketSecret: string): Promise<MailMessage> {
  const { kind, details } = notification;
  if (kind === 'WELCOME') return { kind, to };
  const { cancellationReason, ...event } = await eventOf(sql, notification.eventId);
  if (kind === 'EVENT_RESCHEDULED') {
    const previous = { startsAt: new Date(String(details.previousStartsAt)), endsAt: new Date(String(details.previousEndsAt)) };
    return { kind, to, event, previous };
  }
  const { tickets, ...booking } = await bookingOf(sql, notification.bookingId, ticketSecret, notification.eventId!);
  switch (kind) {
    case 'BOOKING_CONFIRMED':
      return { kind, to, event, booking: { ...booking, tickets } };
    case 'BOOKING_CANCELLED':
      return { kind, to, event, booking, refund: details.refund === 'VOIDED' ? 'VOIDED' : 'REFUNDED', eventCancelled: details.eventCancelled === true };
    case 'EVENT_CANCELLED':
      return { kind, to, event, reason: cancellationReason ?? '', booking };
  }
}
