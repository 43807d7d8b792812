import type { AuthResult } from '../../accounts/accounts.js';
import type { Context } from '../../context.js';
import type { MutationResolvers } from '../../generated/graphql.js';
import { fromGlobalIdOf } from '../../relay/global-id.js';

/** From a successful sign-up or log-in on, the request is the new session's user's: it may see its own email. */
function actAsNewSession(context: Context, result: AuthResult): AuthResult {
  if ('viewer' in result) context.viewer = result.viewer;
  return result;
}

export const Mutation: MutationResolvers = {
  signUp: async (_, { input }, context) => {
    await context.rateLimits.signUp(context.clientAddress);
    return actAsNewSession(context, await context.accounts.signUp(input));
  },
  logIn: async (_, { input }, context) => actAsNewSession(context, await context.accounts.logIn(input, context.clientAddress)),
  logOut: async (_, __, { accounts, viewer }) => {
    await accounts.logOut(viewer);
    return { userErrors: [] };
  },
  updateProfile: (_, { input }, { accounts, viewer }) => accounts.updateProfile(viewer, input),
  setUserRole: (_, { input }, { accounts, viewer }) => accounts.setUserRole(viewer, fromGlobalIdOf('User', input.userId, 'input.userId'), input.role),
};
