import type { EventResolvers, MutationResolvers, PriceInput } from '../../generated/graphql.js';
import { fromGlobalIdOf, toGlobalId } from '../../relay/global-id.js';
import { payload } from '../payload.js';

const performerIdsOf = (ids: readonly string[] | null | undefined) => ids?.map((id, i) => fromGlobalIdOf('Performer', id, `input.performerIds[${i}]`));
const pricesOf = (prices: readonly PriceInput[] | null | undefined) =>
  prices?.map((price, i) => ({ ...price, sectionId: fromGlobalIdOf('Section', price.sectionId, `input.prices[${i}].sectionId`) }));

export const Mutation: Pick<MutationResolvers, 'createEvent' | 'updateEvent' | 'publishEvent' | 'deleteEvent'> = {
  createEvent: (_, { input }, { organizer }) =>
    payload(
      organizer.events.createEvent({
        ...input,
        venueId: fromGlobalIdOf('Venue', input.venueId, 'input.venueId'),
        performerIds: performerIdsOf(input.performerIds),
        prices: pricesOf(input.prices),
      }),
      (event) => ({ event }),
    ),
  updateEvent: (_, { input }, { organizer }) =>
    payload(
      organizer.events.updateEvent(fromGlobalIdOf('Event', input.eventId, 'input.eventId'), {
        ...input,
        venueId: input.venueId == null ? null : fromGlobalIdOf('Venue', input.venueId, 'input.venueId'),
        performerIds: performerIdsOf(input.performerIds),
        prices: pricesOf(input.prices),
      }),
      (event) => ({ event }),
    ),
  publishEvent: (_, { input }, { organizer }) =>
    payload(organizer.events.publishEvent(fromGlobalIdOf('Event', input.eventId, 'input.eventId')), (event) => ({ event })),
  deleteEvent: (_, { input }, { organizer }) =>
    payload(organizer.events.deleteEvent(fromGlobalIdOf('Event', input.eventId, 'input.eventId')), ({ eventId }) => ({
      deletedEventId: toGlobalId('Event', eventId),
    })),
};

export const Event: Pick<EventResolvers, 'ticketLimitPerUser' | 'holdTtlSeconds'> = {
  ticketLimitPerUser: (event) => event.ticketLimit,
  holdTtlSeconds: (event) => event.holdTtlSeconds,
};
