import { listEvents } from '../../catalog/events.js';
import { UPCOMING_STATUSES } from '../../catalog/visibility.js';
import type { PerformerResolvers } from '../../generated/graphql.js';
import { pageSize } from '../../relay/connection.js';
import { toGlobalId } from '../../relay/global-id.js';

export const Performer: PerformerResolvers = {
  id: (performer) => toGlobalId('Performer', performer.id),
  upcomingEvents: (performer, args, { db, clock }) =>
    listEvents(db, { performerId: performer.id, startsAfter: clock(), statuses: UPCOMING_STATUSES }, pageSize(args.first), args.after),
};
