import type { PerformerResolvers } from '../../generated/graphql.js';
import { pageSize } from '../../relay/connection.js';
import { toGlobalId } from '../../relay/global-id.js';

export const Performer: PerformerResolvers = {
  id: (performer) => toGlobalId('Performer', performer.id),
  // Batched: the pages of every performer of a list are read in one statement.
  upcomingEvents: (performer, args, { loaders }) =>
    loaders.upcomingEventsByPerformer.load({ parentId: performer.id, size: pageSize(args.first), after: args.after ?? null }),
};
