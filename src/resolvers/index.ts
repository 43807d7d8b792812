import type { Resolvers } from '../generated/graphql.js';
import { Mutation as AccountMutation, Query as AccountQuery } from './accounts/mutation.js';
import { User } from './accounts/user.js';
import { Mutation as BookingMutation, Query as BookingQuery } from './booking/mutation.js';
import { Booking, Hold, Ticket, UserBookings } from './booking/types.js';
import { Event, EventSection } from './catalog/event.js';
import { Mutation as CatalogMutation, Query as CatalogQuery } from './catalog/query.js';
import { Performer } from './catalog/performer.js';
import { Section, Venue } from './catalog/venue.js';
import { Node, Query as NodeQuery } from './node.js';
import { Query as SeatMapQuery, SeatChange, SeatMapDelta, SeatMapSection, Subscription } from './seatmap/seat-map.js';
import { EventSearchConnection, EventSuggestion, Query as SearchQuery } from './search/query.js';
import { DateTime } from './scalars.js';

export const resolvers: Resolvers = {
  DateTime,
  Node,
  Query: { ...NodeQuery, ...CatalogQuery, ...AccountQuery, ...BookingQuery, ...SeatMapQuery, ...SearchQuery },
  Mutation: { ...AccountMutation, ...CatalogMutation, ...BookingMutation },
  Event,
  EventSection,
  Venue,
  Section,
  Performer,
  User: { ...User, ...UserBookings },
  Ticket,
  Hold,
  Booking,
  SeatMapSection,
  Subscription,
  SeatMapDelta,
  SeatChange,
  EventSearchConnection,
  EventSuggestion,
};
