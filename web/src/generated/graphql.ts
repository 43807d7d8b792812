/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/**
 * Pick the best seats the server can find: `quantity` adjacent seats in one row
 * of the cheapest section that has them (or of `sectionId`), leaving no single
 * seat stranded between taken ones when another choice exists. In a
 * general-admission section, any `quantity` units.
 */
export type BestAvailableInput = {
  /** Only sections whose price, in minor units, is at most this. */
  maxPrice?: number | null | undefined;
  /** 1 to 10. */
  quantity: number;
  /** Only this section (a Section ID). */
  sectionId?: string | number | null | undefined;
};

/** Whether a booking stands. */
export type BookingStatus =
  /** Cancelled and refunded; the tickets went back on sale. */
  | 'CANCELLED'
  /** Paid; the tickets are yours. */
  | 'CONFIRMED';

/** Which booking to cancel, under which idempotency key. */
export type CancelBookingInput = {
  /** A booking of yours (a Booking ID). */
  bookingId: string | number;
  /** Required, up to 255 characters; same rules as in `confirmBooking`. */
  idempotencyKey: string;
};

/** Which event to call off, and why. */
export type CancelEventInput = {
  /** A published event of yours (an Event ID). */
  eventId: string | number;
  /** Why, for the fans: 1 to 1,000 characters. */
  reason: string;
};

/** Which hold to pay for, with what, under which idempotency key. */
export type ConfirmBookingInput = {
  /** A live hold of yours (a Hold ID). */
  holdId: string | number;
  /**
   * Required, up to 255 characters; a new random one (a UUID) for each purchase.
   * Keys are yours alone and last 24 hours. A retry with the same key and input
   * returns the first answer without charging again, even while the first is
   * still running; the same key with another input fails with
   * IDEMPOTENCY_KEY_REUSED. Only successful answers are kept: a request that
   * failed changed nothing, so retrying it with the same key runs it again.
   */
  idempotencyKey: string;
  /** The card to charge the hold's `total` to (less, when a price has dropped since the hold). */
  payment: PaymentInput;
};

/**
 * A new event, created as a DRAFT that only you and admins see. Times must be
 * in order (`onSaleAt` before `startsAt` before `endsAt`) and in the future.
 */
export type CreateEventInput = {
  /** What kind of show. */
  category: EventCategory;
  /** Plain text, up to 5,000 characters. */
  description?: string | null | undefined;
  /** When it ends: after `startsAt`. */
  endsAt: string;
  /** How long a fan's hold lasts, 60 to 3,600 seconds; default 600. */
  holdTtlSeconds?: number | null | undefined;
  /** When tickets go on sale: before `startsAt`. */
  onSaleAt: string;
  /** Who performs (Performer IDs), headliner first; up to 20, no repeats. */
  performerIds?: Array<string | number> | null | undefined;
  /** Prices of the sections to sell, each section once, all in one currency; up to 200. Publishing needs every section of the venue priced. */
  prices?: Array<PriceInput> | null | undefined;
  /** When the show starts. */
  startsAt: string;
  /** Most tickets one account may buy, 1 to 50; default 8. */
  ticketLimitPerUser?: number | null | undefined;
  /** 1 to 200 characters. */
  title: string;
  /** Where (a Venue ID): a venue you created, or one the platform keeps. */
  venueId: string | number;
};

/** What kind of show an event is. */
export type EventCategory =
  /** Stand-up and other comedy shows. */
  | 'COMEDY'
  /** Live music: a gig, a recital, a concert tour's date. */
  | 'CONCERT'
  /** Shows for children and families: circus, ice shows, puppets. */
  | 'FAMILY'
  /** Many acts on one or more stages, often over several days. */
  | 'FESTIVAL'
  /** A game, match, fight or race. */
  | 'SPORTS'
  /** Plays, musicals, opera and dance. */
  | 'THEATRE';

/**
 * Narrows `Query.events`. Every field is optional; given fields must all match.
 * Draft events are never listed.
 */
export type EventFilter = {
  /** Events of this category. */
  category?: EventCategory | null | undefined;
  /** Events in this city (case-insensitive exact match), e.g. Chicago. Up to 100 characters. */
  city?: string | null | undefined;
  /** Events in this country (ISO 3166-1 alpha-2), e.g. GB. */
  country?: string | null | undefined;
  /** Events this performer appears at (a Performer ID). */
  performerId?: string | number | null | undefined;
  /** Events starting at or after this instant. */
  startsAfter?: string | null | undefined;
  /** Events starting before this instant. */
  startsBefore?: string | null | undefined;
  /** Events in any of these statuses (a list of up to 100). Default: every status but DRAFT. */
  status?: Array<EventStatus> | null | undefined;
  /** Events at this venue (a Venue ID). */
  venueId?: string | number | null | undefined;
};

/** A price range in one currency: matches events priced in it with a section from `min` to `max`. */
export type EventPriceFilter = {
  /** ISO 4217 code, e.g. USD. Only events priced in this currency match. */
  currency: string;
  /** Highest price, in minor units. Default: no limit. */
  max?: number | null | undefined;
  /** Lowest price, in minor units (8950 is 89.50). Default: 0. */
  min?: number | null | undefined;
};

/**
 * Narrows `searchEvents`. Every field is optional; given fields must all match.
 * Without `status` and `startsAfter`, only upcoming events on sale or sold out
 * are found: cancelled and past events only when a filter asks for them.
 */
export type EventSearchFilter = {
  /** Events of this category. */
  category?: EventCategory | null | undefined;
  /** Events in this city, ignoring case and accents (`koln` finds Köln). 1 to 100 characters. */
  city?: string | null | undefined;
  /** Events in this country (ISO 3166-1 alpha-2), e.g. GB. */
  country?: string | null | undefined;
  /** Only events at venues within this distance of a point. */
  near?: NearFilter | null | undefined;
  /** Only events with tickets left to buy (not sold out). Default: false. */
  onlyAvailable?: boolean | null | undefined;
  /** Events this performer appears at (a Performer ID). */
  performerId?: string | number | null | undefined;
  /** Events with at least one section priced within this range. */
  price?: EventPriceFilter | null | undefined;
  /** Events starting at or after this instant. Default: now (to the minute). */
  startsAfter?: string | null | undefined;
  /** Events starting before this instant. */
  startsBefore?: string | null | undefined;
  /** Events in any of these statuses (a list of up to 100). Default: ON_SALE and SOLD_OUT. DRAFT is never found. */
  status?: Array<EventStatus> | null | undefined;
  /** Events at this venue (a Venue ID). */
  venueId?: string | number | null | undefined;
};

