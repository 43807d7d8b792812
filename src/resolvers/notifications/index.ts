import type { Resolvers } from '../../generated/graphql.js';

/** schema/notifications.graphql. */
export const resolvers: Resolvers = {
  Query: {
    adminJobs: (_, { status, first, after }, { notifications }) => notifications.jobs(status, first, after),
  },
  User: {
    notifications: (user, { first, after }, { notifications }) => notifications.notificationsOf(user, first, after),
  },
  Notification: {
    booking: (notification, _, { booking }) => (notification.bookingId === null ? null : booking.booking(notification.bookingId)),
    event: (notification, _, { catalog }) => (notification.eventId === null ? null : catalog.event(notification.eventId)),
  },
  QueueJob: {
    status: (job) => job.state,
  },
};
