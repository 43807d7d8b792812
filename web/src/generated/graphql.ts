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

/** Which room to join. */
export type JoinWaitingRoomInput = {
  /** The event (an Event ID). */
  eventId: string | number;
};

/** The email and password of an existing account. */
export type LogInInput = {
  /** Up to 254 characters. */
  email: string;
  /** Up to 256 characters. */
  password: string;
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

/** How a section's price may move. */
export type PricingMode =
  /**
   * The repricer moves the price with demand, within the bounds, by the rule
   * `setPricingPolicy` publishes; the organizer may still set it within them.
   */
  | 'DEMAND'
  /** The price moves only when the organizer sets it (`updateEvent`), within the bounds. */
  | 'FIXED';

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

/** How the units of a section are sold. */
export type SectionKind =
  /** Standing or unassigned: tickets are interchangeable units. */
  | 'GENERAL_ADMISSION'
  /** Every ticket is a numbered seat. */
  | 'RESERVED';

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

export type WebLogInMutationVariables = Exact<{
  input: LogInInput;
}>;


export type WebLogInMutation = { __typename: 'Mutation', logIn: { __typename: 'AuthPayload', token: string | null, expiresAt: string | null, userErrors: Array<{ __typename: 'UserError', code: UserErrorCode, message: string, field: Array<string> | null }> } | null };

export type WebSeatMapQueryVariables = Exact<{
  eventId: string | number;
}>;


export type WebSeatMapQuery = { __typename: 'Query', seatMap: { __typename: 'SeatMap', version: number, sections: Array<{ __typename: 'SeatMapSection', availability: string, capacity: number, section: { __typename: 'Section', id: string, name: string }, price: { __typename: 'Money', amount: number, currency: string } }> } };

export type WebSeatMapChangedSubscriptionVariables = Exact<{
  eventId: string | number;
  sinceVersion?: number | null | undefined;
}>;


export type WebSeatMapChangedSubscription = { seatMapChanged: { __typename: 'SeatMapDelta', version: number, resync: boolean, changes: Array<{ __typename: 'SeatChange', ticketId: string, status: TicketStatus, price: { __typename: 'Money', amount: number } }> } };

export type WebJoinWaitingRoomMutationVariables = Exact<{
  input: JoinWaitingRoomInput;
}>;


export type WebJoinWaitingRoomMutation = { __typename: 'Mutation', joinWaitingRoom: { __typename: 'JoinWaitingRoomPayload', pass: { __typename: 'QueuePass', id: string, status: QueuePassStatus, position: number | null, admissionToken: string | null } | null, userErrors: Array<{ __typename: 'UserError', code: UserErrorCode, message: string, field: Array<string> | null }> } | null };

export type WebQueuePassChangedSubscriptionVariables = Exact<{
  eventId: string | number;
}>;


export type WebQueuePassChangedSubscription = { queuePassChanged: { __typename: 'QueuePass', status: QueuePassStatus, position: number | null, estimatedWaitSeconds: number | null, admissionToken: string | null } };

export type WebReserveSeatsMutationVariables = Exact<{
  input: ReserveSeatsInput;
}>;


export type WebReserveSeatsMutation = { __typename: 'Mutation', reserveSeats: { __typename: 'ReserveSeatsPayload', unavailableTicketIds: Array<string>, hold: { __typename: 'Hold', id: string, expiresAt: string, total: { __typename: 'Money', amount: number, currency: string }, tickets: Array<{ __typename: 'Ticket', id: string, row: string | null, number: number }> } | null, userErrors: Array<{ __typename: 'UserError', code: UserErrorCode, message: string, field: Array<string> | null }> } | null };

export type WebConfirmBookingMutationVariables = Exact<{
  input: ConfirmBookingInput;
}>;


export type WebConfirmBookingMutation = { __typename: 'Mutation', confirmBooking: { __typename: 'ConfirmBookingPayload', booking: { __typename: 'Booking', id: string, status: BookingStatus, total: { __typename: 'Money', amount: number, currency: string } } | null, userErrors: Array<{ __typename: 'UserError', code: UserErrorCode, message: string, field: Array<string> | null }> } | null };

export type WebMyBookingsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WebMyBookingsQuery = { __typename: 'Query', me: { __typename: 'User', bookings: { __typename: 'BookingConnection', edges: Array<{ __typename: 'BookingEdge', node: { __typename: 'Booking', id: string, status: BookingStatus, total: { __typename: 'Money', amount: number, currency: string }, event: { __typename: 'Event', id: string, title: string, startsAt: string } } }> } | null } | null };

export type WebEventsQueryVariables = Exact<{
  filter?: EventFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WebEventsQuery = { __typename: 'Query', events: { __typename: 'EventConnection', edges: Array<{ __typename: 'EventEdge', cursor: string, node: { __typename: 'Event', id: string, title: string, category: EventCategory, startsAt: string, venue: { __typename: 'Venue', name: string, city: string }, priceRange: { __typename: 'PriceRange', min: { __typename: 'Money', amount: number, currency: string } } | null } }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type WebEventQueryVariables = Exact<{
  id: string | number;
}>;


export type WebEventQuery = { __typename: 'Query', event: { __typename: 'Event', id: string, title: string, description: string, status: EventStatus, startsAt: string, onSaleAt: string, venue: { __typename: 'Venue', name: string, city: string, timezone: string }, performers: Array<{ __typename: 'Performer', name: string }>, pricing: { __typename: 'EventPricing', mode: PricingMode, nextReviewAt: string | null }, sections: Array<{ __typename: 'EventSection', section: { __typename: 'Section', id: string, name: string, kind: SectionKind }, price: { __typename: 'Money', amount: number, currency: string }, priceBounds: { __typename: 'PriceBounds', floor: { __typename: 'Money', amount: number }, ceiling: { __typename: 'Money', amount: number } } | null, availability: { __typename: 'Availability', available: number, total: number } }> } | null };

export type WebSearchEventsQueryVariables = Exact<{
  query?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WebSearchEventsQuery = { __typename: 'Query', searchEvents: { __typename: 'EventSearchConnection', totalCount: number, edges: Array<{ __typename: 'EventSearchEdge', node: { __typename: 'Event', id: string, title: string, startsAt: string } }> } };


export const WebLogInDocument = {"__meta__":{"hash":"sha256:a19a50a2ce93fe4be93b5fb7fc068d1352a687fba397e2018a7e13542a694841"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebLogIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LogInInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"logIn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<WebLogInMutation, WebLogInMutationVariables>;
export const WebSeatMapDocument = {"__meta__":{"hash":"sha256:9fbf8cf743e723fc195e3e2a29d12cdd648a41576b24467d914e97439901a6bd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebSeatMap"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"seatMap"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"eventId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"sections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"section"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"availability"}},{"kind":"Field","name":{"kind":"Name","value":"capacity"}}]}}]}}]}}]} as unknown as DocumentNode<WebSeatMapQuery, WebSeatMapQueryVariables>;
export const WebSeatMapChangedDocument = {"__meta__":{"hash":"sha256:d5fb79c819a622a6ea43f1cc8d91eebf58c0709f724cc2f47c94f3553a8652c4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WebSeatMapChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sinceVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seatMapChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"eventId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}}},{"kind":"Argument","name":{"kind":"Name","value":"sinceVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sinceVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"resync"}},{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"ticketId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebSeatMapChangedSubscription, WebSeatMapChangedSubscriptionVariables>;
export const WebJoinWaitingRoomDocument = {"__meta__":{"hash":"sha256:c962e03e0972ca93b90c7dcc72147d2c718f6672956c07abb8a317fd7438e8f9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebJoinWaitingRoom"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"JoinWaitingRoomInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"joinWaitingRoom"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"pass"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"admissionToken"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<WebJoinWaitingRoomMutation, WebJoinWaitingRoomMutationVariables>;
export const WebQueuePassChangedDocument = {"__meta__":{"hash":"sha256:9cc0ce0caf83160be1b81b9336322a592ad2c6591ced034b61a68b2386cc7d98"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WebQueuePassChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queuePassChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"eventId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedWaitSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"admissionToken"}}]}}]}}]} as unknown as DocumentNode<WebQueuePassChangedSubscription, WebQueuePassChangedSubscriptionVariables>;
export const WebReserveSeatsDocument = {"__meta__":{"hash":"sha256:f98b09cee43ca0d7504ee26237d60d80b54185558b521ac91b28d14fa8b7c560"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebReserveSeats"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReserveSeatsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"reserveSeats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hold"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tickets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"number"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"unavailableTicketIds"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<WebReserveSeatsMutation, WebReserveSeatsMutationVariables>;
export const WebConfirmBookingDocument = {"__meta__":{"hash":"sha256:26be6ee6fd54865784806333dbe024846e31a555066a738425201a76b8b3c774"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebConfirmBooking"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConfirmBookingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"confirmBooking"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"booking"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<WebConfirmBookingMutation, WebConfirmBookingMutationVariables>;
export const WebMyBookingsDocument = {"__meta__":{"hash":"sha256:00f4c6111bc28504d4ca30e3a5eca1b9ac2b186e23caf11b5d7f3c4506a7f5a3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebMyBookings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"bookings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebMyBookingsQuery, WebMyBookingsQueryVariables>;
export const WebEventsDocument = {"__meta__":{"hash":"sha256:c25f9e4bcb50c3b6b01dfd4f93a24c04b7c03619cc48046509a41f50c388f357"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EventFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"venue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}}]}},{"kind":"Field","name":{"kind":"Name","value":"priceRange"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"min"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<WebEventsQuery, WebEventsQueryVariables>;
export const WebEventDocument = {"__meta__":{"hash":"sha256:133b333ba5fe8734065d2326058eada7cca9a2621af3fb670df7562adbddb77b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebEvent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"onSaleAt"}},{"kind":"Field","name":{"kind":"Name","value":"venue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}}]}},{"kind":"Field","name":{"kind":"Name","value":"performers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pricing"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"nextReviewAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"section"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"priceBounds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"floor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ceiling"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"availability"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"total"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebEventQuery, WebEventQueryVariables>;
export const WebSearchEventsDocument = {"__meta__":{"hash":"sha256:46f8221964f389eaf08cdd617c334e7b35aecc379c0cfc3495c5ab547dc32965"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebSearchEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"searchEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebSearchEventsQuery, WebSearchEventsQueryVariables>;