/** Where an event is in its life. */
export type EventStatus =
  /** Called off; tickets are refunded. */
  | 'CANCELLED'
  /** Took place. */
  | 'COMPLETED'
  /** Being prepared by its organizer; visible to nobody else. */
  | 'DRAFT'
  /** Published. Tickets can be bought from `onSaleAt` on. */
  | 'ON_SALE'
  /** Published and every ticket is sold. */
  | 'SOLD_OUT';

/** What a suggestion points at. */
export type EventSuggestionKind =
  /** An upcoming event: see `event`. */
  | 'EVENT'
  /** A performer with upcoming events: see `performer`. */
  | 'PERFORMER';

/** Where a hold is in its life. */
export type HoldStatus =
  /** Live until `expiresAt`: its tickets are set aside for you. */
  | 'ACTIVE'
  /** It became a booking. */
  | 'CONFIRMED'
  /** It ran out before being confirmed; its tickets went back on sale. */
  | 'EXPIRED'
  /** You released it; its tickets went back on sale. */
  | 'RELEASED';

/** The email and password of an existing account. */
export type LogInInput = {
  /** Up to 254 characters. */
  email: string;
  /** Up to 256 characters. */
  password: string;
};

/** A circle on the map. */
export type NearFilter = {
  /** -90 to 90. */
  latitude: number;
  /** -180 to 180. */
  longitude: number;
  /** Radius in kilometres, above 0. */
  radiusKm: number;
};

/** Narrows `User.organizedEvents`. Every field is optional; given fields must all match. */
export type OrganizedEventFilter = {
  /** Events starting at or after this instant. */
  startsAfter?: string | null | undefined;
  /** Events starting before this instant. */
  startsBefore?: string | null | undefined;
  /** Events in any of these statuses (a list of up to 100). Default: every status, DRAFT included. */
  status?: Array<EventStatus> | null | undefined;
};

/** A payment method. */
export type PaymentInput = {
  /**
   * A card token from the payment processor. The built-in simulated processor
   * takes Stripe's test tokens: `tok_visa` and `tok_mastercard` succeed,
   * `tok_chargeDeclined` and `tok_insufficientFunds` are declined,
   * `tok_processingError` fails as a processor outage would.
   */
  token: string;
};

/** A section's price. */
export type PriceInput = {
  /** Price of one ticket in minor units, 0 to 100,000,000 (8950 with USD is $89.50). */
  amount: number;
  /** ISO 4217 code, 3 letters (e.g. USD); every price of an event is in one currency. */
  currency: string;
  /** The section (a Section ID of the event's venue). */
  sectionId: string | number;
};

/** How a section's price may move. */
export type PricingMode =
  /**
   * The repricer moves the price with demand, within the bounds, by the rule
   * `setPricingPolicy` publishes; the organizer may still set it within them.
   */
  | 'DEMAND'
  /** The price moves only when the organizer sets it (`updateEvent`), within the bounds. */
  | 'FIXED';

/** Which event to publish. */
export type PublishEventInput = {
  /** A DRAFT of yours (an Event ID). */
  eventId: string | number;
};

/** Where a fan's pass is in the waiting room. */
export type QueuePassStatus =
  /** Let in: `admissionToken` lets its owner reserve seats until `admittedUntil`. */
  | 'ADMITTED'
  /** The admission is over: unused until `admittedUntil`, or used for a hold that was since confirmed, released or ran out. */
  | 'EXPIRED'
  /** The fan left the room. */
  | 'LEFT'
  /** In the queue: `position` says how many are ahead, plus one. */
  | 'WAITING';

/** What to reserve: give exactly one of `ticketIds` and `bestAvailable`. */
export type ReserveSeatsInput = {
  /**
   * Required while the event's waiting room is on: the `admissionToken` of your
   * admitted pass for the event (ADMISSION_REQUIRED or ADMISSION_EXPIRED otherwise).
   * Ignored for events without a room. Up to 2,000 characters.
   */
  admissionToken?: string | null | undefined;
  /** Let the server choose: how many tickets, and optionally where and up to what price. */
  bestAvailable?: BestAvailableInput | null | undefined;
  /** The event to reserve tickets of (an Event ID). */
  eventId: string | number;
  /**
   * Optional. A retry with the same key and input returns the same hold instead of
   * making a second one (see `confirmBooking` for the rules). Up to 255 characters.
   */
  idempotencyKey?: string | null | undefined;
  /**
   * Chosen tickets (seats or general-admission units) of the event: 1 to 10, no
   * repeats (INVALID_SELECTION otherwise). A list of over 100 is BAD_USER_INPUT,
   * as every list argument's is.
   */
  ticketIds?: Array<string | number> | null | undefined;
};

/** What a user may do. */
export type Role =
  /** Runs the platform. */
  | 'ADMIN'
  /** Buys tickets. Everyone starts as a fan. */
  | 'FAN'
  /** Runs events: an artist, a promoter, a venue. */
  | 'ORGANIZER';

/** How the units of a section are sold. */
export type SectionKind =
  /** Standing or unassigned: tickets are interchangeable units. */
  | 'GENERAL_ADMISSION'
  /** Every ticket is a numbered seat. */
  | 'RESERVED';

/** A new account: its email, password and name. */
export type SignUpInput = {
  /** Case-insensitive and unique; stored trimmed and in lower case. Up to 254 characters. */
  email: string;
  /** The name shown to others: 1 to 100 characters. */
  name: string;
  /** 10 to 256 characters; not the email, not a common password. */
  password: string;
};

/** Where a ticket is in its sale. Who holds or bought a ticket is never shown. */
export type TicketStatus =
  /** Can be reserved. A ticket whose hold has expired is AVAILABLE. */
  | 'AVAILABLE'
  /** Set aside by a live hold; it becomes AVAILABLE again if the hold is released or expires. */
  | 'HELD'
  /** Bought in a booking; it becomes AVAILABLE again if the booking is cancelled. */
  | 'SOLD';

