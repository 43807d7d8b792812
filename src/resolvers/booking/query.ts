import type { QueryResolvers } from '../../generated/graphql.js';
import { fromGlobalIdOf } from '../../relay/global-id.js';

export const Query: QueryResolvers = {
  hold: (_, args, { booking }) => booking.hold(fromGlobalIdOf('Hold', args.id)),
  booking: (_, args, { booking }) => booking.booking(fromGlobalIdOf('Booking', args.id)),
};
