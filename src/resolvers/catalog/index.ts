import type { Resolvers } from '../../generated/graphql.js';
import { Event, EventSection } from './event.js';
import { Performer } from './performer.js';
import { Query } from './query.js';
import { Section, Venue } from './venue.js';

/** schema/catalog.graphql. */
export const resolvers: Resolvers = { Query, Event, EventSection, Venue, Section, Performer };
