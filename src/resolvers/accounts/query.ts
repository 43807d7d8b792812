import type { QueryResolvers } from '../../generated/graphql.js';

export const Query: QueryResolvers = {
  me: async (_, __, { accounts }) => accounts.me(),
};
