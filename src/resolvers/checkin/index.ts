import type { Resolvers } from '../../generated/graphql.js';
import { Mutation } from './mutation.js';
import { Event, Ticket } from './types.js';

/** schema/checkin.graphql, with the fields it adds to Ticket (code, qrCode) and Event (staff, checkIns). */
export const resolvers: Resolvers = { Mutation, Ticket, Event };
