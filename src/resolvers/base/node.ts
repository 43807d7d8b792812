import type { Context } from '../../context.js';
import type { NodeResolvers, QueryResolvers } from '../../generated/graphql.js';
import { fromGlobalId, type NodeType } from '../../relay/global-id.js';

/** How node(id) finds each type: the same reads, and so the same visibility, as the typed Query fields. */
const finders: Record<NodeType, (context: Context, id: number) => Promise<object | null>> = {
  Event: ({ catalog }, id) => catalog.event(id),
  Venue: ({ catalog }, id) => catalog.venue(id),
  Section: ({ catalog }, id) => catalog.section(id),
  Performer: ({ catalog }, id) => catalog.performer(id),
  User: ({ accounts }, id) => accounts.user(id),
  Ticket: ({ booking }, id) => booking.ticket(id),
  Hold: ({ booking }, id) => booking.hold(id),
  Booking: ({ booking }, id) => booking.booking(id),
  QueuePass: ({ waitingRooms }, id) => waitingRooms.pass(String(id)),
  Partner: ({ partners }, id) => partners.partner(id),
  PartnerApiKey: ({ partners }, id) => partners.apiKey(id),
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
