import type { EventCancellationResolvers, EventResolvers, MutationResolvers } from '../../generated/graphql.js';
import { fromGlobalIdOf } from '../../relay/global-id.js';
import { payload } from '../payload.js';

export const Mutation: Pick<MutationResolvers, 'cancelEvent'> = {
  cancelEvent: (_, { input }, { organizer }) =>
    payload(organizer.cancellations.cancelEvent(fromGlobalIdOf('Event', input.eventId, 'input.eventId'), input.reason), (event) => ({ event })),
};

export const Event: Pick<EventResolvers, 'cancellation'> = {
  cancellation: (event, _, { organizer }) => organizer.cancellations.cancellationOf(event),
};

// The counts are the organizer's; fans see why and when.
export const EventCancellation: EventCancellationResolvers = {
  refundedBookings: (cancellation) => (cancellation.progressVisible ? cancellation.refundedBookings : null),
  totalBookings: (cancellation) => (cancellation.progressVisible ? cancellation.totalBookings : null),
};