/** Every reason a mutation can give in `userErrors`. */
export type UserErrorCode =
  /**
   * The account has a CONFIRMED booking for an event that is neither cancelled
   * nor over: cancel those bookings first (`cancelBooking` refunds them) or wait
   * until the events are over, so that deleting never costs a ticket paid for.
   */
  | 'ACCOUNT_HAS_UPCOMING_BOOKINGS'
  /** The account is an admin's: another admin makes it a FAN first (`setUserRole`). */
  | 'ACCOUNT_IS_ADMIN'
  /** The account is an organizer's, which runs events: an admin makes it a FAN first (`setUserRole`). */
  | 'ACCOUNT_RUNS_EVENTS'
  /** Your admission has run out or was used up. Join the waiting room again if it lets you. */
  | 'ADMISSION_EXPIRED'
  /** The event has a waiting room on: `reserveSeats` needs the `admissionToken` of your admitted pass for it. */
  | 'ADMISSION_REQUIRED'
  /** The booking is already cancelled. */
  | 'ALREADY_CANCELLED'
  /** The ticket was checked in already: the message and `previousCheckIn` say when and at which gate. */
  | 'ALREADY_CHECKED_IN'
  /** No API key has the given ID. */
  | 'API_KEY_NOT_FOUND'
  /** No booking has this ID, or it is not yours. */
  | 'BOOKING_NOT_FOUND'
  /** Bookings can no longer be cancelled this close to the event. */
  | 'CANCELLATION_CLOSED'
  /** A document to register costs more than a request may, or than the partner's keys' budget can pay, with its variables' defaults. */
  | 'DOCUMENT_TOO_COSTLY'
  /** An account with this email already exists. */
  | 'EMAIL_TAKEN'
  /** The event has tickets: a published event is cancelled, not deleted. */
  | 'EVENT_HAS_TICKETS'
  /** This change is only possible on a DRAFT, and the event is published. */
  | 'EVENT_NOT_DRAFT'
  /** No event has the given ID (or it is a draft you may not see). */
  | 'EVENT_NOT_FOUND'
  /** The event is not selling tickets now: not on sale yet, sold out, cancelled or over. */
  | 'EVENT_NOT_ON_SALE'
  /** The draft cannot be published yet: the message says what is missing (an unpriced section, times in the past). */
  | 'EVENT_NOT_PUBLISHABLE'
  /** The hold was already confirmed; see its booking. */
  | 'HOLD_ALREADY_CONFIRMED'
  /** The hold has expired or was released; its seats may be gone. Reserve again. */
  | 'HOLD_EXPIRED'
  /** No hold has this ID, or it is not yours. */
  | 'HOLD_NOT_FOUND'
  /** A request with this idempotency key is still running. Retry shortly. */
  | 'IDEMPOTENCY_KEY_IN_USE'
  /** This idempotency key was used with a different request. Use a new key for a new request. */
  | 'IDEMPOTENCY_KEY_REUSED'
  /** The email and password do not match an account. */
  | 'INVALID_CREDENTIALS'
  /** Times out of order or in the past (the field is named). */
  | 'INVALID_DATES'
  /** A document to register does not parse or validate against the schema (the message says why). */
  | 'INVALID_DOCUMENT'
  /** The email address is not well formed. */
  | 'INVALID_EMAIL'
  /** An event setting is out of range (hold time, ticket limit, a repeated performer) or a cancellation's reason is blank; the field is named. */
  | 'INVALID_EVENT'
  /** The gate is blank or longer than 50 characters. */
  | 'INVALID_GATE'
  /** A partner's or key's field is blank, too long, out of range, or not an email address (the field is named). */
  | 'INVALID_PARTNER'
  /** A performer field is blank or out of range (the field is named). */
  | 'INVALID_PERFORMER'
  /** A price is negative or too large, in an unknown currency or another than the event's, or for a section not of the venue or named twice (the field is named). */
  | 'INVALID_PRICE'
  /** A pricing policy breaks a rule: bounds out of order, over the cap or not around the price now, a step, interval or target out of range, another currency, a section not sold, or an event that no longer sells (the field is named). */
  | 'INVALID_PRICING_POLICY'
  /** A seating plan is inconsistent: no sections, a repeated name, label or seat, seats at one place, rows on a standing area, a missing capacity; the field is named. */
  | 'INVALID_SEATING_PLAN'
  /** The selection is empty, repeats a ticket, asks for more than 10 tickets, or names tickets of another event. */
  | 'INVALID_SELECTION'
  /** The code is not a ticket code this service signed (mistyped, cut short, altered or of another system). */
  | 'INVALID_TICKET_CODE'
  /** A title is required: the one given is blank. */
  | 'INVALID_TITLE'
  /** A venue field is out of its range or blank (the field is named), or the country or time zone is not a known one. */
  | 'INVALID_VENUE'
  /** A waiting-room setting is out of its range; `field` names it. */
  | 'INVALID_WAITING_ROOM'
  /** The request would take the caller past the event's per-user ticket limit (live holds and bookings count). */
  | 'LIMIT_EXCEEDED'
  /** A name is required: the one given is empty or blank. */
  | 'NAME_REQUIRED'
  /** You have no pass in this event's waiting room, or it has already ended. */
  | 'NOT_IN_WAITING_ROOM'
  /** No partner has the given ID. */
  | 'PARTNER_NOT_FOUND'
  /** The card was declined (the message says why). The hold stays live: try another card. */
  | 'PAYMENT_DECLINED'
  /** The payment processor failed for a moment. Nothing was charged and the hold stays live: retry. */
  | 'PAYMENT_PROCESSING_ERROR'
  /** No performer you may use or edit has the given ID. */
  | 'PERFORMER_NOT_FOUND'
  /** A new price lies outside its section's bounds (in force or announced): change the policy first. */
  | 'PRICE_OUT_OF_BOUNDS'
  /** Some of the chosen tickets are held or sold; `unavailableTicketIds` names them. Or no seats fit a best-available request. */
  | 'SEATS_UNAVAILABLE'
  /** The booking that sold the ticket was cancelled (the ticket may have been sold again, with a new code), or the event was called off: do not let it in. */
  | 'TICKET_CANCELLED'
  /** No user has the given ID. */
  | 'USER_NOT_FOUND'
  /** No venue you may use has the given ID. */
  | 'VENUE_NOT_FOUND'
  /** The venue's seating plan cannot change: a published event sells its seats. Create a new venue for a new plan. */
  | 'VENUE_PLAN_FROZEN'
  /** A seating plan has more than 200 sections or 120,000 seats and units. */
  | 'VENUE_TOO_LARGE'
  /** The event's waiting room is off, or does not open yet (see `WaitingRoom.opensAt`). */
  | 'WAITING_ROOM_CLOSED'
  /** The password is too short (under 10 characters), the email itself, or a common password. */
  | 'WEAK_PASSWORD'
  /** The ticket is for an event you neither run nor staff. */
  | 'WRONG_EVENT'
  /** The current password given is wrong: to change it (`updateProfile`) or to delete the account (`deleteAccount`). */
  | 'WRONG_PASSWORD';

