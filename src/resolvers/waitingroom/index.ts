import type { Resolvers } from '../../generated/graphql.js';
import { Event, Mutation, Query, QueuePass, Subscription, WaitingRoom } from './waiting-room.js';

/** schema/waitingroom.graphql. */
export const resolvers: Resolvers = { Query, Mutation, Subscription, Event, WaitingRoom, QueuePass };
