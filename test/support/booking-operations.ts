/** The booking operations as a client app sends them. */
export const RESERVE = `mutation ($input: ReserveSeatsInput!) {
  reserveSeats(input: $input) {
    hold { id status expiresAt total { amount currency } event { id } tickets { id row number status price { amount } section { id } } }
    unavailableTicketIds
    userErrors { code message field }
  }
}`;

export const RELEASE = `mutation ($input: ReleaseHoldInput!) {
  releaseHold(input: $input) { hold { id status } userErrors { code message field } }
}`;

export const CONFIRM = `mutation ($input: ConfirmBookingInput!) {
  confirmBooking(input: $input) {
    booking { id status total { amount currency } payment { status last4 } tickets { id status } event { id } createdAt }
    userErrors { code message field }
  }
}`;

export const CANCEL = `mutation ($input: CancelBookingInput!) {
  cancelBooking(input: $input) { booking { id status cancelledAt payment { status } tickets { id status } } userErrors { code message field } }
}`;
