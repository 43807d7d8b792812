import { canSeeUser } from '../../accounts/policy.js';
import { findBooking, findHold, findTicket } from '../../booking/find.js';
import { findEvent } from '../../catalog/find.js';
import type { Context } from '../../context.js';
import type { NodeResolvers, QueryResolvers } from '../../generated/graphql.js';
import { fromGlobalId, type NodeType } from '../../relay/global-id.js';

/** How node(id) finds each type: the same reads, and so the same visibility, as the typed Query fields. */
const finders: Record<NodeType, (context: Context, id: number) => Promise<object | null | undefined>> = {
  Event: (context, id) => findEvent(context.loaders, context.viewer, id),
  Venue: (context, id) => context.loaders.venueById.load(id),
  Section: (context, id) => context.loaders.sectionById.load(id),
  Performer: (context, id) => context.loaders.performerById.load(id),
  User: async (context, id) => {
    const user = await context.loaders.userById.load(id);
    return user && canSeeUser(context.viewer, user) ? user : null;
  },
  Ticket: (context, id) => findTicket(context.loaders, context.viewer, id),
  Hold: (context, id) => findHold(context.loaders, context.viewer, id),
  Booking: (context, id) => findBooking(context.loaders, context.viewer, id),
};

const TYPE = Symbol('node type');

export const Query: QueryResolvers = {
  node: async (_, args, context) => {
    const { type, id } = fromGlobalId(args.id);
    const row = await finders[type](context, id);
    return row ? ({ ...row, [TYPE]: type } as never) : null;
  },
};

export const Node: NodeResolvers = {
  __resolveType: (node) => (node as unknown as { [TYPE]: NodeType })[TYPE],
};
