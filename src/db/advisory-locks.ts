/**
 * Every PostgreSQL advisory lock the service takes, in one place so that no
 * two uses share a key. Single-bigint keys: positive ones are ticket ids
 * (booking), negative constants name cluster-wide roles. Two-integer keys
 * (a separate key space in PostgreSQL) are (event id, user id) pairs, or
 * (negative constant, id) pairs, which no event id collides with.
 */

/** Held (session) while migrations run, so each runs once when processes start together. */
export const MIGRATION_LOCK = -7_240_001;

/** Held (session) by the one process that sweeps expired holds. */
export const HOLD_SWEEPER_LOCK = -7_240_002;

/** First half of the two-integer key (search, event id) an indexer holds (transaction) while it writes that event's document. */
export const SEARCH_EVENT_LOCKS = -7_240_003;

/** Held (session) by the one process that reconciles payments with bookings. */
export const PAYMENT_RECONCILER_LOCK = -7_240_004;
