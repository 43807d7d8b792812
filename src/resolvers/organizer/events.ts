import type { EventResolvers, MutationResolvers } from '../../generated/graphql.js';

export const Mutation: Pick<MutationResolvers, 'createEvent' | 'updateEvent' | 'publishEvent' | 'deleteEvent'> = {};
export const Event: Pick<EventResolvers, 'ticketLimitPerUser' | 'holdTtlSeconds'> = {};
