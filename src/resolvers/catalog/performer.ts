import type { PerformerResolvers } from '../../generated/graphql.js';
import { pageSize } from '../../relay/connection.js';
import { toGlobalId } from '../../relay/global-id.js';

export const Performer: PerformerResolvers = {
  id: (performer) => toGlobalId('Performer', performer.id),
  upcomingEvents: (performer, args, { catalog }) => catalog.upcomingEventsOfPerformer(performer, pageSize(args.first), args.after ?? null),
};
