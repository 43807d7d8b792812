import { findBooking, findHold } from '../../booking/find.js';
import type { QueryResolvers } from '../../generated/graphql.js';
import { fromGlobalIdOf } from '../../relay/global-id.js';

export const Query: QueryResolvers = {
  hold: (_, args, { loaders, viewer }) => findHold(loaders, viewer, fromGlobalIdOf('Hold', args.id)),
  booking: (_, args, { loaders, viewer }) => findBooking(loaders, viewer, fromGlobalIdOf('Booking', args.id)),
};
