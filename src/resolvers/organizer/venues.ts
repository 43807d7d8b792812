import type { MutationResolvers, PerformerResolvers, UserResolvers, VenueResolvers } from '../../generated/graphql.js';
import { pageSize } from '../../relay/connection.js';
import { fromGlobalIdOf } from '../../relay/global-id.js';
import { payload } from '../payload.js';

export const Mutation: Pick<MutationResolvers, 'createVenue' | 'updateVenue' | 'createPerformer' | 'updatePerformer'> = {
  createVenue: (_, { input }, { organizer }) => payload(organizer.venues.createVenue(input), (venue) => ({ venue })),
  updateVenue: (_, { input: { venueId, ...changes } }, { organizer }) =>
    payload(organizer.venues.updateVenue(fromGlobalIdOf('Venue', venueId, 'input.venueId'), changes), (venue) => ({ venue })),
  createPerformer: (_, { input }, { organizer }) => payload(organizer.venues.createPerformer(input), (performer) => ({ performer })),
  updatePerformer: (_, { input: { performerId, ...changes } }, { organizer }) =>
    payload(organizer.venues.updatePerformer(fromGlobalIdOf('Performer', performerId, 'input.performerId'), changes), (performer) => ({ performer })),
};

export const Venue: Pick<VenueResolvers, 'organizer'> = {
  organizer: (venue, _, { organizer }) => organizer.venues.creatorOf(venue),
};

export const Performer: Pick<PerformerResolvers, 'createdBy'> = {
  createdBy: (performer, _, { organizer }) => organizer.venues.creatorOf(performer),
};

export const User: Pick<UserResolvers, 'venues'> = {
  venues: (user, args, { organizer }) => organizer.venues.venuesOf(user, pageSize(args.first), args.after ?? null),
};
