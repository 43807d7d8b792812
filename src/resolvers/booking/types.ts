import { holdStatusAt } from '../../booking/holds.js';
import { listBookings, liveHolds } from '../../booking/lists.js';
import { canSeeRecord } from '../../accounts/policy.js';
import { loadExisting } from '../../catalog/find.js';
import type { CatalogLoaders } from '../../catalog/loaders.js';
import type { BookingResolvers, EventResolvers, HoldResolvers, TicketResolvers, UserResolvers } from '../../generated/graphql.js';
import { pageSize } from '../../relay/connection.js';
import { fromGlobalIdOf, toGlobalId } from '../../relay/global-id.js';

/** An amount in the currency of the event it belongs to. */
async function money(loaders: CatalogLoaders, eventId: number, amount: number) {
  return { amount, currency: (await loadExisting(loaders.eventById, eventId, 'event')).currency };
}

export const Ticket: TicketResolvers = {
  id: (ticket) => toGlobalId('Ticket', ticket.id),
  event: (ticket, _, { loaders }) => loadExisting(loaders.eventById, ticket.eventId, 'event'),
  section: (ticket, _, { loaders }) => loadExisting(loaders.sectionById, ticket.sectionId, 'section'),
  price: (ticket, _, { loaders }) => money(loaders, ticket.eventId, ticket.price),
};

export const Hold: HoldResolvers = {
  id: (hold) => toGlobalId('Hold', hold.id),
  status: (hold, _, { clock }) => holdStatusAt(hold, clock()),
  event: (hold, _, { loaders }) => loadExisting(loaders.eventById, hold.eventId, 'event'),
  tickets: (hold, _, { loaders }) => loaders.ticketsByHoldId.load(hold.id),
  total: async (hold, _, { loaders }) =>
    money(
      loaders,
      hold.eventId,
      (await loaders.ticketsByHoldId.load(hold.id)).reduce((sum, ticket) => sum + ticket.price, 0),
    ),
  booking: async (hold, _, { loaders }) => (await loaders.bookingByHoldId.load(hold.id)) ?? null,
};

export const Booking: BookingResolvers = {
  id: (booking) => toGlobalId('Booking', booking.id),
  event: (booking, _, { loaders }) => loadExisting(loaders.eventById, booking.eventId, 'event'),
  tickets: (booking, _, { loaders }) => loaders.ticketsByHoldId.load(booking.holdId),
  total: (booking) => ({ amount: booking.total, currency: booking.currency }),
  payment: (booking) => ({ status: booking.paymentStatus, last4: booking.cardLast4 }),
};

/** The booking fields of User: for the user themself and admins, null for anyone else. */
export const User: Pick<UserResolvers, 'bookings' | 'holds'> = {
  bookings: (user, args, { db, viewer }) => (canSeeRecord(viewer, { userId: user.id }) ? listBookings(db, user.id, pageSize(args.first), args.after) : null),
  holds: (user, _, { db, clock, viewer }) => (canSeeRecord(viewer, { userId: user.id }) ? liveHolds(db, user.id, clock()) : null),
};

/** The booking field of Event: its tickets. */
export const Event: Pick<EventResolvers, 'tickets'> = {
  // Batched: the pages of every event of a list are read in one statement.
  tickets: (event, { filter, first, after }, { loaders }) =>
    loaders.ticketPages.load({
      eventId: event.id,
      sectionId: filter?.sectionId ? fromGlobalIdOf('Section', filter.sectionId, 'filter.sectionId') : null,
      status: filter?.status ?? null,
      size: pageSize(first, 50),
      after: after ?? null,
    }),
};
