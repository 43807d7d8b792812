/**
 * The relational model. Column names are camelCase here and snake_case in
 * PostgreSQL (drizzle `casing: 'snake_case'`, set in the client and in
 * drizzle.config.ts). `npm run db:generate` turns changes into SQL migrations.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** drizzle has no tsvector column; only SQL reads and writes it, so it stays text on the TypeScript side. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

export const userRole = pgEnum('user_role', ['FAN', 'ORGANIZER', 'ADMIN']);

export const users = pgTable(
  'users',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** Stored normalised (trimmed, lower case); unique. */
    email: text().notNull(),
    name: text().notNull(),
    role: userRole().notNull().default('FAN'),
    /** argon2id, in PHC string format ($argon2id$v=19$m=19456,t=2,p=1$...). */
    passwordHash: text().notNull(),
    createdAt: createdAt(),
    /** When the user deleted their account (deleteAccount): name and email are erased then, the bookings kept for accounting. */
    deletedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email)],
);

/** A login. Tokens name their session, so revoking the row ends the token at once. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const venues = pgTable(
  'venues',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    address: text().notNull(),
    city: text().notNull(),
    region: text(),
    /** ISO 3166-1 alpha-2. */
    country: text().notNull(),
    latitude: doublePrecision().notNull(),
    longitude: doublePrecision().notNull(),
    /** IANA time zone, e.g. America/Chicago. */
    timezone: text().notNull(),
    /** Who created it and may edit it; null for a venue the platform keeps (admins edit it, any organizer may use it). */
    organizerId: integer().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('venues_city_idx').on(sql`lower(${t.city})`), index('venues_organizer_idx').on(t.organizerId, t.name, t.id)],
);

export const sectionKind = pgEnum('section_kind', ['RESERVED', 'GENERAL_ADMISSION']);

export const sections = pgTable(
  'sections',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    venueId: integer()
      .notNull()
      .references(() => venues.id),
    name: text().notNull(),
    kind: sectionKind().notNull(),
    /** Seats of a reserved section, units of a general-admission one. */
    capacity: integer().notNull(),
  },
  (t) => [index('sections_venue_idx').on(t.venueId), check('sections_capacity_positive', sql`${t.capacity} > 0`)],
);

export const seats = pgTable(
  'seats',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    sectionId: integer()
      .notNull()
      .references(() => sections.id),
    rowLabel: text().notNull(),
    number: integer().notNull(),
    /** Position for drawing a seat map, in venue units. */
    x: real().notNull(),
    y: real().notNull(),
  },
  (t) => [uniqueIndex('seats_position_key').on(t.sectionId, t.rowLabel, t.number)],
);

export const performerKind = pgEnum('performer_kind', ['ARTIST', 'BAND', 'COMEDIAN', 'TEAM', 'COMPANY', 'DJ']);

export const performers = pgTable('performers', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  name: text().notNull(),
  kind: performerKind().notNull(),
  genre: text(),
  /** Who created the profile and may edit it; null for one the platform keeps (admins edit it). */
  organizerId: integer().references(() => users.id),
  createdAt: createdAt(),
});

export const eventCategory = pgEnum('event_category', ['CONCERT', 'SPORTS', 'THEATRE', 'COMEDY', 'FAMILY', 'FESTIVAL']);
export const eventStatus = pgEnum('event_status', ['DRAFT', 'ON_SALE', 'SOLD_OUT', 'CANCELLED', 'COMPLETED']);

