import type { AuthResult } from '../../accounts/accounts.js';
import type { DeletedAccount } from '../../accounts/deletion.js';
import type { MutationResolvers } from '../../generated/graphql.js';
import { fromGlobalIdOf, toGlobalId } from '../../relay/global-id.js';
import type { Result } from '../../user-error.js';
import { payload } from '../payload.js';

const deletedPayload = (result: Promise<Result<DeletedAccount>>) =>
  payload(result, ({ deletedUserId }) => ({ deletedUserId: toGlobalId('User', deletedUserId) }));

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
  deleteAccount: (_, { input }, { accounts }) => deletedPayload(accounts.deleteAccount(input.password)),
  deleteUser: (_, { input }, { accounts }) => deletedPayload(accounts.deleteUser(fromGlobalIdOf('User', input.userId, 'input.userId'))),
};
