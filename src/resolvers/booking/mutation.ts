import type { MutationResolvers, ReserveSeatsInput } from '../../generated/graphql.js';
import { fromGlobalIdOf, toGlobalId } from '../../relay/global-id.js';
import { isFailure } from '../../user-error.js';
import { payload } from '../payload.js';

/** The tickets of a reservation as booking takes them: ids, not global IDs. */
const selectionOf = ({ ticketIds, bestAvailable }: ReserveSeatsInput) => ({
  ticketIds: ticketIds?.map((id, i) => fromGlobalIdOf('Ticket', id, `input.ticketIds[${i}]`)) ?? null,
  bestAvailable: bestAvailable
    ? {
        quantity: bestAvailable.quantity,
        sectionId: bestAvailable.sectionId ? fromGlobalIdOf('Section', bestAvailable.sectionId, 'input.bestAvailable.sectionId') : null,
        maxPrice: bestAvailable.maxPrice ?? null,
      }
    : null,
});

export const Mutation: MutationResolvers = {
  reserveSeats: async (_, { input }, { booking }) => {
    const selection = selectionOf(input);
    const result = await booking.reserveSeats(fromGlobalIdOf('Event', input.eventId, 'input.eventId'), selection, input.idempotencyKey, input.admissionToken);
    if (!isFailure(result)) return { hold: result, userErrors: [], unavailableTicketIds: [] };
    return { hold: null, userErrors: result.userErrors, unavailableTicketIds: (result.unavailableTicketIds ?? []).map((id) => toGlobalId('Ticket', id)) };
  },
  releaseHold: async (_, { input }, { booking }) => payload(booking.releaseHold(fromGlobalIdOf('Hold', input.holdId, 'input.holdId')), (hold) => ({ hold })),
  confirmBooking: async (_, { input }, { booking }) =>
    payload(booking.confirmBooking(fromGlobalIdOf('Hold', input.holdId, 'input.holdId'), input.payment.token, input.idempotencyKey), (confirmed) => ({
      booking: confirmed,
    })),
  cancelBooking: async (_, { input }, { booking }) =>
    payload(booking.cancelBooking(fromGlobalIdOf('Booking', input.bookingId, 'input.bookingId'), input.idempotencyKey), (cancelled) => ({
      booking: cancelled,
    })),
};
