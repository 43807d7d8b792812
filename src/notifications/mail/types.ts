/**
 * What an e-mail says, as the notifier reads it from the database: plain facts, no
 * formatting. Render one with renderMail (render.ts).
 */

/** Whom a message goes to: the fan's name and address as their account has them. */
export interface Recipient {
  name: string;
  email: string;
}

export interface EventFacts {
  /** The event's global ID, for links. */
  id: string;
  name: string;
  startsAt: Date;
  endsAt: Date;
  /** The venue's IANA time zone: dates are written as the fan will see the clock there. */
  timeZone: string;
  venue: { name: string; city: string; country: string };
}

export interface BookedTicket {
  section: string;
  row: string | null;
  number: number;
  /** All-in, in minor units of the booking's currency. */
  price: number;
  /** The signed ticket code (src/checkin/ticket-code.ts) its QR code carries. */
  code: string;
}

/** A booking as its e-mails show it: `total` all-in, in minor units of `currency`; `last4` of the card paid with. */
export interface BookingFacts {
  /** The booking's global ID, for links. */
  id: string;
  total: number;
  currency: string;
  last4: string | null;
}

export type MailMessage =
  | { kind: 'WELCOME'; to: Recipient }
  | { kind: 'BOOKING_CONFIRMED'; to: Recipient; event: EventFacts; booking: BookingFacts & { tickets: BookedTicket[] } }
  | {
      kind: 'BOOKING_CANCELLED';
      to: Recipient;
      event: EventFacts;
      booking: BookingFacts;
      /** REFUNDED: the captured payment was paid back; VOIDED: the authorization was released, nothing was charged. */
      refund: 'REFUNDED' | 'VOIDED';
      /** True when the booking ended because the event was called off: this message says its refund is done. */
      eventCancelled: boolean;
    }
  | {
      kind: 'EVENT_CANCELLED';
      to: Recipient;
      event: EventFacts;
      /** The organizer's words. */
      reason: string;
      /** The fan's booking, whose refund is under way. */
      booking: Omit<BookingFacts, 'last4'>;
    }
  | { kind: 'EVENT_RESCHEDULED'; to: Recipient; event: EventFacts; previous: { startsAt: Date; endsAt: Date } };

export type MailKind = MailMessage['kind'];

/** The message of one kind. */
export type MailOf<K extends MailKind> = Extract<MailMessage, { kind: K }>;

/** Where the messages come from. */
export interface Site {
  /** The web app's address, without a trailing slash: links start with it. */
  publicUrl: string;
  /** The From header, e.g. `Ticketing <tickets@example.com>` (MAIL_FROM). */
  from: string;
}
