/**
 * A new idempotency key (a random UUID): one per purchase or cancellation, reused by its retries, so that a double
 * click or a retry after a lost answer never charges or refunds twice (schema/booking.graphql, ConfirmBookingInput).
 */
export function newIdempotencyKey(): string {
  // randomUUID exists in secure contexts only (https, localhost); the API may be served over plain http elsewhere.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
