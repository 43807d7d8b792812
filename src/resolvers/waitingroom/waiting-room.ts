import type {
  EventResolvers,
  MutationResolvers,
  QueryResolvers,
  QueuePassResolvers,
  SubscriptionResolvers,
  WaitingRoomResolvers,
} from '../../generated/graphql.js';
import { fromGlobalIdOf, toGlobalId } from '../../relay/global-id.js';
import type { PassView } from '../../waitingroom/waiting-rooms.js';
import { payload } from '../payload.js';

export const Query: QueryResolvers = {
  myQueuePass: (_, args, { waitingRooms }) => waitingRooms.myPass(fromGlobalIdOf('Event', args.eventId, 'eventId')),
};

export const Mutation: MutationResolvers = {
  configureWaitingRoom: (_, { input }, { waitingRooms }) =>
    payload(waitingRooms.configure(fromGlobalIdOf('Event', input.eventId, 'input.eventId'), input), (event) => ({ event })),
  joinWaitingRoom: (_, { input }, { waitingRooms }) =>
    payload(waitingRooms.join(fromGlobalIdOf('Event', input.eventId, 'input.eventId')), (pass) => ({ pass })),
  leaveWaitingRoom: (_, { input }, { waitingRooms }) =>
    payload(waitingRooms.leave(fromGlobalIdOf('Event', input.eventId, 'input.eventId')), (pass) => ({ pass })),
};

export const Subscription: SubscriptionResolvers = {
  queuePassChanged: {
    subscribe: (_, args, { waitingRooms }) => waitingRooms.watch(fromGlobalIdOf('Event', args.eventId, 'eventId')),
    resolve: (pass: PassView) => pass,
  },
};

export const Event: EventResolvers = {
  waitingRoom: (event, _, { waitingRooms }) => waitingRooms.room(event),
};

export const WaitingRoom: WaitingRoomResolvers = {
  admissionTtlSeconds: (room, _, { waitingRooms }) => (waitingRooms.seesSettings(room) ? room.admissionTtlSeconds : null),
  maxActiveBuyers: (room, _, { waitingRooms }) => (waitingRooms.seesSettings(room) ? room.maxActiveBuyers : null),
};

export const QueuePass: QueuePassResolvers = {
  id: (pass) => toGlobalId('QueuePass', Number(pass.id)),
  event: (pass, _, { catalog }) => catalog.existingEvent(pass.eventId),
  admissionToken: (pass, _, { waitingRooms }) => waitingRooms.admissionToken(pass),
};
