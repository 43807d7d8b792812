import type { MutationResolvers, QueryResolvers } from '../../generated/graphql.js';
import { fromGlobalIdOf } from '../../relay/global-id.js';

export const Query: QueryResolvers = {
  me: async (_, __, { viewer, loaders }) => (viewer ? ((await loaders.userById.load(viewer.userId)) ?? null) : null),
};

export const Mutation: MutationResolvers = {
  signUp: (_, { input }, { accounts }) => accounts.signUp(input),
  logIn: (_, { input }, { accounts, clientAddress }) => accounts.logIn(input, clientAddress),
  logOut: async (_, __, { accounts, viewer }) => {
    await accounts.logOut(viewer);
    return { userErrors: [] };
  },
  updateProfile: (_, { input }, { accounts, viewer }) => accounts.updateProfile(viewer, input),
  setUserRole: (_, { input }, { accounts, viewer }) => accounts.setUserRole(viewer, fromGlobalIdOf('User', input.userId, 'input.userId'), input.role),
};
