import type { Resolvers } from '../../generated/graphql.js';
import { Mutation } from './mutation.js';
import { Query } from './query.js';
import { Booking, Event, Hold, Ticket, User } from './types.js';

/** schema/booking.graphql, with the fields it adds to Event (tickets) and User (bookings, holds). */
export const resolvers: Resolvers = { Query, Mutation, Ticket, Hold, Booking, Event, User };