export const events = pgTable(
  'events',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    title: text().notNull(),
    description: text().notNull().default(''),
    category: eventCategory().notNull(),
    status: eventStatus().notNull().default('DRAFT'),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    onSaleAt: timestamp({ withTimezone: true }).notNull(),
    venueId: integer()
      .notNull()
      .references(() => venues.id),
    organizerId: integer()
      .notNull()
      .references(() => users.id),
    /** ISO 4217 code; every price of the event is in this currency. */
    currency: text().notNull(),
    holdTtlSeconds: integer().notNull().default(600),
    /** Most tickets one user may hold and buy for this event. */
    ticketLimit: integer().notNull().default(8),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Keyset pagination orders by (starts_at, id); every filter below ends in the same order.
    index('events_starts_at_idx').on(t.startsAt, t.id),
    index('events_venue_idx').on(t.venueId, t.startsAt, t.id),
    index('events_status_idx').on(t.status, t.startsAt, t.id),
    index('events_category_idx').on(t.category, t.startsAt, t.id),
    index('events_organizer_idx').on(t.organizerId, t.startsAt, t.id),
    check('events_ends_after_start', sql`${t.endsAt} >= ${t.startsAt}`),
    check('events_hold_ttl_positive', sql`${t.holdTtlSeconds} > 0`),
    check('events_ticket_limit_positive', sql`${t.ticketLimit} > 0`),
  ],
);

export const eventPerformers = pgTable(
  'event_performers',
  {
    eventId: integer()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    performerId: integer()
      .notNull()
      .references(() => performers.id),
    /** Headliner first. */
    billing: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.performerId] }), index('event_performers_performer_idx').on(t.performerId, t.eventId)],
);

/** The price of each section of the event's venue that is on sale. */
export const eventSections = pgTable(
  'event_sections',
  {
    eventId: integer()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    sectionId: integer()
      .notNull()
      .references(() => sections.id),
    /** In minor units of the event's currency. */
    price: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.sectionId] }), check('event_sections_price_nonnegative', sql`${t.price} >= 0`)],
);

export const pricingMode = pgEnum('pricing_mode', ['FIXED', 'DEMAND']);

/**
 * How a section's price may move (pricing/README in the schema): its bounds
 * and, in DEMAND mode, the step, interval and target of the repricer. A
 * section has at most one policy in force (the latest whose effectiveAt has
 * come) and one announced: widened bounds on sale wait 24 h, shown to all.
 */
export const pricingPolicies = pgTable(
  'pricing_policies',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    eventId: integer().notNull(),
    sectionId: integer().notNull(),
    mode: pricingMode().notNull(),
    /** In minor units of the event's currency, as the bounds below. */
    floor: integer().notNull(),
    ceiling: integer().notNull(),
    maxStepPercent: integer().notNull(),
    minIntervalSeconds: integer().notNull(),
    /** The share of the section to sell by the start, in basis points (9000: 90%). */
    targetSellThroughBp: integer().notNull(),
    effectiveAt: timestamp({ withTimezone: true }).notNull(),
    /** When the repricer last looked at the section under this policy; null: not yet. */
    reviewedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    foreignKey({ columns: [t.eventId, t.sectionId], foreignColumns: [eventSections.eventId, eventSections.sectionId] }).onDelete('cascade'),
    uniqueIndex('pricing_policies_section_effective_key').on(t.eventId, t.sectionId, t.effectiveAt),
    check('pricing_policies_bounds', sql`0 <= ${t.floor} AND ${t.floor} <= ${t.ceiling}`),
    check('pricing_policies_step', sql`${t.maxStepPercent} BETWEEN 1 AND 25`),
    check('pricing_policies_interval', sql`${t.minIntervalSeconds} >= 10`),
    check('pricing_policies_target', sql`${t.targetSellThroughBp} BETWEEN 1 AND 10000`),
  ],
);

/** Every change of a published event's section price, with why: the public price history. */
export const priceChanges = pgTable(
  'price_changes',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    eventId: integer()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    sectionId: integer().notNull(),
    oldPrice: integer().notNull(),
    newPrice: integer().notNull(),
    /** A sentence with the numbers that drove the change. */
    reason: text().notNull(),
    changedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('price_changes_event_idx').on(t.eventId, t.id)],
);

