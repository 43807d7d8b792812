/**
 * The notifications' statements: the record of every e-mail to a user, made
 * with the job that sends it; what a message says, read when it is sent; and
 * a user's list.
 */
import type { PendingQuery, Row, TransactionSql } from 'postgres';

import type { Queryable, Sql } from '../db/client.js';
import { DEFERRABLE } from '../jobs/store.js';

export type NotificationKind = 'WELCOME' | 'BOOKING_CONFIRMED' | 'BOOKING_CANCELLED' | 'EVENT_CANCELLED' | 'EVENT_RESCHEDULED';
export type NotificationStatus = 'QUEUED' | 'SENT' | 'FAILED';

export interface NotificationRow {
  id: number;
  userId: number;
  kind: NotificationKind;
  subject: string;
  bookingId: number | null;
  eventId: number | null;
  details: Record<string, unknown>;
  toAddress: string;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  providerMessageId: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

const columns = (sql: Queryable) => sql`
  n.id::int, n.user_id AS "userId", n.kind, n.subject, n.booking_id::int AS "bookingId", n.event_id AS "eventId", n.details,
  n.to_address AS "toAddress", n.status, n.attempts, n.last_error AS "lastError", n.provider_message_id AS "providerMessageId",
  n.created_at AS "createdAt", n.sent_at AS "sentAt"`;

/** The job that sends a notification: the task, and how many attempts before it is left FAILED. */
export const SEND_TASK = 'send-notification';
export const SEND_ATTEMPTS = 10;

/**
 * Records the notifications `recipients` selects (columns user_id, subject,
 * booking_id, event_id, details, to_address; deleted accounts left out) as
 * `kind`, each with the job that sends it, in one statement of the caller's
 * transaction; one already made for its (user, kind, subject) is not made
 * again, nor sent twice. Resolves to how many were made.
 */
async function queue(tx: TransactionSql, kind: NotificationKind, recipients: PendingQuery<Row[]>, now: Date): Promise<number> {
  const [{ made }] = await tx<[{ made: number }]>`
    WITH made AS (
      INSERT INTO notifications (user_id, kind, subject, booking_id, event_id, details, to_address, created_at)
      SELECT r.user_id, ${kind}, r.subject, r.booking_id, r.event_id, r.details, r.to_address, ${now} FROM (${recipients}) r
      ON CONFLICT (user_id, kind, subject) DO NOTHING
      RETURNING id)
    SELECT count(graphile_worker.add_job(${SEND_TASK}, json_build_object('notificationId', id), job_key := 'notification:' || id,
                                         max_attempts := ${SEND_ATTEMPTS}, job_key_mode := 'unsafe_dedupe', flags := ARRAY[${DEFERRABLE}::text]))::int AS made
    FROM made`;
  return made;
}

/** A welcome for a new account. */
export function queueWelcome(tx: TransactionSql, userId: number, now: Date): Promise<number> {
  return queue(
    tx,
    'WELCOME',
    tx`SELECT u.id AS user_id, 'account' AS subject, NULL::bigint AS booking_id, NULL::int AS event_id, '{}'::jsonb AS details, u.email AS to_address
       FROM users u WHERE u.id = ${userId} AND u.deleted_at IS NULL`,
    now,
  );
}

/** A message about one booking, to its buyer: confirmed, or cancelled and refunded (`details` says how). */
export function queueBookingMessage(
  tx: TransactionSql,
  kind: 'BOOKING_CONFIRMED' | 'BOOKING_CANCELLED',
  bookingId: number,
  details: Record<string, unknown>,
  now: Date,
): Promise<number> {
  return queue(
    tx,
    kind,
    tx`SELECT b.user_id, 'booking:' || b.id AS subject, b.id AS booking_id, b.event_id, ${tx.json(details as never)}::jsonb AS details, u.email AS to_address
       FROM bookings b JOIN users u ON u.id = b.user_id WHERE b.id = ${bookingId} AND u.deleted_at IS NULL`,
    now,
  );
}

/**
 * An event was called off: one message per booking that stood when it was
 * (refunded since, or not yet), its refund under way.
 */
export function queueEventCancelled(tx: TransactionSql, eventId: number, now: Date): Promise<number> {
  return queue(
    tx,
    'EVENT_CANCELLED',
    tx`SELECT b.user_id, 'booking:' || b.id AS subject, b.id AS booking_id, b.event_id, '{}'::jsonb AS details, u.email AS to_address
       FROM event_cancellations c JOIN bookings b ON b.event_id = c.event_id JOIN users u ON u.id = b.user_id
       WHERE c.event_id = ${eventId} AND (b.status = 'CONFIRMED' OR b.cancelled_at >= c.requested_at) AND u.deleted_at IS NULL`,
    now,
  );
}

/** An event got new times: one message per buyer with a booking that stands, naming the times they knew. */
export function queueEventRescheduled(
  tx: TransactionSql,
  eventId: number,
  change: { startsAt: string; previousStartsAt: string; previousEndsAt: string },
  now: Date,
): Promise<number> {
  const details = { previousStartsAt: change.previousStartsAt, previousEndsAt: change.previousEndsAt };
  return queue(
    tx,
    'EVENT_RESCHEDULED',
    tx`SELECT DISTINCT ON (b.user_id) b.user_id, 'event:' || b.event_id || ':' || ${change.startsAt} AS subject, NULL::bigint AS booking_id, b.event_id,
              ${tx.json(details)}::jsonb AS details, u.email AS to_address
       FROM bookings b JOIN users u ON u.id = b.user_id
       WHERE b.event_id = ${eventId} AND b.status = 'CONFIRMED' AND u.deleted_at IS NULL
       ORDER BY b.user_id`,
    now,
  );
}

/** A notification to send, with the name its recipient goes by now. */
export async function notificationToSend(sql: Sql, id: number): Promise<(NotificationRow & { recipientName: string }) | undefined> {
  const [row] = await sql<[(NotificationRow & { recipientName: string })?]>`
    SELECT ${columns(sql)}, u.name AS "recipientName" FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.id = ${id}`;
  return row;
}

/** Records that a send starts, before the mail server is called: a retry after a crash knows one may have gone. */
export async function recordAttempt(sql: Sql, id: number, now: Date): Promise<void> {
  await sql`UPDATE notifications SET attempts = attempts + 1, last_attempt_at = ${now} WHERE id = ${id}`;
}

export async function recordSent(sql: Sql, id: number, providerMessageId: string, now: Date): Promise<void> {
  await sql`UPDATE notifications SET status = 'SENT', sent_at = ${now}, provider_message_id = ${providerMessageId}, last_error = NULL WHERE id = ${id}`;
}

/** Records a failed send: still QUEUED while the job has attempts left, FAILED after its last. */
export async function recordFailure(sql: Sql, id: number, error: string, final: boolean): Promise<void> {
  await sql`
    UPDATE notifications SET last_error = ${error}, status = CASE WHEN ${final} THEN 'FAILED'::notification_status ELSE status END
    WHERE id = ${id} AND status = 'QUEUED'`;
}

/** A user's notifications, newest first, after the one with id `before` (a page's cursor). */
export function notificationsOf(sql: Sql, userId: number, before: number | undefined, limit: number): Promise<NotificationRow[]> {
  return sql<NotificationRow[]>`
    SELECT ${columns(sql)} FROM notifications n
    WHERE n.user_id = ${userId} AND ${before === undefined ? sql`true` : sql`n.id < ${before}`}
    ORDER BY n.id DESC LIMIT ${limit}`;
}

/** What a message about an event needs to say of it. */
export interface EventFactsRow {
  id: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  venueName: string;
  city: string;
  country: string;
  cancellationReason: string | null;
}

export async function eventFacts(sql: Sql, eventId: number): Promise<EventFactsRow | undefined> {
  const [row] = await sql<[EventFactsRow?]>`
    SELECT e.id, e.title, e.starts_at AS "startsAt", e.ends_at AS "endsAt", v.timezone AS "timeZone", v.name AS "venueName", v.city, v.country,
           c.reason AS "cancellationReason"
    FROM events e JOIN venues v ON v.id = e.venue_id LEFT JOIN event_cancellations c ON c.event_id = e.id
    WHERE e.id = ${eventId}`;
  return row;
}

export interface BookingFactsRow {
  id: number;
  total: number;
  currency: string;
  last4: string | null;
  tickets: { ticketId: number; section: string; row: string | null; number: number; price: number }[];
}

/** A booking as its messages show it: its total, card and tickets (a sold ticket's price is what was paid for it), in seat order. */
export async function bookingFacts(sql: Sql, bookingId: number): Promise<BookingFactsRow | undefined> {
  const [row] = await sql<[BookingFactsRow?]>`
    SELECT b.id::int, b.total, b.currency, b.card_last4 AS last4,
           coalesce((
             SELECT json_agg(json_build_object('ticketId', t.id, 'section', s.name, 'row', st.row_label, 'number', coalesce(st.number, t.ga_number), 'price', t.price)
                             ORDER BY s.name, st.row_label, coalesce(st.number, t.ga_number))
             FROM hold_tickets ht JOIN tickets t ON t.id = ht.ticket_id JOIN sections s ON s.id = t.section_id LEFT JOIN seats st ON st.id = t.seat_id
             WHERE ht.hold_id = b.hold_id), '[]') AS tickets
    FROM bookings b WHERE b.id = ${bookingId}`;
  return row;
}

/**
 * Forgets where a deleted account's mail went: its addresses erased, and what
 * was still to be sent never sent (the send job finds it FAILED).
 */
export async function forgetRecipient(tx: Queryable, userId: number, now: Date): Promise<void> {
  await tx`
    UPDATE notifications
    SET to_address = '',
        status = CASE WHEN status = 'QUEUED' THEN 'FAILED'::notification_status ELSE status END,
        last_error = CASE WHEN status = 'QUEUED' THEN 'The account was deleted before this was sent.' ELSE last_error END,
        last_attempt_at = CASE WHEN status = 'QUEUED' THEN ${now} ELSE last_attempt_at END
    WHERE user_id = ${userId}`;
}
