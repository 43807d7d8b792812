import type { QueryResolvers } from '../../generated/graphql.js';

export const Query: QueryResolvers = {
  me: async (_, __, { viewer, loaders }) => (viewer ? ((await loaders.userById.load(viewer.userId)) ?? null) : null),
};