export const ticketStatus = pgEnum('ticket_status', ['AVAILABLE', 'HELD', 'SOLD']);

/**
 * One row per sellable unit of an event: a seat of a reserved section, or a
 * numbered unit of a general-admission section. Created with the event.
 */
export const tickets = pgTable(
  'tickets',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    eventId: integer()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    // No foreign keys on these two either: each would be checked per ticket, and publishing 100,000
    // tickets took twice as long with them (2.3 s against 1.2 s); deleting a seat or section would look
    // for tickets naming it in every ticket (no index leads with either), so replacing a 500-seat plan
    // took 3.7 s among a million tickets. A venue's seats are deleted only with its plan, which
    // updateVenue replaces only while no event at the venue has tickets, holding the venue's row
    // against publishEvent (organizer/venues.ts); tickets are made from the seats of their event's venue.
    sectionId: integer().notNull(),
    /** Set for a reserved seat. */
    seatId: integer(),
    /** Set for a general-admission unit: 1..capacity of its section. */
    gaNumber: integer(),
    status: ticketStatus().notNull().default('AVAILABLE'),
    /** In minor units of the event's currency. */
    price: integer().notNull(),
    // No foreign keys on these two: they change on the hot path of every sale,
    // and hold_tickets and bookings already reference the ticket.
    holdId: bigint({ mode: 'number' }),
    // While HELD, the hold's expiry (HELD until then, AVAILABLE from then on: ticket_status_at, migration 0009);
    // once a hold ends, where its claim ended: no reservation may start before it.
    heldUntil: timestamp({ withTimezone: true }),
    bookingId: bigint({ mode: 'number' }),
  },
  (t) => [
    // Availability counts read (event, status, section) and treat expired holds as free.
    index('tickets_event_status_idx').on(t.eventId, t.status, t.sectionId, t.heldUntil),
    uniqueIndex('tickets_event_seat_key').on(t.eventId, t.seatId),
    uniqueIndex('tickets_event_ga_key').on(t.eventId, t.sectionId, t.gaNumber),
    check('tickets_seat_or_ga', sql`(${t.seatId} IS NULL) <> (${t.gaNumber} IS NULL)`),
  ],
);

export const holdStatus = pgEnum('hold_status', ['ACTIVE', 'RELEASED', 'EXPIRED', 'CONFIRMED']);

/** Tickets set aside for one user for a while (the event's hold TTL), to be confirmed with payment. */
export const holds = pgTable(
  'holds',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    // No foreign key to events: each check share-locks the event's row, and in an on-sale every
    // transaction would take a turn at that one row. The tickets a hold claims name their event anyway.
    eventId: integer().notNull(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** ACTIVE past expiresAt is expired: every read treats it so before the sweeper marks it EXPIRED (hold_status_at, migration 0009). */
    status: holdStatus().notNull().default('ACTIVE'),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: createdAt(),
    /** When it was released, expired by the sweeper or confirmed. */
    endedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('holds_event_user_idx').on(t.eventId, t.userId),
    index('holds_user_idx').on(t.userId, t.id),
    index('holds_active_expiry_idx')
      .on(t.expiresAt)
      .where(sql`${t.status} = 'ACTIVE'`),
  ],
);

/**
 * The tickets of a hold, at the price fixed when it was made. Each row is a
 * claim on its ticket from claimedFrom until claimedUntil (null: for good, the
 * ticket is sold). An exclusion constraint (migration 0003) makes two
 * overlapping claims on one ticket impossible, whatever the code does; a claim
 * withdrawn (released, cancelled) is emptied (claimedUntil = claimedFrom) so
 * that no later claim can overlap it, whatever the clocks of the processes.
 */
export const holdTickets = pgTable(
  'hold_tickets',
  {
    holdId: bigint({ mode: 'number' })
      .notNull()
      .references(() => holds.id, { onDelete: 'cascade' }),
    ticketId: bigint({ mode: 'number' })
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    /** In minor units of the event's currency. */
    price: integer().notNull(),
    claimedFrom: timestamp({ withTimezone: true }).notNull(),
    claimedUntil: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.holdId, t.ticketId] })],
);

