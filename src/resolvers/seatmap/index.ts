import type { Resolvers } from '../../generated/graphql.js';
import { Query, SeatChange, SeatMapDelta, SeatMapSection, Subscription } from './seat-map.js';

/** schema/seatmap.graphql. */
export const resolvers: Resolvers = { Query, Subscription, SeatMapSection, SeatMapDelta, SeatChange };
