import { listEvents } from '../../catalog/events.js';
import { findEvent } from '../../catalog/find.js';
import type { QueryResolvers } from '../../generated/graphql.js';
import { pageSize } from '../../relay/connection.js';
import { fromGlobalIdOf } from '../../relay/global-id.js';

export const Query: QueryResolvers = {
  event: (_, args, { loaders, viewer }) => findEvent(loaders, viewer, fromGlobalIdOf('Event', args.id)),
  venue: async (_, args, { loaders }) => (await loaders.venueById.load(fromGlobalIdOf('Venue', args.id))) ?? null,
  performer: async (_, args, { loaders }) => (await loaders.performerById.load(fromGlobalIdOf('Performer', args.id))) ?? null,
  events: (_, { filter, first, after }, { db }) =>
    listEvents(
      db,
      {
        ...filter,
        venueId: filter?.venueId ? fromGlobalIdOf('Venue', filter.venueId, 'filter.venueId') : null,
        performerId: filter?.performerId ? fromGlobalIdOf('Performer', filter.performerId, 'filter.performerId') : null,
        statuses: filter?.status,
      },
      pageSize(first),
      after,
    ),
};