export const bookingStatus = pgEnum('booking_status', ['CONFIRMED', 'CANCELLED']);
export const paymentStatus = pgEnum('payment_status', ['AUTHORIZED', 'CAPTURED', 'VOIDED', 'REFUNDED', 'DECLINED']);

/** A confirmed (paid) hold: its tickets are SOLD to the user until it is cancelled. */
export const bookings = pgTable(
  'bookings',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    eventId: integer().notNull(), // no foreign key, as for holds: the event's row is the hottest of an on-sale
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    holdId: bigint({ mode: 'number' })
      .notNull()
      .references(() => holds.id),
    status: bookingStatus().notNull().default('CONFIRMED'),
    /** In minor units of currency: the hold's total. */
    total: integer().notNull(),
    currency: text().notNull(),
    /** The payment provider's id of the charge. */
    paymentId: text().notNull(),
    paymentStatus: paymentStatus().notNull(),
    cardLast4: text(),
    createdAt: createdAt(),
    cancelledAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('bookings_hold_key').on(t.holdId), index('bookings_user_idx').on(t.userId, t.id), index('bookings_event_idx').on(t.eventId, t.id)],
);

/**
 * The calling off of an event, and how far its refunds have got. Written with
 * the event's status in one transaction; the refund job (organizer/refunds)
 * works through the event's CONFIRMED bookings until none is left.
 */
export const eventCancellations = pgTable('event_cancellations', {
  eventId: integer()
    .primaryKey()
    .references(() => events.id, { onDelete: 'cascade' }),
  reason: text().notNull(),
  requestedAt: timestamp({ withTimezone: true }).notNull(),
  requestedBy: integer()
    .notNull()
    .references(() => users.id),
  /** CONFIRMED bookings when the event was cancelled: no sale can follow (a sale share-locks its event). */
  totalBookings: integer().notNull(),
  refundedBookings: integer().notNull().default(0),
  /** When the last booking was refunded; null while refunds are under way. */
  completedAt: timestamp({ withTimezone: true }),
});

/**
 * The ledger of the built-in simulated card processor: one row per charge,
 * with the time of each step, so that charges survive restarts and can be
 * reconciled against bookings.
 */
export const simulatedCharges = pgTable('simulated_charges', {
  id: text().primaryKey(),
  /**
   * The caller's key for this authorization: a second authorization with the
   * same key answers the first charge instead of making another (as Stripe's
   * Idempotency-Key header does). Null for charges made before keys existed.
   */
  idempotencyKey: text().unique(),
  amount: integer().notNull(),
  currency: text().notNull(),
  /** What the charge is for, e.g. "hold:42". */
  reference: text().notNull(),
  status: paymentStatus().notNull(),
  cardLast4: text(),
  /** Why it was declined, in Stripe's decline codes (card_declined, insufficient_funds). */
  declineCode: text(),
  createdAt: createdAt(),
  capturedAt: timestamp({ withTimezone: true }),
  voidedAt: timestamp({ withTimezone: true }),
  refundedAt: timestamp({ withTimezone: true }),
});

/**
 * Where a purchase (confirmBooking) has got to. Each step is a recovery
 * point, recorded before the next one starts: a retry after a crash resumes
 * from the last one rather than paying again.
 */
export const purchaseStep = pgEnum('purchase_step', [
  /** Recorded; the card may or may not have been authorized (the provider knows, by the purchase's key). */
  'STARTED',
  /** The card is authorized (paymentId); the sale is not committed yet. */
  'AUTHORIZED',
  /** The sale is committed (bookingId); the payment is not captured yet. */
  'BOOKED',
  /** Done: booked and captured. */
  'CAPTURED',
  /** Abandoned after a crash: the reconciler voided its authorization, and no sale will follow. */
  'VOIDED',
]);

