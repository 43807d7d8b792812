/** The catalog as search documents read it (documents.ts says what a document is). */
import type { Queryable } from '../../db/client.js';
import type { EventDocument, IndexedText } from '../documents.js';

/**
 * One row per public event among `eventIds` (drafts and missing events have
 * none), its text cut to `limits`, its performers as two arrays (ids and
 * names, headliner first), and its tickets sold since `soldSince` as its
 * popularity.
 */
export function documentRows(
  sql: Queryable,
  eventIds: readonly number[],
  soldSince: Date,
  limits: IndexedText,
): Promise<(Omit<EventDocument, 'performers'> & { performerIds: number[]; performerNames: string[] })[]> {
  return sql<(Omit<EventDocument, 'performers'> & { performerIds: number[]; performerNames: string[] })[]>`
    SELECT e.id AS "eventId", left(e.title, ${limits.title}) AS title, left(e.description, ${limits.description}) AS description,
           e.category, e.status, e.starts_at AS "startsAt", e.currency,
           v.id AS "venueId", left(v.name, ${limits.name}) AS "venueName", left(v.city, ${limits.name}) AS city, v.country, v.latitude, v.longitude,
           coalesce(bill.ids, '{}') AS "performerIds", coalesce(bill.names, '{}') AS "performerNames",
           coalesce(priced.prices, '{}') AS prices,
           coalesce(priced.capacity, 0) - sold.count AS "ticketsAvailable",
           sold.recently AS popularity
    FROM events e
    JOIN venues v ON v.id = e.venue_id
    LEFT JOIN LATERAL (
      SELECT (array_agg(p.id ORDER BY ep.billing, p.id))[:${limits.performers}] AS ids,
             (array_agg(left(p.name, ${limits.name}) ORDER BY ep.billing, p.id))[:${limits.performers}] AS names
      FROM event_performers ep JOIN performers p ON p.id = ep.performer_id WHERE ep.event_id = e.id
    ) bill ON true
    LEFT JOIN LATERAL (
      SELECT array_agg(es.price ORDER BY es.price) AS prices, sum(s.capacity)::int AS capacity
      FROM event_sections es JOIN sections s ON s.id = es.section_id WHERE es.event_id = e.id
    ) priced ON true
    -- Sold tickets are few next to all tickets: counting them reads a short range of the index.
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS count, (count(*) FILTER (WHERE b.created_at >= ${soldSince}))::int AS recently
      FROM tickets t JOIN bookings b ON b.id = t.booking_id WHERE t.event_id = e.id AND t.status = 'SOLD'
    ) sold
    WHERE e.id = ANY(${eventIds as number[]}::integer[]) AND e.status <> 'DRAFT'`;
}
