import type { Viewer } from '../../accounts/policy.js';
import { findEvent } from '../../catalog/find.js';
import type { CatalogLoaders } from '../../catalog/loaders.js';
import { badUserInput, notFound } from '../../errors.js';
import type { QueryResolvers, SeatChangeResolvers, SeatMapDeltaResolvers, SeatMapSectionResolvers, SubscriptionResolvers } from '../../generated/graphql.js';
import { pageSize } from '../../relay/connection.js';
import { fromGlobalIdOf, toGlobalId } from '../../relay/global-id.js';
import type { LiveDelta } from '../../seatmap/live.js';
import { loadSeatMap } from '../../seatmap/seat-map.js';

/** The event named by an `eventId` argument; NOT_FOUND when the viewer may not see it. */
async function visibleEvent(loaders: CatalogLoaders, viewer: Viewer | null, eventId: string) {
  const event = await findEvent(loaders, viewer, fromGlobalIdOf('Event', eventId, 'eventId'));
  if (!event) throw notFound('No event has this ID.');
  return event;
}

export const Query: QueryResolvers = {
  seatMap: async (_, args, { db, loaders, viewer, clock, seatMapCache }) => {
    const event = await visibleEvent(loaders, viewer, args.eventId);
    return seatMapCache.get(event.id, (previous) => loadSeatMap(db, loaders, event, clock(), previous));
  },
};

export const Subscription: SubscriptionResolvers = {
  seatMapChanged: {
    subscribe: async (_, args, { loaders, viewer, seatMaps }) => {
      const event = await visibleEvent(loaders, viewer, args.eventId);
      if (args.sinceVersion != null && args.sinceVersion < 0) throw badUserInput('sinceVersion cannot be negative.', 'sinceVersion');
      return seatMaps.watch(event, args.sinceVersion);
    },
    resolve: (delta: LiveDelta) => delta,
  },
};

export const SeatMapSection: SeatMapSectionResolvers = {
  price: (section) => ({ amount: section.price, currency: section.currency }),
  // Batched: the pages of every section of the map are read in one statement.
  tickets: (section, args, { loaders }) =>
    loaders.ticketPages.load({
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