export type WebBookingFieldsFragment = { __typename: 'Booking', id: string, status: BookingStatus, createdAt: string, total: { __typename: 'Money', amount: number, currency: string }, event: { __typename: 'Event', id: string, title: string, startsAt: string, venue: { __typename: 'Venue', name: string, city: string, timezone: string } }, tickets: Array<{ __typename: 'Ticket', id: string, row: string | null, number: number, code: string | null, qrCode: string | null, section: { __typename: 'Section', id: string, name: string }, price: { __typename: 'Money', amount: number, currency: string } }> };

export type WebHoldQueryVariables = Exact<{
  id: string | number;
}>;


export type WebHoldQuery = { __typename: 'Query', hold: { __typename: 'Hold', id: string, status: HoldStatus, expiresAt: string, total: { __typename: 'Money', amount: number, currency: string }, tickets: Array<{ __typename: 'Ticket', id: string, row: string | null, number: number, section: { __typename: 'Section', id: string, name: string }, price: { __typename: 'Money', amount: number, currency: string } }>, booking: { __typename: 'Booking', id: string, status: BookingStatus, createdAt: string, total: { __typename: 'Money', amount: number, currency: string }, event: { __typename: 'Event', id: string, title: string, startsAt: string, venue: { __typename: 'Venue', name: string, city: string, timezone: string } }, tickets: Array<{ __typename: 'Ticket', id: string, row: string | null, number: number, code: string | null, qrCode: string | null, section: { __typename: 'Section', id: string, name: string }, price: { __typename: 'Money', amount: number, currency: string } }> } | null } | null };

export type WebConfirmBookingMutationVariables = Exact<{
  input: ConfirmBookingInput;
}>;


export type WebConfirmBookingMutation = { __typename: 'Mutation', confirmBooking: { __typename: 'ConfirmBookingPayload', booking: { __typename: 'Booking', id: string, status: BookingStatus, createdAt: string, total: { __typename: 'Money', amount: number, currency: string }, event: { __typename: 'Event', id: string, title: string, startsAt: string, venue: { __typename: 'Venue', name: string, city: string, timezone: string } }, tickets: Array<{ __typename: 'Ticket', id: string, row: string | null, number: number, code: string | null, qrCode: string | null, section: { __typename: 'Section', id: string, name: string }, price: { __typename: 'Money', amount: number, currency: string } }> } | null, userErrors: Array<{ __typename: 'UserError', code: UserErrorCode, message: string, field: Array<string> | null }> } | null };

export type WebReleaseHoldMutationVariables = Exact<{
  holdId: string | number;
}>;


export type WebReleaseHoldMutation = { __typename: 'Mutation', releaseHold: { __typename: 'ReleaseHoldPayload', hold: { __typename: 'Hold', id: string, status: HoldStatus } | null, userErrors: Array<{ __typename: 'UserError', code: UserErrorCode, message: string, field: Array<string> | null }> } | null };

export type WebEventPageQueryVariables = Exact<{
  id: string | number;
}>;


export type WebEventPageQuery = { __typename: 'Query', event: { __typename: 'Event', id: string, title: string, description: string, status: EventStatus, startsAt: string, onSaleAt: string, ticketLimitPerUser: number, venue: { __typename: 'Venue', name: string, city: string, timezone: string }, performers: Array<{ __typename: 'Performer', id: string, name: string }>, priceRange: { __typename: 'PriceRange', min: { __typename: 'Money', amount: number, currency: string }, max: { __typename: 'Money', amount: number, currency: string } } | null, pricing: { __typename: 'EventPricing', mode: PricingMode }, sections: Array<{ __typename: 'EventSection', section: { __typename: 'Section', id: string, name: string }, price: { __typename: 'Money', amount: number, currency: string }, priceBounds: { __typename: 'PriceBounds', mode: PricingMode, floor: { __typename: 'Money', amount: number, currency: string }, ceiling: { __typename: 'Money', amount: number, currency: string } } | null, availability: { __typename: 'Availability', available: number } }>, waitingRoom: { __typename: 'WaitingRoom', opensAt: string } | null } | null };

export type WebPriceHistoryQueryVariables = Exact<{
  id: string | number;
  after?: string | null | undefined;
}>;


export type WebPriceHistoryQuery = { __typename: 'Query', event: { __typename: 'Event', id: string, priceHistory: { __typename: 'PriceChangeConnection', edges: Array<{ __typename: 'PriceChangeEdge', cursor: string, node: { __typename: 'PriceChange', reason: string, changedAt: string, section: { __typename: 'Section', id: string, name: string }, oldPrice: { __typename: 'Money', amount: number, currency: string }, newPrice: { __typename: 'Money', amount: number, currency: string } } }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } } | null };

export type WebReserveSeatsMutationVariables = Exact<{
  input: ReserveSeatsInput;
}>;


export type WebReserveSeatsMutation = { __typename: 'Mutation', reserveSeats: { __typename: 'ReserveSeatsPayload', unavailableTicketIds: Array<string>, hold: { __typename: 'Hold', id: string } | null, userErrors: Array<{ __typename: 'UserError', code: UserErrorCode, message: string, field: Array<string> | null }> } | null };

export type WebEventCardFragment = { __typename: 'Event', id: string, title: string, startsAt: string, venue: { __typename: 'Venue', name: string, city: string, timezone: string }, priceRange: { __typename: 'PriceRange', min: { __typename: 'Money', amount: number, currency: string } } | null };

