import type { Resolvers } from '../../generated/graphql.js';
import * as cancellation from './cancellation.js';
import * as events from './events.js';
import * as reports from './reports.js';
import * as venues from './venues.js';

/** schema/organizer.graphql, with the fields it adds to Event, Venue, Performer, Booking and User. */
export const resolvers: Resolvers = {
  Mutation: { ...venues.Mutation, ...events.Mutation, ...cancellation.Mutation },
  Event: { ...events.Event, ...cancellation.Event, ...reports.Event },
  Venue: venues.Venue,
  Performer: venues.Performer,
  User: { ...venues.User, ...reports.User },
  Booking: reports.Booking,
  EventSales: reports.EventSales,
  SectionSales: reports.SectionSales,
  DailySales: reports.DailySales,
  EventCancellation: cancellation.EventCancellation,
};