/**
 * A purchase attempt, one per user and idempotency key of confirmBooking:
 * written before the card processor is called, with the key the processor is
 * given (derived from this row's id), and moved on at each recovery point.
 * The reconciler (src/booking/payment-reconciler.ts) finishes or voids the
 * ones a crash left behind.
 */
export const purchases = pgTable(
  'purchases',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    idempotencyKey: text().notNull(),
    holdId: bigint({ mode: 'number' })
      .notNull()
      .references(() => holds.id),
    /** In minor units of currency: what the hold's tickets cost when the purchase started, each at the lower of its held and its current price. */
    amount: integer().notNull(),
    /** Each ticket's part of `amount`, by ticket id: the prices its booking's tickets are sold at. Null for purchases made before it existed (the held prices). */
    ticketPrices: jsonb().$type<Record<string, number>>(),
    currency: text().notNull(),
    step: purchaseStep().notNull().default('STARTED'),
    /** The processor's charge, once authorized. */
    paymentId: text(),
    cardLast4: text(),
    bookingId: bigint({ mode: 'number' }).references(() => bookings.id),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    uniqueIndex('purchases_user_key').on(t.userId, t.idempotencyKey),
    index('purchases_open_idx')
      .on(t.step, t.updatedAt)
      .where(sql`${t.step} IN ('STARTED', 'AUTHORIZED', 'BOOKED')`),
  ],
);

/**
 * Idempotency keys, scoped to the user who sent them. A row without a response
 * is a request in progress; a row older than 24 hours is forgotten.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text().notNull(),
    /** Hash of the operation and its input, to tell a replay from a reuse. */
    requestHash: text().notNull(),
    response: jsonb(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);

/** The version of each event's seat map: bumped by every transaction that changes a ticket's status. */
export const seatMaps = pgTable('seat_maps', {
  eventId: integer()
    .primaryKey()
    .references(() => events.id, { onDelete: 'cascade' }),
  version: bigint({ mode: 'number' }).notNull(),
});

/** What each seat-map version changed, written in the transaction that made the change. */
export const seatMapChanges = pgTable(
  'seat_map_changes',
  {
    eventId: integer().notNull(), // no foreign key, as for holds: every sale writes here
    version: bigint({ mode: 'number' }).notNull(),
    ticketId: bigint({ mode: 'number' }).notNull(),
    status: ticketStatus().notNull(),
    price: integer().notNull(),
    // The log is written in the statement pipelined with COMMIT, so this is when the change committed, give or take
    // that round trip: what delivery latency is measured from (bench/).
    changedAt: timestamp({ withTimezone: true })
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.version, t.ticketId] })],
);

/**
 * Facts for other systems (search, mail, accounting), written in the
 * transaction that made them true (src/outbox/): `topic` names the kind of
 * fact and the shape of `payload` (src/outbox/topics.ts). Each consumer reads
 * the messages of its topics in id order and records what it handled in
 * outbox_deliveries; a message is deleted once every consumer of its topic has
 * handled it.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** e.g. booking.confirmed */
    topic: text().notNull(),
    payload: jsonb().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('outbox_topic_id_idx').on(t.topic, t.id)],
);

/**
 * The consumers of the outbox and the topics each reads. Messages of a topic
 * are kept until every consumer registered for it has handled them: a
 * consumer that is retired for good must be deleted here.
 */
export const outboxConsumers = pgTable('outbox_consumers', {
  name: text().primaryKey(),
  topics: text().array().notNull(),
  registeredAt: createdAt(),
});

/**
 * What each consumer did with each message it has taken: handled (handledAt),
 * or set aside after failing on its own (attempts, retryAt, lastError), to be
 * taken again at retryAt. A message with no row here is still to be taken.
 */
