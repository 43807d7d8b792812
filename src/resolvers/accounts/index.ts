import type { Resolvers } from '../../generated/graphql.js';
import { Mutation } from './mutation.js';
import { Query } from './query.js';
import { User } from './user.js';

/** schema/accounts.graphql. */
export const resolvers: Resolvers = { Query, Mutation, User };
