import type { Resolvers } from '../../generated/graphql.js';
import { Node, Query } from './node.js';
import { DateTime } from './scalars.js';

/** schema/base.graphql: node(id), the Node interface and the DateTime scalar. */
export const resolvers: Resolvers = { DateTime, Node, Query };
