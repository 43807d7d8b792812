import type { EventSearchConnectionResolvers, EventSuggestionResolvers, QueryResolvers } from '../../generated/graphql.js';
import { findEvent } from '../../catalog/find.js';
import { fromGlobalIdOf } from '../../relay/global-id.js';
import { searchRequest, suggestionRequest } from '../../search/request.js';

export const Query: QueryResolvers = {
  searchEvents: (_, { filter, ...args }, { search, clock }) =>
    search.search(
      searchRequest(
        {
          ...args,
          filter: filter && {
            ...filter,
            venueId: filter.venueId ? fromGlobalIdOf('Venue', filter.venueId, 'filter.venueId') : null,
            performerId: filter.performerId ? fromGlobalIdOf('Performer', filter.performerId, 'filter.performerId') : null,
          },
        },
        clock(),
      ),
    ),
  suggestEvents: (_, args, { search, clock }) => {
    const { prefix, limit } = suggestionRequest(args.prefix, args.first);
    return prefix ? search.suggest(prefix, limit, clock()) : [];
  },
};

export const EventSearchConnection: EventSearchConnectionResolvers = {
  // The index trails the catalog by a moment: an event deleted or made a draft since is left out.
  edges: async ({ hits }, _, { loaders, viewer }) => {
    const events = await Promise.all(hits.map((hit) => findEvent(loaders, viewer, hit.eventId)));
    return hits.flatMap((hit, i) => (events[i] ? [{ cursor: hit.cursor, highlight: hit.highlight, node: events[i] }] : []));
  },
  pageInfo: ({ hits, hasNextPage }) => ({
    hasNextPage,
    hasPreviousPage: false,
    startCursor: hits[0]?.cursor ?? null,
    endCursor: hits.at(-1)?.cursor ?? null,
  }),
};

export const EventSuggestion: EventSuggestionResolvers = {
  event: (suggestion, _, { loaders, viewer }) => (suggestion.kind === 'EVENT' ? findEvent(loaders, viewer, suggestion.eventId) : null),
  performer: async (suggestion, _, { loaders }) =>
    suggestion.kind === 'PERFORMER' ? ((await loaders.performerById.load(suggestion.performerId)) ?? null) : null,
};