export const outboxDeliveries = pgTable(
  'outbox_deliveries',
  {
    consumer: text()
      .notNull()
      .references(() => outboxConsumers.name, { onDelete: 'cascade' }),
    messageId: bigint({ mode: 'number' })
      .notNull()
      .references(() => outbox.id, { onDelete: 'cascade' }),
    handledAt: timestamp({ withTimezone: true }),
    /** Times the message failed on its own; 0 once handled at the first try. */
    attempts: integer().notNull().default(0),
    /** A message set aside is not taken again before this. */
    retryAt: timestamp({ withTimezone: true }),
    /** Why the last attempt failed, for whoever looks into it (README, "How the index keeps up"). */
    lastError: text(),
  },
  (t) => [primaryKey({ columns: [t.consumer, t.messageId] })],
);

/**
 * The PostgreSQL search index: one denormalised document per public event,
 * written only by the indexer. `document` is a weighted tsvector (title and
 * performers A, venue, city and category B, description D) of unaccented text.
 */
export const searchDocuments = pgTable(
  'search_documents',
  {
    eventId: integer().primaryKey(),
    title: text().notNull(),
    /** Headliner first, as `performerNames`. */
    performerIds: integer().array().notNull(),
    performerNames: text().array().notNull(),
    venueId: integer().notNull(),
    venueName: text().notNull(),
    city: text().notNull(),
    country: text().notNull(),
    latitude: doublePrecision().notNull(),
    longitude: doublePrecision().notNull(),
    category: eventCategory().notNull(),
    status: eventStatus().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    currency: text().notNull(),
    /** Every section's price in minor units, lowest first; empty when nothing is priced. */
    prices: integer().array().notNull(),
    minPrice: integer(),
    /** Tickets not sold (held ones count: holds run out). */
    ticketsAvailable: integer().notNull(),
    /** Tickets sold in the week before the document was built. */
    popularity: integer().notNull(),
    document: tsvector().notNull(),
  },
  (t) => [
    index('search_documents_document_idx').using('gin', t.document),
    index('search_documents_starts_at_idx').on(t.startsAt, t.eventId),
    index('search_documents_city_idx').on(sql`search_normalize(${t.city})`),
    index('search_documents_latitude_idx').on(t.latitude),
  ],
);

/** Every word of the indexed documents, for finding what a misspelt query word meant (trigram index). */
export const searchWords = pgTable(
  'search_words',
  {
    word: text().primaryKey(),
  },
  (t) => [index('search_words_trgm_idx').using('gist', t.word.op('gist_trgm_ops')), index('search_words_prefix_idx').on(t.word.op('text_pattern_ops'))],
);

/**
 * The organizer's waiting room of an event (configureWaitingRoom): while
 * enabled, fans queue from opensAt and reserve only once admitted.
 */
