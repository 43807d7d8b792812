import type { QueryResolvers } from '../../generated/graphql.js';
import { pageSize } from '../../relay/connection.js';
import { fromGlobalIdOf } from '../../relay/global-id.js';

export const Query: QueryResolvers = {
  event: (_, args, { catalog }) => catalog.event(fromGlobalIdOf('Event', args.id)),
  venue: async (_, args, { catalog }) => catalog.venue(fromGlobalIdOf('Venue', args.id)),
  performer: async (_, args, { catalog }) => catalog.performer(fromGlobalIdOf('Performer', args.id)),
  events: (_, { filter, first, after }, { catalog }) =>
    catalog.events(
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
