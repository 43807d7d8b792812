import { updateEvent } from '../../catalog/manage.js';
import type { MutationResolvers } from '../../generated/graphql.js';
import { fromGlobalIdOf } from '../../relay/global-id.js';

export const Mutation: MutationResolvers = {
  updateEvent: (_, { input }, { db, clock, viewer }) => updateEvent(db, clock, viewer, fromGlobalIdOf('Event', input.eventId, 'input.eventId'), input),
};
