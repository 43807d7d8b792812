/** Booking as the API uses it: reservations, releases, purchases and cancellations, with idempotency keys. */
import { requireViewer, type Viewer } from '../accounts/policy.js';
import type { Clock } from '../clock.js';
import type { Sql } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { SeatMapLog } from '../seatmap/change-log.js';
import { isFailure } from '../user-error.js';
import { createHoldRelease } from './holds.js';
import { checkIdempotencyKey, createIdempotency, type IdempotencyOptions } from './idempotency.js';
import type { PaymentProvider } from './payments/provider.js';
import { createPurchases, type PurchaseOptions } from './purchase.js';
import { createReservations, type ReservationOptions, type Selection } from './reserve.js';
import type { BookingResult, ReserveResult } from './types.js';

export interface BookingOptions
  extends Pick<ReservationOptions, 'unsafeDisableSeatGuard' | 'unsafeDisableLimitLock' | 'seatMapInMemory'>, Pick<PurchaseOptions, 'unsafeDisableEventLock'> {
  sql: Sql;
  clock: Clock;
  logger: Logger;
  payments: PaymentProvider;
  /** Bookings can be cancelled until this long before their event starts. */
  cancellationCutoffMs: number;
  idempotency?: IdempotencyOptions;
  /** Records seat-map changes and announces them after commit. */
  seatMapLog: SeatMapLog;
  /** Told of what booking committed; absent, nobody is. */
  signals?: BookingSignals;
}

/**
 * What booking tells the rest of the process after a change has committed: server.ts counts them in its
 * metrics, so booking knows nothing of Prometheus. An idempotent retry answered from its stored result
 * tells nothing again.
 */
export interface BookingSignals {
  /** A hold was made. */
  held(): void;
  /** A booking was confirmed: `seats` tickets sold. */
  sold(seats: number): void;
  /** A fan cancelled a booking (refunds of a cancelled event are not counted here). */
  cancelled(): void;
}

export type Booking = ReturnType<typeof createBooking>;

export function createBooking(options: BookingOptions) {
  const { sql, clock } = options;
  const idempotency = createIdempotency(sql, clock, options.idempotency);
  const reservations = createReservations(options);
  const purchases = createPurchases(options);
  const release = createHoldRelease(clock, options.seatMapLog);

  return {
    idempotency,
    releaseHold: release.releaseHold,

    reserveSeats(viewer: Viewer | null, eventId: number, selection: Selection, idempotencyKey?: string | null): Promise<ReserveResult> {
      const reserve = () => reservations.reserveSeats(viewer, eventId, selection).then(told(options.signals?.held));
      if (idempotencyKey == null) return reserve();
      const { userId } = requireViewer(viewer);
      const key = checkIdempotencyKey(idempotencyKey);
      return idempotency.run({ userId, key, operation: 'reserveSeats', input: { eventId, selection } }, reserve);
    },

    confirmBooking(viewer: Viewer | null, holdId: number, paymentToken: string, idempotencyKey: string): Promise<BookingResult> {
      const { userId } = requireViewer(viewer);
      const key = checkIdempotencyKey(idempotencyKey);
      return idempotency.run({ userId, key, operation: 'confirmBooking', input: { holdId, paymentToken } }, () =>
        purchases.confirmBooking(viewer, holdId, paymentToken, key),
      );
    },

    cancelBooking(viewer: Viewer | null, bookingId: number, idempotencyKey: string): Promise<BookingResult> {
      const { userId } = requireViewer(viewer);
      const key = checkIdempotencyKey(idempotencyKey);
      return idempotency.run({ userId, key, operation: 'cancelBooking', input: { bookingId } }, () =>
        purchases.cancelBooking(viewer, bookingId).then(told(options.signals?.cancelled)),
      );
    },
  };
}

/** Passes a result on, telling `signal` when it is not a failure. */
function told<T extends object>(signal: (() => void) | undefined): (result: T) => T {
  return (result) => {
    if (!isFailure(result)) signal?.();
    return result;
  };
}
