/**
 * The simulated processor's test cards (schema/booking.graphql, `PaymentInput.token`): the succeeding ones first, so
 * the select's default buys, then those that fail, saying how.
 */
export const TEST_CARDS = [
  { token: 'tok_visa', label: 'Visa (succeeds)' },
  { token: 'tok_mastercard', label: 'Mastercard (succeeds)' },
  { token: 'tok_chargeDeclined', label: 'Card declined' },
  { token: 'tok_insufficientFunds', label: 'Declined: insufficient funds' },
  { token: 'tok_processingError', label: 'Processor outage (charges nothing)' },
] as const;
