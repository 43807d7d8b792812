import type { UnavailableTickets } from '../../booking/types.js';
import { loadExisting } from '../../catalog/find.js';
import type { MutationResolvers } from '../../generated/graphql.js';
import { fromGlobalIdOf, toGlobalId } from '../../relay/global-id.js';
import { isFailure, type UserFailure } from '../../user-error.js';

const failed = (failure: UserFailure<UnavailableTickets>) => ({
  userErrors: failure.userErrors,
  unavailableTicketIds: (failure.unavailableTicketIds ?? []).map((id) => toGlobalId('Ticket', id)),
});

export const Mutation: MutationResolvers = {
  reserveSeats: async (_, { input }, { booking, loaders, viewer, rateLimits, clientAddress }) => {
    const { bestAvailable } = input;
    const selection = {
      ticketIds: input.ticketIds?.map((id, i) => fromGlobalIdOf('Ticket', id, `input.ticketIds[${i}]`)) ?? null,
      bestAvailable: bestAvailable
        ? {
            quantity: bestAvailable.quantity,
            sectionId: bestAvailable.sectionId ? fromGlobalIdOf('Section', bestAvailable.sectionId, 'input.bestAvailable.sectionId') : null,
            maxPrice: bestAvailable.maxPrice ?? null,
          }
        : null,
    };
    const eventId = fromGlobalIdOf('Event', input.eventId, 'input.eventId');
    await rateLimits.reserveSeats(viewer, clientAddress, eventId);
    const result = await booking.reserveSeats(viewer, eventId, selection, input.idempotencyKey);
    if (isFailure(result)) return { hold: null, ...failed(result) };
    return { hold: await loadExisting(loaders.holdById, result.holdId, 'hold'), userErrors: [], unavailableTicketIds: [] };
  },

  releaseHold: async (_, { input }, { booking, loaders, viewer, rateLimits, clientAddress }) => {
    const holdId = fromGlobalIdOf('Hold', input.holdId, 'input.holdId');
    await rateLimits.releaseHold(viewer, clientAddress);
    const result = await booking.releaseHold(viewer, holdId);
    if (isFailure(result)) return { hold: null, userErrors: result.userErrors };
    const hold = await loadExisting(loaders.holdById, result.holdId, 'hold');
    await rateLimits.released(viewer, hold.eventId);
    return { hold, userErrors: [] };
  },

  confirmBooking: async (_, { input }, { booking, loaders, viewer }) => {
    const holdId = fromGlobalIdOf('Hold', input.holdId, 'input.holdId');
    const result = await booking.confirmBooking(viewer, holdId, input.payment.token, input.idempotencyKey);
    if (isFailure(result)) return { booking: null, userErrors: result.userErrors };
    return { booking: await loadExisting(loaders.bookingById, result.bookingId, 'booking'), userErrors: [] };
  },

  cancelBooking: async (_, { input }, { booking, loaders, viewer }) => {
    const result = await booking.cancelBooking(viewer, fromGlobalIdOf('Booking', input.bookingId, 'input.bookingId'), input.idempotencyKey);
    if (isFailure(result)) return { booking: null, userErrors: result.userErrors };
    return { booking: await loadExisting(loaders.bookingById, result.bookingId, 'booking'), userErrors: [] };
  },
};
