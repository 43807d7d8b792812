import type { Resolvers } from '../../generated/graphql.js';
import { Event, EventSection } from './event.js';
import { Mutation } from './mutation.js';
import { Performer } from './performer.js';
import { Query } from './query.js';
import { Section, Venue } from './venue.js';

/** schema/catalog.graphql. */
export const resolvers: Resolvers = { Query, Mutation, Event, EventSection, Venue, Section, Performer };