export const waitingRooms = pgTable(
  'waiting_rooms',
  {
    eventId: integer()
      .primaryKey()
      .references(() => events.id, { onDelete: 'cascade' }),
    enabled: boolean().notNull(),
    /** When fans may start joining; those who join before the event's onSaleAt are shuffled at it. */
    opensAt: timestamp({ withTimezone: true }).notNull(),
    /** A fixed outflow; null: adaptive, from the measured booking latency. */
    admitPerMinute: integer(),
    /** How long an admitted fan has to reach a hold. */
    admissionTtlSeconds: integer().notNull().default(600),
    /** Most admitted fans who have not yet finished; null: no cap. */
    maxActiveBuyers: integer(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('waiting_rooms_admit_per_minute_positive', sql`${t.admitPerMinute} > 0`),
    check('waiting_rooms_admission_ttl_positive', sql`${t.admissionTtlSeconds} > 0`),
    check('waiting_rooms_max_active_buyers_positive', sql`${t.maxActiveBuyers} > 0`),
  ],
);

/**
 * An event's queue on PostgreSQL (src/waitingroom/postgres-queue.ts; with
 * REDIS_URL it lives in Redis instead): its counters, and the row each step
 * locks so that two admitters take turns. Numbers up to servingNumber have
 * been let in; lastNumber is the highest given.
 */
export const waitingRoomQueues = pgTable('waiting_room_queues', {
  eventId: integer()
    .primaryKey()
    .references(() => events.id, { onDelete: 'cascade' }),
  servingNumber: integer().notNull().default(0),
  lastNumber: integer().notNull().default(0),
  /** Whether the pre-queue has been numbered: from then on a joiner gets the next number at once. */
  numbered: boolean().notNull().default(false),
});

/**
 * Each API process's recent reserveSeats latencies, as counts per histogram
 * bucket (src/waitingroom/latency-window.ts), so that the admitter, in one
 * process, follows the whole cluster's p99 (src/waitingroom/cluster-latency.ts).
 * One row per process, replaced each second; rows of processes gone are
 * deleted by the next read. In Redis instead when REDIS_URL is set.
 */
export const waitingRoomLatencies = pgTable('waiting_room_latencies', {
  processId: text().primaryKey(),
  /** [bucket, count] pairs. */
  counts: jsonb().$type<[number, number][]>().notNull(),
  sharedAt: timestamp({ withTimezone: true }).notNull(),
});

export const passStatus = pgEnum('pass_status', ['WAITING', 'ADMITTED', 'EXPIRED', 'LEFT']);

/** A fan's place in an event's queue: one per account and event, whatever becomes of it. */
export const queuePasses = pgTable(
  'queue_passes',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    eventId: integer()
      .notNull()
      .references(() => waitingRoomQueues.eventId, { onDelete: 'cascade' }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: passStatus().notNull().default('WAITING'),
    /** The fixed queue number; null in the pre-queue. */
    number: integer(),
    joinedAt: timestamp({ withTimezone: true }).notNull(),
    admittedAt: timestamp({ withTimezone: true }),
    /** Until when an ADMITTED pass may reach a hold. */
    admittedUntil: timestamp({ withTimezone: true }),
    /** The hold made while admitted. No foreign key: the queue takes it as booking gives it, in Redis as here. */
    holdId: bigint({ mode: 'number' }),
  },
  (t) => [
    uniqueIndex('queue_passes_event_user_key').on(t.eventId, t.userId),
    // Admission walks the numbers above the serving counter in order; the pre-queue is those with none.
    uniqueIndex('queue_passes_event_number_key').on(t.eventId, t.number),
    // The numbers of those who left, above the counter: every waiting fan's position skips them.
    index('queue_passes_left_idx')
      .on(t.eventId, t.number)
      .where(sql`${t.status} = 'LEFT'`),
    // Admissions in the last minute, for the estimated wait.
    index('queue_passes_admitted_at_idx')
      .on(t.eventId, t.admittedAt)
      .where(sql`${t.admittedAt} IS NOT NULL`),
    // Admitted fans now: their count, those running out, those with holds.
    index('queue_passes_admitted_idx')
      .on(t.eventId, t.admittedUntil)
      .where(sql`${t.status} = 'ADMITTED'`),
  ],
);

/** Companies that sell tickets through the API with keys of their own (src/partners/). */
export const partners = pgTable('partners', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  name: text().notNull(),
  contactEmail: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull(),
});

/**
 * A partner's API keys. Only the SHA-256 of a key is kept: the key itself is
 * shown once, when created. A revoked key stays, for its usage and the record.
 */
export const partnerApiKeys = pgTable(
  'partner_api_keys',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    partnerId: integer()
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    /** The key's first characters, shown to tell keys apart (e.g. "tkp_3hF9"). */
    prefix: text().notNull(),
    /** Lower-case hex SHA-256 of the whole key. */
    keyHash: text().notNull().unique(),
    scopes: text().array().notNull(),
    requestsPerMinute: integer().notNull(),
    /** The most cost points its bucket holds (partners/budgets.ts): what a burst of operations may cost. */
    costBudget: integer().notNull().default(20_000),
    /** Cost points its bucket gets back each second. */
    costRestorePerSecond: integer().notNull().default(1_000),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('partner_api_keys_partner_idx').on(t.partnerId, t.id)],
);

