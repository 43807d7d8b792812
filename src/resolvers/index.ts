import type { Resolvers } from '../generated/graphql.js';
import { Event, EventSection } from './catalog/event.js';
import { Query as CatalogQuery } from './catalog/query.js';
import { Performer, Section, Venue } from './catalog/venue.js';
import { Node, Query as NodeQuery } from './node.js';
import { DateTime } from './scalars.js';

export const resolvers: Resolvers = {
  DateTime,
  Node,
  Query: { ...NodeQuery, ...CatalogQuery },
  Event,
  EventSection,
  Venue,
  Section,
  Performer,
};
