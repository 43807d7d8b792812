import type { Resolvers } from '../../generated/graphql.js';
import { EventSearchConnection, EventSuggestion, Query } from './query.js';

/** schema/search.graphql. */
export const resolvers: Resolvers = { Query, EventSearchConnection, EventSuggestion };
