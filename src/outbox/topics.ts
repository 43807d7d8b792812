/**
 * What the outbox carries: each topic with the shape of its payload. A
 * message is written in the transaction that made its fact true (store.ts's
 * write), and each consumer of its topic sees it once (consumer.ts).
 */
export interface Topics {
  /** A sale committed: its booking, and who bought which tickets for how much (minor units). */
  'booking.confirmed': { bookingId: number; holdId: number; eventId: number; userId: number; total: number; currency: string; ticketIds: number[] };
  /**
   * A booking was cancelled and its tickets freed; its payment was refunded, or voided before capture. Cancelled by
   * its buyer, the tickets are back on sale; `eventCancelled` when its event was called off, and they are not (the
   * event sells nothing more): one topic for every refund, so that a consumer of refunds misses none.
   */
  'booking.cancelled': { bookingId: number; eventId: number; userId: number; refund: 'REFUNDED' | 'VOIDED'; ticketIds: number[]; eventCancelled?: boolean };
  /**
   * Something an event's search document shows changed: the event, its prices, performers or venue, or its
   * sales. Written by triggers (migration 0010), whoever makes the change, so that search misses none.
   */
  'event.changed': { eventId: number };
  /**
   * An event with confirmed bookings got a new start or end (updateEvent), for its buyers to be told. Times are ISO
   * 8601; the previous ones are those the buyers knew.
   */
  'event.rescheduled': { eventId: number; startsAt: string; endsAt: string; previousStartsAt: string; previousEndsAt: string };
  /** An event was called off (cancelEvent): its buyers are told, and their refunds follow as `booking.cancelled`. */
  'event.cancelled': { eventId: number };
  /** Someone signed up: a welcome goes out. */
  'account.created': { userId: number };
}

export type Topic = keyof Topics;

/** A message of one of `T`'s topics, told apart by `topic`. */
export type Message<T extends Topic = Topic> = { [K in T]: { topic: K; payload: Topics[K] } }[T];

/** A message as a consumer takes it from the outbox. */
export type StoredMessage<T extends Topic = Topic> = Message<T> & { id: string; createdAt: Date };
