import type { UserResolvers } from '../../generated/graphql.js';
import { toGlobalId } from '../../relay/global-id.js';

export const User: UserResolvers = {
  id: (user) => toGlobalId('User', user.id),
  email: (user, _, { accounts }) => accounts.emailOf(user),
};
