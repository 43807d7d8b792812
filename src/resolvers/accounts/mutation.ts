import type { AuthResult } from '../../accounts/accounts.js';
import type { MutationResolvers } from '../../generated/graphql.js';
import { fromGlobalIdOf } from '../../relay/global-id.js';
import { payload } from '../payload.js';

const authPayload = (result: Promise<AuthResult>) => payload(result, ({ token, expiresAt, user }) => ({ token, expiresAt, user }));

export const Mutation: MutationResolvers = {
  signUp: async (_, { input }, { accounts }) => authPayload(accounts.signUp(input)),
  logIn: async (_, { input }, { accounts }) => authPayload(accounts.logIn(input)),
  logOut: async (_, __, { accounts }) => {
    await accounts.logOut();
    return { userErrors: [] };
  },
  updateProfile: (_, { input }, { accounts }) => payload(accounts.updateProfile(input), (user) => ({ user })),
  setUserRole: (_, { input }, { accounts }) =>
    payload(accounts.setUserRole(fromGlobalIdOf('User', input.userId, 'input.userId'), input.role), (user) => ({ user })),
};
