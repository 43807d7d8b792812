/** The catalog as search documents read it (documents.ts says what a document is). */
import type { Queryable } from '../../db/client.js';
import type { CatalogPart, IndexedText, Sales } from '../documents.js';

/**
 * One row per public event among `eventIds` (drafts and missing events have
 * none): all its document shows but its sales, its text cut to `limits`, its
 * performers as two arrays (ids and names, headliner first), and the capacity
 * of its sections.
 */
export function catalogRows(
  sql: Queryable,
  eventIds: readonly number[],
  limits: IndexedText,
): Promise<(Omit<CatalogPart, 'performers'> & { performerIds: number[]; performerNames: string[] })[]> {
  return sql<(Omit<CatalogPart, 'performers'> & { performerIds: number[]; performerNames: string[] })[]>`
    SELECT e.id AS "eventId", left(e.title, ${limits.title}) AS title, left(e.description, ${limits.description}) AS description,
           e.category, e.status, e.starts_at AS "startsAt", e.currency,
           v.id AS "venueId", left(v.name, ${limits.name}) AS "venueName", left(v.city, ${limits.name}) AS city, v.country, v.latitude, v.longitude,
           coalesce(bill.ids, '{}') AS "performerIds", coalesce(bill.names, '{}') AS "performerNames",
           coalesce(priced.prices, '{}') AS prices, coalesce(priced.capacity, 0) AS capacity
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
    WHERE e.id = ANY(${eventIds as number[]}::integer[]) AND e.status <> 'DRAFT'`;
}

/**
 * The tickets sold of each of `eventIds` that has any, and how many of them
 * since `soldSince`. For an on-sale event this reads every ticket sold (some
 * 40,000 buffers for 20,000): the indexer counts a busy event's sales only so
 * often (indexer.ts).
 */
export function salesRows(sql: Queryable, eventIds: readonly number[], soldSince: Date): Promise<({ eventId: number } & Sales)[]> {
  return sql<({ eventId: number } & Sales)[]>`
    -- Sold tickets are few next to all tickets: counting them reads a short range of the index.
    SELECT t.event_id AS "eventId", count(*)::int AS sold, (count(*) FILTER (WHERE b.created_at >= ${soldSince}))::int AS recently
    FROM tickets t JOIN bookings b ON b.id = t.booking_id
    WHERE t.event_id = ANY(${eventIds as number[]}::integer[]) AND t.status = 'SOLD'
    GROUP BY t.event_id`;
}
