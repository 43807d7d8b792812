import type { MutationResolvers, PerformerResolvers, UserResolvers, VenueResolvers } from '../../generated/graphql.js';

export const Mutation: Pick<MutationResolvers, 'createVenue' | 'updateVenue' | 'createPerformer' | 'updatePerformer'> = {};
export const Venue: Pick<VenueResolvers, 'organizer'> = {};
export const Performer: Pick<PerformerResolvers, 'createdBy'> = {};
export const User: Pick<UserResolvers, 'venues'> = {};
