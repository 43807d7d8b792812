/**
 * What booking needs from a card processor. Each step is idempotent for one
 * payment (capturing a captured payment does nothing), so a retry after a
 * timeout is safe.
 */
export interface PaymentProvider {
  /** Reserves `amount` on the card named by `token`. Throws PaymentUnavailableError when the processor fails for a moment. */
  authorize(request: AuthorizationRequest): Promise<Authorization>;
  /** Takes an authorized amount. */
  capture(paymentId: string): Promise<void>;
  /** Releases an authorization without taking anything. */
  void(paymentId: string): Promise<void>;
  /** Gives a captured amount back in full (an uncaptured one is voided instead); tells which it did. */
  refund(paymentId: string): Promise<'REFUNDED' | 'VOIDED'>;
}

export interface AuthorizationRequest {
  /** In minor units of `currency`. */
  amount: number;
  currency: string;
  /** A card token from the processor's client library. */
  token: string;
  /** What the money is for, kept with the payment for reconciliation, e.g. "hold:42". */
  reference: string;
}

export type Authorization =
  | { outcome: 'AUTHORIZED'; paymentId: string; last4: string }
  | { outcome: 'DECLINED'; paymentId: string; declineCode: string; message: string };

/** The processor could not answer; nothing was charged and the request may be retried. */
export class PaymentUnavailableError extends Error {
  override name = 'PaymentUnavailableError';
}