export type WebEventsQueryVariables = Exact<{
  filter?: EventFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WebEventsQuery = { __typename: 'Query', events: { __typename: 'EventConnection', edges: Array<{ __typename: 'EventEdge', node: { __typename: 'Event', id: string, title: string, startsAt: string, venue: { __typename: 'Venue', name: string, city: string, timezone: string }, priceRange: { __typename: 'PriceRange', min: { __typename: 'Money', amount: number, currency: string } } | null } }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type WebSearchEventsQueryVariables = Exact<{
  query?: string | null | undefined;
  filter?: EventSearchFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WebSearchEventsQuery = { __typename: 'Query', searchEvents: { __typename: 'EventSearchConnection', totalCount: number, facets: { __typename: 'EventSearchFacets', category: Array<{ __typename: 'FacetValue', value: string, count: number }>, city: Array<{ __typename: 'FacetValue', value: string, count: number }> }, edges: Array<{ __typename: 'EventSearchEdge', highlight: string, node: { __typename: 'Event', id: string, title: string, startsAt: string, venue: { __typename: 'Venue', name: string, city: string, timezone: string }, priceRange: { __typename: 'PriceRange', min: { __typename: 'Money', amount: number, currency: string } } | null } }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type WebSuggestEventsQueryVariables = Exact<{
  prefix: string;
}>;


export type WebSuggestEventsQuery = { __typename: 'Query', suggestEvents: Array<{ __typename: 'EventSuggestion', kind: EventSuggestionKind, text: string, highlight: string, event: { __typename: 'Event', id: string } | null, performer: { __typename: 'Performer', id: string } | null }> };

export type WebLogInMutationVariables = Exact<{
  input: LogInInput;
}>;


export type WebLogInMutation = { __typename: 'Mutation', logIn: { __typename: 'AuthPayload', token: string | null, expiresAt: string | null, userErrors: Array<{ __typename: 'UserError', code: UserErrorCode, message: string, field: Array<string> | null }> } | null };

export type WebSignUpMutationVariables = Exact<{
  input: SignUpInput;
}>;


export type WebSignUpMutation = { __typename: 'Mutation', signUp: { __typename: 'AuthPayload', token: string | null, expiresAt: string | null, userErrors: Array<{ __typename: 'UserError', code: UserErrorCode, message: string, field: Array<string> | null }> } | null };

export type WebLogOutMutationVariables = Exact<{ [key: string]: never; }>;


export type WebLogOutMutation = { __typename: 'Mutation', logOut: { __typename: 'LogOutPayload', userErrors: Array<{ __typename: 'UserError', code: UserErrorCode, message: string }> } | null };

export type WebMeQueryVariables = Exact<{ [key: string]: never; }>;


export type WebMeQuery = { __typename: 'Query', me: { __typename: 'User', id: string, name: string, email: string | null, holds: Array<{ __typename: 'Hold', id: string, expiresAt: string, total: { __typename: 'Money', amount: number, currency: string }, event: { __typename: 'Event', id: string, title: string }, tickets: Array<{ __typename: 'Ticket', id: string }> }> | null } | null };

export type WebMyBookingsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type WebMyBookingsQuery = { __typename: 'Query', me: { __typename: 'User', id: string, bookings: { __typename: 'BookingConnection', edges: Array<{ __typename: 'BookingEdge', cursor: string, node: { __typename: 'Booking', id: string, status: BookingStatus, createdAt: string, total: { __typename: 'Money', amount: number, currency: string }, event: { __typename: 'Event', id: string, title: string, startsAt: string, venue: { __typename: 'Venue', name: string, city: string, timezone: string } }, tickets: Array<{ __typename: 'Ticket', id: string, row: string | null, number: number, code: string | null, qrCode: string | null, section: { __typename: 'Section', id: string, name: string }, price: { __typename: 'Money', amount: number, currency: string } }> } }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } | null } | null };

export type WebCancelBookingMutationVariables = Exact<{
  input: CancelBookingInput;
}>;


export type WebCancelBookingMutation = { __typename: 'Mutation', cancelBooking: { __typename: 'CancelBookingPayload', booking: { __typename: 'Booking', id: string, status: BookingStatus, createdAt: string, total: { __typename: 'Money', amount: number, currency: string }, event: { __typename: 'Event', id: string, title: string, startsAt: string, venue: { __typename: 'Venue', name: string, city: string, timezone: string } }, tickets: Array<{ __typename: 'Ticket', id: string, row: string | null, number: number, code: string | null, qrCode: string | null, section: { __typename: 'Section', id: string, name: string }, price: { __typename: 'Money', amount: number, currency: string } }> } | null, userErrors: Array<{ __typename: 'UserError', code: UserErrorCode, message: string, field: Array<string> | null }> } | null };

export type WebOrganizerMeQueryVariables = Exact<{ [key: string]: never; }>;


export type WebOrganizerMeQuery = { __typename: 'Query', me: { __typename: 'User', id: string, name: string, role: Role } | null };

export type WebOrganizedEventFragment = { __typename: 'Event', id: string, title: string, status: EventStatus, startsAt: string, venue: { __typename: 'Venue', name: string, city: string, timezone: string }, cancellation: { __typename: 'EventCancellation', reason: string, refundedBookings: number | null, totalBookings: number | null } | null };

export type WebOrganizedEventsQueryVariables = Exact<{
  filter?: OrganizedEventFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WebOrganizedEventsQuery = { __typename: 'Query', me: { __typename: 'User', id: string, organizedEvents: { __typename: 'EventConnection', edges: Array<{ __typename: 'EventEdge', node: { __typename: 'Event', id: string, title: string, status: EventStatus, startsAt: string, venue: { __typename: 'Venue', name: string, city: string, timezone: string }, cancellation: { __typename: 'EventCancellation', reason: string, refundedBookings: number | null, totalBookings: number | null } | null } }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } | null } | null };

export type WebOrganizerVenuesQueryVariables = Exact<{ [key: string]: never; }>;


export type WebOrganizerVenuesQuery = { __typename: 'Query', me: { __typename: 'User', id: string, venues: { __typename: 'VenueConnection', edges: Array<{ __typename: 'VenueEdge', node: { __typename: 'Venue', id: string, name: string, city: string, timezone: string, sections: Array<{ __typename: 'Section', id: string, name: string, kind: SectionKind, capacity: number }> } }> } | null } | null };

export type WebCreateEventMutationVariables = Exact<{
  input: CreateEventInput;
}>;


export type WebCreateEventMutation = { __typename: 'Mutation', createEvent: { __typename: 'EventPayload', event: { __typename: 'Event', id: string, title: string, status: EventStatus, startsAt: string, venue: { __typename: 'Venue', name: string, city: string, timezone: string }, cancellation: { __typename: 'EventCancellation', reason: string, refundedBookings: number | null, totalBookings: number | null } | null } | null, userErrors: Array<{ __typename: 'UserError', code: UserErrorCode, message: string, field: Array<string> | null }> } | null };

export type WebPublishEventMutationVariables = Exact<{
  input: PublishEventInput;
}>;


export type WebPublishEventMutation = { __typename: 'Mutation', publishEvent: { __typename: 'EventPayload', event: { __typename: 'Event', id: string, title: string, status: EventStatus, startsAt: string, venue: { __typename: 'Venue', name: string, city: string, timezone: string }, cancellation: { __typename: 'EventCancellation', reason: string, refundedBookings: number | null, totalBookings: number | null } | null } | null, userErrors: Array<{ __typename: 'UserError', code: UserErrorCode, message: string, field: Array<string> | null }> } | null };

export type WebCancelEventMutationVariables = Exact<{
  input: CancelEventInput;
}>;


export type WebCancelEventMutation = { __typename: 'Mutation', cancelEvent: { __typename: 'EventPayload', event: { __typename: 'Event', id: string, title: string, status: EventStatus, startsAt: string, venue: { __typename: 'Venue', name: string, city: string, timezone: string }, cancellation: { __typename: 'EventCancellation', reason: string, refundedBookings: number | null, totalBookings: number | null } | null } | null, userErrors: Array<{ __typename: 'UserError', code: UserErrorCode, message: string, field: Array<string> | null }> } | null };

export type WebEventSalesQueryVariables = Exact<{
  id: string | number;
}>;


export type WebEventSalesQuery = { __typename: 'Query', event: { __typename: 'Event', id: string, sales: { __typename: 'EventSales', ticketsSold: number, ticketsHeld: number, ticketsAvailable: number, grossRevenue: { __typename: 'Money', amount: number, currency: string }, refunded: { __typename: 'Money', amount: number, currency: string }, netRevenue: { __typename: 'Money', amount: number, currency: string }, bySection: Array<{ __typename: 'SectionSales', ticketsSold: number, section: { __typename: 'Section', id: string, name: string }, revenue: { __typename: 'Money', amount: number, currency: string } }> } | null } | null };

export type WebSeatPickerMapQueryVariables = Exact<{
  eventId: string | number;
}>;


export type WebSeatPickerMapQuery = { __typename: 'Query', seatMap: { __typename: 'SeatMap', version: number, sections: Array<{ __typename: 'SeatMapSection', available: number, capacity: number, availability: string, section: { __typename: 'Section', id: string, name: string, kind: SectionKind }, price: { __typename: 'Money', amount: number, currency: string }, layout: { __typename: 'SeatLayout', ticketIds: Array<string>, rows: Array<string | null>, numbers: Array<number>, x: Array<number | null>, y: Array<number | null> } }> } };

export type WebSeatPickerChangesSubscriptionVariables = Exact<{
  eventId: string | number;
  sinceVersion?: number | null | undefined;
}>;


export type WebSeatPickerChangesSubscription = { seatMapChanged: { __typename: 'SeatMapDelta', version: number, resync: boolean, changes: Array<{ __typename: 'SeatChange', ticketId: string, status: TicketStatus, price: { __typename: 'Money', amount: number, currency: string } }> } };

export type WebQueuePassFieldsFragment = { __typename: 'QueuePass', id: string, status: QueuePassStatus, position: number | null, estimatedWaitSeconds: number | null, admissionToken: string | null, admittedUntil: string | null };

export type WebMyQueuePassQueryVariables = Exact<{
  eventId: string | number;
}>;


export type WebMyQueuePassQuery = { __typename: 'Query', myQueuePass: { __typename: 'QueuePass', id: string, status: QueuePassStatus, position: number | null, estimatedWaitSeconds: number | null, admissionToken: string | null, admittedUntil: string | null } | null };

export type WebJoinWaitingRoomMutationVariables = Exact<{
  eventId: string | number;
}>;


export type WebJoinWaitingRoomMutation = { __typename: 'Mutation', joinWaitingRoom: { __typename: 'JoinWaitingRoomPayload', pass: { __typename: 'QueuePass', id: string, status: QueuePassStatus, position: number | null, estimatedWaitSeconds: number | null, admissionToken: string | null, admittedUntil: string | null } | null, userErrors: Array<{ __typename: 'UserError', code: UserErrorCode, message: string, field: Array<string> | null }> } | null };

export type WebQueuePassChangedSubscriptionVariables = Exact<{
  eventId: string | number;
}>;


export type WebQueuePassChangedSubscription = { queuePassChanged: { __typename: 'QueuePass', id: string, status: QueuePassStatus, position: number | null, estimatedWaitSeconds: number | null, admissionToken: string | null, admittedUntil: string | null } };

export const WebBookingFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebBookingFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Booking"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"venue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tickets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"section"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"qrCode"}}]}}]}}]} as unknown as DocumentNode<WebBookingFieldsFragment, unknown>;
export const WebEventCardFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebEventCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Event"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"venue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}}]}},{"kind":"Field","name":{"kind":"Name","value":"priceRange"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"min"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]} as unknown as DocumentNode<WebEventCardFragment, unknown>;
export const WebOrganizedEventFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebOrganizedEvent"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Event"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"venue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cancellation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"refundedBookings"}},{"kind":"Field","name":{"kind":"Name","value":"totalBookings"}}]}}]}}]} as unknown as DocumentNode<WebOrganizedEventFragment, unknown>;
export const WebQueuePassFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebQueuePassFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"QueuePass"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedWaitSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"admissionToken"}},{"kind":"Field","name":{"kind":"Name","value":"admittedUntil"}}]}}]} as unknown as DocumentNode<WebQueuePassFieldsFragment, unknown>;
export const WebHoldDocument = {"__meta__":{"hash":"sha256:d8e9bace231ead5b6e7d7bd8bd1bd32d47f0b389b7405b0f0ca12420106bab09"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebHold"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hold"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tickets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"section"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"booking"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebBookingFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebBookingFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Booking"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"venue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tickets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"section"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"qrCode"}}]}}]}}]} as unknown as DocumentNode<WebHoldQuery, WebHoldQueryVariables>;
export const WebConfirmBookingDocument = {"__meta__":{"hash":"sha256:4e4bfe6df9ad840d90c84f59052c43ce79a297069d0e04411cac8071705e2189"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebConfirmBooking"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConfirmBookingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"confirmBooking"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"booking"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebBookingFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebBookingFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Booking"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"venue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tickets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"section"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"qrCode"}}]}}]}}]} as unknown as DocumentNode<WebConfirmBookingMutation, WebConfirmBookingMutationVariables>;
export const WebReleaseHoldDocument = {"__meta__":{"hash":"sha256:11bb3fce1b4368bb5009c2172c8ba705bc94d5a56e3e543de8dddbb54122ec77"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebReleaseHold"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"holdId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"releaseHold"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"holdId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"holdId"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hold"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<WebReleaseHoldMutation, WebReleaseHoldMutationVariables>;
export const WebEventPageDocument = {"__meta__":{"hash":"sha256:a76b37508e88f62c77f75d7ce107063e36119d337a6e880ab61fabf3479467c6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebEventPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"onSaleAt"}},{"kind":"Field","name":{"kind":"Name","value":"ticketLimitPerUser"}},{"kind":"Field","name":{"kind":"Name","value":"venue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}}]}},{"kind":"Field","name":{"kind":"Name","value":"performers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"priceRange"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"min"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"max"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pricing"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"section"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"priceBounds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"floor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ceiling"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"availability"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"available"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"waitingRoom"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"opensAt"}}]}}]}}]}}]} as unknown as DocumentNode<WebEventPageQuery, WebEventPageQueryVariables>;
export const WebPriceHistoryDocument = {"__meta__":{"hash":"sha256:c08e1471c0609827f18e3238a61679c2d2e473b43fc146e538b87d7577434574"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebPriceHistory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"priceHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"section"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"oldPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"newPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"changedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebPriceHistoryQuery, WebPriceHistoryQueryVariables>;
export const WebReserveSeatsDocument = {"__meta__":{"hash":"sha256:d7103edf4903af3c6895779cc59b3fbdf825a81f1fae018724f6622c3dd428df"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebReserveSeats"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReserveSeatsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"reserveSeats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hold"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"unavailableTicketIds"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<WebReserveSeatsMutation, WebReserveSeatsMutationVariables>;
export const WebEventsDocument = {"__meta__":{"hash":"sha256:48fb46ac860a6cff8e77e35ccebfc24d44bbc975a2e2027e4a08498dac23ada1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EventFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebEventCard"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebEventCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Event"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"venue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}}]}},{"kind":"Field","name":{"kind":"Name","value":"priceRange"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"min"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]} as unknown as DocumentNode<WebEventsQuery, WebEventsQueryVariables>;
export const WebSearchEventsDocument = {"__meta__":{"hash":"sha256:f4e208716f5d4cc88ef7f137fdc4ed7dd666696ea96e80a8e14850610bd292ab"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebSearchEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EventSearchFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"searchEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"facets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"city"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"highlight"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebEventCard"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebEventCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Event"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"venue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}}]}},{"kind":"Field","name":{"kind":"Name","value":"priceRange"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"min"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]} as unknown as DocumentNode<WebSearchEventsQuery, WebSearchEventsQueryVariables>;
export const WebSuggestEventsDocument = {"__meta__":{"hash":"sha256:d00ddbc8502145fd62fe33e814a365ec475f00f9a251f22ceaba6a59a996c388"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebSuggestEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"prefix"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"suggestEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"prefix"},"value":{"kind":"Variable","name":{"kind":"Name","value":"prefix"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"highlight"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"performer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<WebSuggestEventsQuery, WebSuggestEventsQueryVariables>;
export const WebLogInDocument = {"__meta__":{"hash":"sha256:a19a50a2ce93fe4be93b5fb7fc068d1352a687fba397e2018a7e13542a694841"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebLogIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LogInInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"logIn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<WebLogInMutation, WebLogInMutationVariables>;
export const WebSignUpDocument = {"__meta__":{"hash":"sha256:15ff8fd582b3fcfb3b984633410b3bbeae53137346eb291ace846a205cc83b55"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebSignUp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SignUpInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"signUp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<WebSignUpMutation, WebSignUpMutationVariables>;
export const WebLogOutDocument = {"__meta__":{"hash":"sha256:332793166ec9083d0aa6fdef531c4c5fb9f9523bb590d73da822602c299af057"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebLogOut"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"logOut"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<WebLogOutMutation, WebLogOutMutationVariables>;
export const WebMeDocument = {"__meta__":{"hash":"sha256:2a38d825b2ef770756876dc2e55fa17ba5b5c2d659532e11db723f76609cd688"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebMe"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"holds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tickets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebMeQuery, WebMeQueryVariables>;
export const WebMyBookingsDocument = {"__meta__":{"hash":"sha256:7e32c00a674d919e3042c4aabd27805c11d8e47c85cc5100457f95dfbacf81fb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebMyBookings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"bookings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebBookingFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebBookingFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Booking"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"venue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tickets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"section"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"qrCode"}}]}}]}}]} as unknown as DocumentNode<WebMyBookingsQuery, WebMyBookingsQueryVariables>;
export const WebCancelBookingDocument = {"__meta__":{"hash":"sha256:3ac93b9b99b9adfff7deca7f2c3818a049562b22681a4ffdea8a2ab233239480"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebCancelBooking"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CancelBookingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"cancelBooking"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"booking"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebBookingFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebBookingFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Booking"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"venue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tickets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"section"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"qrCode"}}]}}]}}]} as unknown as DocumentNode<WebCancelBookingMutation, WebCancelBookingMutationVariables>;
export const WebOrganizerMeDocument = {"__meta__":{"hash":"sha256:4df8558e48dc46a8a50b936911917228cb3df0880b3c142e90d2b5a04e6a0f8b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebOrganizerMe"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]} as unknown as DocumentNode<WebOrganizerMeQuery, WebOrganizerMeQueryVariables>;
export const WebOrganizedEventsDocument = {"__meta__":{"hash":"sha256:814b4dc6641c280721d8c69c8f63f30555b28d91a348c2b35f3b7bd7ceae8428"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebOrganizedEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"OrganizedEventFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"organizedEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebOrganizedEvent"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebOrganizedEvent"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Event"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"venue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cancellation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"refundedBookings"}},{"kind":"Field","name":{"kind":"Name","value":"totalBookings"}}]}}]}}]} as unknown as DocumentNode<WebOrganizedEventsQuery, WebOrganizedEventsQueryVariables>;
export const WebOrganizerVenuesDocument = {"__meta__":{"hash":"sha256:93f7ebd58934d6282513aa7d4223a374ca1de6868fc240f0de3824a63da82887"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebOrganizerVenues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"venues"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"sections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"capacity"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebOrganizerVenuesQuery, WebOrganizerVenuesQueryVariables>;
export const WebCreateEventDocument = {"__meta__":{"hash":"sha256:1bdde0a3dafca1b561237d8d38d01ee95cd46850064dd002ac77d9a49d1e79bd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebCreateEvent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateEventInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"createEvent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebOrganizedEvent"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebOrganizedEvent"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Event"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"venue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cancellation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"refundedBookings"}},{"kind":"Field","name":{"kind":"Name","value":"totalBookings"}}]}}]}}]} as unknown as DocumentNode<WebCreateEventMutation, WebCreateEventMutationVariables>;
export const WebPublishEventDocument = {"__meta__":{"hash":"sha256:9960851284d8327c4759aafba8c5770d9a9e01d2d1d8ff05a3fa49f6d849c356"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebPublishEvent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PublishEventInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"publishEvent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebOrganizedEvent"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebOrganizedEvent"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Event"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"venue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cancellation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"refundedBookings"}},{"kind":"Field","name":{"kind":"Name","value":"totalBookings"}}]}}]}}]} as unknown as DocumentNode<WebPublishEventMutation, WebPublishEventMutationVariables>;
export const WebCancelEventDocument = {"__meta__":{"hash":"sha256:ef2d4907e1e53489e9028b810a8373d4a2fc82995798601f1e391027088b3f1e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebCancelEvent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CancelEventInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"cancelEvent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebOrganizedEvent"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebOrganizedEvent"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Event"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"venue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cancellation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"refundedBookings"}},{"kind":"Field","name":{"kind":"Name","value":"totalBookings"}}]}}]}}]} as unknown as DocumentNode<WebCancelEventMutation, WebCancelEventMutationVariables>;
export const WebEventSalesDocument = {"__meta__":{"hash":"sha256:0642bf9f932de0f1901b6a2782de6084f605ec41229dd126551a5074c1a7e9a6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebEventSales"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"sales"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"ticketsSold"}},{"kind":"Field","name":{"kind":"Name","value":"ticketsHeld"}},{"kind":"Field","name":{"kind":"Name","value":"ticketsAvailable"}},{"kind":"Field","name":{"kind":"Name","value":"grossRevenue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"refunded"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"netRevenue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"bySection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"section"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ticketsSold"}},{"kind":"Field","name":{"kind":"Name","value":"revenue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebEventSalesQuery, WebEventSalesQueryVariables>;
export const WebSeatPickerMapDocument = {"__meta__":{"hash":"sha256:2725c297e1425ea9f59ee086c510c434a85376f41a74e85e62228cdff467e154"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebSeatPickerMap"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"seatMap"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"eventId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"sections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"section"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"capacity"}},{"kind":"Field","name":{"kind":"Name","value":"availability"}},{"kind":"Field","name":{"kind":"Name","value":"layout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"ticketIds"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}},{"kind":"Field","name":{"kind":"Name","value":"numbers"}},{"kind":"Field","name":{"kind":"Name","value":"x"}},{"kind":"Field","name":{"kind":"Name","value":"y"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebSeatPickerMapQuery, WebSeatPickerMapQueryVariables>;
export const WebSeatPickerChangesDocument = {"__meta__":{"hash":"sha256:1017e4b63141315858f350037fee5389ee78115e86c03feecf35c0a419552b01"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WebSeatPickerChanges"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sinceVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seatMapChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"eventId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}}},{"kind":"Argument","name":{"kind":"Name","value":"sinceVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sinceVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"resync"}},{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"ticketId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebSeatPickerChangesSubscription, WebSeatPickerChangesSubscriptionVariables>;
export const WebMyQueuePassDocument = {"__meta__":{"hash":"sha256:f9960c76000a3802a153e6c1028e91e1d7ac23e79a2dd313e28d18ee338131db"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebMyQueuePass"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"myQueuePass"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"eventId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebQueuePassFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebQueuePassFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"QueuePass"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedWaitSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"admissionToken"}},{"kind":"Field","name":{"kind":"Name","value":"admittedUntil"}}]}}]} as unknown as DocumentNode<WebMyQueuePassQuery, WebMyQueuePassQueryVariables>;
export const WebJoinWaitingRoomDocument = {"__meta__":{"hash":"sha256:fbbdeec09f3e505566be3c084df708a8469454b5d01cc9b05083d3bcd743f32f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebJoinWaitingRoom"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"joinWaitingRoom"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"eventId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"pass"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebQueuePassFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebQueuePassFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"QueuePass"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedWaitSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"admissionToken"}},{"kind":"Field","name":{"kind":"Name","value":"admittedUntil"}}]}}]} as unknown as DocumentNode<WebJoinWaitingRoomMutation, WebJoinWaitingRoomMutationVariables>;
export const WebQueuePassChangedDocument = {"__meta__":{"hash":"sha256:4b18239618fb759f9c44fb033b4048addc71bef2b22d3765196e72984e5d2a63"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WebQueuePassChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queuePassChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"eventId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebQueuePassFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebQueuePassFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"QueuePass"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedWaitSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"admissionToken"}},{"kind":"Field","name":{"kind":"Name","value":"admittedUntil"}}]}}]} as unknown as DocumentNode<WebQueuePassChangedSubscription, WebQueuePassChangedSubscriptionVariables>;