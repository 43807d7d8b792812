import type { BookingResolvers, EventResolvers, HoldResolvers, TicketResolvers, UserResolvers } from '../../generated/graphql.js';
import { pageSize } from '../../relay/connection.js';
import { fromGlobalIdOf, toGlobalId } from '../../relay/global-id.js';

export const Ticket: TicketResolvers = {
  id: (ticket) => toGlobalId('Ticket', ticket.id),
  event: (ticket, _, { catalog }) => catalog.existingEvent(ticket.eventId),
  section: (ticket, _, { catalog }) => catalog.existingSection(ticket.sectionId),
  price: (ticket, _, { booking }) => booking.ticketPrice(ticket),
};

export const Hold: HoldResolvers = {
  id: (hold) => toGlobalId('Hold', hold.id),
  status: (hold, _, { booking }) => booking.holdStatus(hold),
  event: (hold, _, { catalog }) => catalog.existingEvent(hold.eventId),
  tickets: (hold, _, { booking }) => booking.ticketsOfHold(hold),
  total: (hold, _, { booking }) => booking.holdTotal(hold),
  booking: (hold, _, { booking }) => booking.bookingOfHold(hold),
};

export const Booking: BookingResolvers = {
  id: (booking) => toGlobalId('Booking', booking.id),
  event: (booking, _, { catalog }) => catalog.existingEvent(booking.eventId),
  tickets: (row, _, { booking }) => booking.ticketsOfBooking(row),
  total: (booking) => ({ amount: booking.total, currency: booking.currency }),
  payment: (booking) => ({ status: booking.paymentStatus, last4: booking.cardLast4 }),
};

/** The booking fields of User: for the user themself and admins, null for anyone else. */
export const User: Pick<UserResolvers, 'bookings' | 'holds'> = {
  bookings: (user, args, { booking }) => booking.bookingsOf(user, args.first, args.after),
  holds: (user, _, { booking }) => booking.holdsOf(user),
};

/** The booking field of Event: its tickets. */
export const Event: Pick<EventResolvers, 'tickets'> = {
  tickets: (event, { filter, first, after }, { booking }) =>
    booking.ticketPage({
      eventId: event.id,
      sectionId: filter?.sectionId ? fromGlobalIdOf('Section', filter.sectionId, 'filter.sectionId') : null,
      status: filter?.status ?? null,
      size: pageSize(first, 50),
      after: after ?? null,
    }),
};
