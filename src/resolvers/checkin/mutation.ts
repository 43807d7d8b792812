import type { MutationResolvers } from '../../generated/graphql.js';
import { fromGlobalIdOf } from '../../relay/global-id.js';
import { isFailure } from '../../user-error.js';
import { payload } from '../payload.js';

export const Mutation: Pick<MutationResolvers, 'checkInTicket' | 'addEventStaff' | 'removeEventStaff'> = {
  checkInTicket: async (_, { input }, { checkin }) => {
    const result = await checkin.checkInTicket(input.code, input.gate);
    if (isFailure(result)) return { ticket: null, checkedInAt: null, previousCheckIn: result.previousCheckIn ?? null, userErrors: result.userErrors };
    return { ...result, previousCheckIn: null, userErrors: [] };
  },
  addEventStaff: (_, { input }, { checkin }) =>
    payload(checkin.addEventStaff(fromGlobalIdOf('Event', input.eventId, 'input.eventId'), input.email), (change) => change),
  removeEventStaff: (_, { input }, { checkin }) =>
    payload(
      checkin.removeEventStaff(fromGlobalIdOf('Event', input.eventId, 'input.eventId'), fromGlobalIdOf('User', input.userId, 'input.userId')),
      (change) => change,
    ),
};
