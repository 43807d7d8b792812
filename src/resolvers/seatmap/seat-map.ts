import { listTickets } from '../../booking/tickets.js';
import { findEvent } from '../../catalog/find.js';
import { notFound } from '../../errors.js';
import type { QueryResolvers, SeatMapSectionResolvers } from '../../generated/graphql.js';
import { pageSize } from '../../relay/connection.js';
import { fromGlobalIdOf } from '../../relay/global-id.js';
import { loadSeatMap } from '../../seatmap/seat-map.js';

export const Query: QueryResolvers = {
  seatMap: async (_, args, { db, loaders, viewer, clock }) => {
    const event = await findEvent(loaders, viewer, fromGlobalIdOf('Event', args.eventId, 'eventId'));
    if (!event) throw notFound('No event has this ID.');
    return loadSeatMap(db, loaders, event, clock());
  },
};

export const SeatMapSection: SeatMapSectionResolvers = {
  price: (section) => ({ amount: section.price, currency: section.currency }),
  tickets: (section, args, { db, clock }) =>
    listTickets(db, clock(), section.eventId, { sectionId: section.sectionId }, pageSize(args.first, 100), args.after),
};