/** Requests made with each key, per UTC day. */
export const partnerKeyUsage = pgTable(
  'partner_key_usage',
  {
    keyId: integer()
      .notNull()
      .references(() => partnerApiKeys.id, { onDelete: 'cascade' }),
    day: date({ mode: 'string' }).notNull(),
    requests: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.day] })],
);

/** The documents a partner may run, registered by an admin: each by its SHA-256, with its cost when registered. */
export const partnerDocuments = pgTable(
  'partner_documents',
  {
    partnerId: integer()
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    /** Lower-case hex SHA-256 of the document. */
    hash: text().notNull(),
    document: text().notNull(),
    cost: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.hash] })],
);

export const notificationKind = pgEnum('notification_kind', ['WELCOME', 'BOOKING_CONFIRMED', 'BOOKING_CANCELLED', 'EVENT_CANCELLED', 'EVENT_RESCHEDULED']);
export const notificationStatus = pgEnum('notification_status', ['QUEUED', 'SENT', 'FAILED']);

/**
 * Every e-mail the platform sends a user, one row per message: made by the
 * notifier (an outbox consumer) with the job that sends it, in one
 * transaction; `subject` makes a second row for one fact impossible.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: notificationKind().notNull(),
    /** What the message is about, unique per user and kind (e.g. "booking:42"). */
    subject: text().notNull(),
    bookingId: bigint({ mode: 'number' }),
    eventId: integer(),
    /** What the message says beyond the rows it names (e.g. an event's previous times). */
    details: jsonb().notNull().default({}),
    /** The address it went to; erased when the account is deleted. */
    toAddress: text().notNull(),
    status: notificationStatus().notNull().default('QUEUED'),
    /** Sends started: recorded before each SMTP call, so a crash mid-send is known to the retry. */
    attempts: integer().notNull().default(0),
    lastAttemptAt: timestamp({ withTimezone: true }),
    lastError: text(),
    /** The Message-ID the mail server accepted. */
    providerMessageId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('notifications_subject_key').on(t.userId, t.kind, t.subject), index('notifications_user_idx').on(t.userId, t.id)],
);

/** Accounts the people who run an event let check its tickets in at the door (besides themselves). */
export const eventStaff = pgTable(
  'event_staff',
  {
    eventId: integer()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    addedBy: integer()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId] }), index('event_staff_user_idx').on(t.userId)],
);

/**
 * A ticket let in at the door. One per ticket and booking: the primary key
 * makes a second scan of the same code lose, whichever scanner is first; a
 * ticket resold after a cancellation has a new booking and a new code.
 */
export const ticketCheckIns = pgTable(
  'ticket_check_ins',
  {
    ticketId: bigint({ mode: 'number' })
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    bookingId: bigint({ mode: 'number' })
      .notNull()
      .references(() => bookings.id),
    eventId: integer().notNull(),
    gate: text().notNull(),
    checkedInBy: integer()
      .notNull()
      .references(() => users.id),
    checkedInAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.bookingId] }), index('ticket_check_ins_event_idx').on(t.eventId, t.gate)],
);

/**
 * The job queue's workers (graphile-worker, src/jobs/queue.ts) that are alive,
 * each seen every few seconds by its process. A worker not seen for a while
 * died with its process: the jobs it had taken are unlocked for others,
 * instead of after graphile-worker's own four hours.
 */
export const jobWorkers = pgTable('job_workers', {
  workerId: text().primaryKey(),
  seenAt: timestamp({ withTimezone: true }).notNull(),
});
