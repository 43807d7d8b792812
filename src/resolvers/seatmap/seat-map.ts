import type { QueryResolvers, SeatChangeResolvers, SeatMapDeltaResolvers, SeatMapSectionResolvers, SubscriptionResolvers } from '../../generated/graphql.js';
import { pageSize } from '../../relay/connection.js';
import { fromGlobalIdOf, toGlobalId } from '../../relay/global-id.js';
import type { LiveDelta } from '../../seatmap/live.js';

export const Query: QueryResolvers = {
  seatMap: async (_, args, { seatMaps }) => seatMaps.seatMap(fromGlobalIdOf('Event', args.eventId, 'eventId')),
};

export const Subscription: SubscriptionResolvers = {
  seatMapChanged: {
    subscribe: async (_, args, { seatMaps }) => seatMaps.watch(fromGlobalIdOf('Event', args.eventId, 'eventId'), args.sinceVersion),
    resolve: (delta: LiveDelta) => delta,
  },
};

export const SeatMapSection: SeatMapSectionResolvers = {
  price: (section) => ({ amount: section.price, currency: section.currency }),
  // One reading of the event's places serves every section, and later maps too.
  layout: (section, _, { seatMaps }) => seatMaps.layout(section),
  // Batched: the pages of every section of the map are read in one statement.
  tickets: (section, args, { booking }) =>
    booking.ticketPage({
      eventId: section.eventId,
      sectionId: section.sectionId,
      status: null,
      size: pageSize(args.first, 100),
      after: args.after ?? null,
    }),
};

export const SeatMapDelta: SeatMapDeltaResolvers = {
  eventId: (delta) => toGlobalId('Event', delta.eventId),
  changes: (delta) => delta.changes.map((change) => ({ ...change, currency: delta.currency })),
};

export const SeatChange: SeatChangeResolvers = {
  ticketId: (change) => toGlobalId('Ticket', change.ticketId),
  price: (change) => ({ amount: change.price, currency: change.currency }),
};
