/**
 * What booking needs from a card processor. Each step is idempotent: an
 * authorization by its idempotency key (a second call answers the first
 * charge), the others for one payment (capturing a captured payment does
 * nothing), so a retry after a timeout or a crash is safe.
 */
export interface PaymentProvider {
  /**
   * Reserves `amount` on the card named by `token`, or answers the charge made
   * earlier with the same `idempotencyKey`. Throws PaymentUnavailableError when
   * the processor fails for a moment (nothing was charged).
   */
  authorize(request: AuthorizationRequest): Promise<Authorization>;
  /** Takes an authorized amount. */
  capture(paymentId: string): Promise<void>;
  /** Releases an authorization without taking anything. */
  void(paymentId: string): Promise<void>;
  /** Gives a captured amount back in full (an uncaptured one is voided instead); tells which it did. */
  refund(paymentId: string): Promise<'REFUNDED' | 'VOIDED'>;
  /** Authorizations neither captured nor voided, made before `before`: what the reconciler checks against bookings. */
  openAuthorizations(before: Date): Promise<OpenAuthorization[]>;
}

export interface OpenAuthorization {
  paymentId: string;
  /** The key it was authorized with. */
  idempotencyKey: string | null;
}

export interface AuthorizationRequest {
  /** In minor units of `currency`. */
  amount: number;
  currency: string;
  /** A card token from the processor's client library. */
  token: string;
  /** What the money is for, kept with the payment for reconciliation, e.g. "hold:42". */
  reference: string;
  /** Names this authorization: the same key again answers the same charge (see `authorize`). */
  idempotencyKey: string;
}

export type Authorization =
  { outcome: 'AUTHORIZED'; paymentId: string; last4: string } | { outcome: 'DECLINED'; paymentId: string; declineCode: string; message: string };

/** The processor could not answer; nothing was charged and the request may be retried. */
export class PaymentUnavailableError extends Error {
  override name = 'PaymentUnavailableError';
}
