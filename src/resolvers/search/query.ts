import type { EventSearchConnectionResolvers, EventSuggestionResolvers, QueryResolvers } from '../../generated/graphql.js';
import { fromGlobalIdOf } from '../../relay/global-id.js';

export const Query: QueryResolvers = {
  searchEvents: (_, { filter, ...args }, { search }) =>
    search.searchEvents({
      ...args,
      filter: filter && {
        ...filter,
        venueId: filter.venueId ? fromGlobalIdOf('Venue', filter.venueId, 'filter.venueId') : null,
        performerId: filter.performerId ? fromGlobalIdOf('Performer', filter.performerId, 'filter.performerId') : null,
      },
    }),
  suggestEvents: (_, args, { search }) => search.suggestEvents(args.prefix, args.first),
};

export const EventSearchConnection: EventSearchConnectionResolvers = {
  edges: async (result, _, { search }) => (await search.hitsWithEvents(result)).map(({ cursor, highlight, event }) => ({ cursor, highlight, node: event })),
  pageInfo: ({ hits, hasNextPage }) => ({
    hasNextPage,
    hasPreviousPage: false,
    startCursor: hits[0]?.cursor ?? null,
    endCursor: hits.at(-1)?.cursor ?? null,
  }),
};

export const EventSuggestion: EventSuggestionResolvers = {
  event: (suggestion, _, { catalog }) => (suggestion.kind === 'EVENT' ? catalog.event(suggestion.eventId) : null),
  performer: (suggestion, _, { catalog }) => (suggestion.kind === 'PERFORMER' ? catalog.performer(suggestion.performerId) : null),
};
