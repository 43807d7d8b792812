import type { AuthResult } from '../../accounts/accounts.js';
import type { Context } from '../../context.js';
import type { MutationResolvers } from '../../generated/graphql.js';
import { fromGlobalIdOf } from '../../relay/global-id.js';
import { isFailure } from '../../user-error.js';
import { payload } from '../payload.js';

/** From a successful sign-up or log-in on, the request is the new session's user's: it may see its own email. */
function actAsNewSession(context: Context, result: AuthResult) {
  if (!isFailure(result)) context.viewer = result.viewer;
  return payload(result, ({ token, expiresAt, user }) => ({ token, expiresAt, user }));
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
  updateProfile: async (_, { input }, { accounts, viewer }) => payload(await accounts.updateProfile(viewer, input), (user) => ({ user })),
  setUserRole: async (_, { input }, { accounts, viewer }) =>
    payload(await accounts.setUserRole(viewer, fromGlobalIdOf('User', input.userId, 'input.userId'), input.role), (user) => ({ user })),
};
