import { updateEvent } from '../../catalog/manage.js';
import type { MutationResolvers } from '../../generated/graphql.js';
import { fromGlobalIdOf } from '../../relay/global-id.js';
import { payload } from '../payload.js';

export const Mutation: MutationResolvers = {
  updateEvent: async (_, { input }, { db, clock, viewer }) =>
    payload(await updateEvent(db, clock, viewer, fromGlobalIdOf('Event', input.eventId, 'input.eventId'), input), (event) => ({ event })),
};
