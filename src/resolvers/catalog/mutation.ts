import type { MutationResolvers } from '../../generated/graphql.js';
import { fromGlobalIdOf } from '../../relay/global-id.js';
import { payload } from '../payload.js';

export const Mutation: MutationResolvers = {
  updateEvent: (_, { input }, { catalog }) =>
    payload(catalog.updateEvent(fromGlobalIdOf('Event', input.eventId, 'input.eventId'), input), (event) => ({ event })),
};
