import type { EventCancellationResolvers, EventResolvers, MutationResolvers } from '../../generated/graphql.js';

export const Mutation: Pick<MutationResolvers, 'cancelEvent'> = {};
export const Event: Pick<EventResolvers, 'cancellation'> = {};
export const EventCancellation: EventCancellationResolvers = {};
