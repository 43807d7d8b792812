/**
 * Search documents, built from the catalog: one per public event, with what
 * search shows, filters and sorts on. Every backend indexes these.
 */
import type { Queryable } from '../db/client.js';
import type { EventRow } from '../catalog/types.js';

export type EventCategory = EventRow['category'];
export type EventStatus = EventRow['status'];

export interface EventDocument {
  eventId: number;
  title: string;
  description: string;
  /** Headliner first. */
  performers: { id: number; name: string }[];
  venueId: number;
  venueName: string;
  city: string;
  country: string;
  latitude: number;
  longitude: number;
  category: EventCategory;
  status: EventStatus;
  startsAt: Date;
  currency: string;
  /** Every section's price in minor units, lowest first. */
  prices: number[];
  ticketsAvailable: number;
  popularity: number;
}

/**
 * What a document takes of an event's text at most; the rest is not
 * searchable. Whatever a row holds (the API bounds what it writes, e.g. a
 * description at 5,000 characters, but not rows written by other means or
 * before the bound), its document stays one every index takes: PostgreSQL's
 * tsvector holds at most 1 MB, and a 980 KB description, refused by it on
 * every retry, once stopped all indexing. Twice the API's bounds, so nothing
 * the API accepts is cut.
 */
export const INDEXED_TEXT = {
  /** Characters of the title (the API takes 200). */
  title: 1_000,
  /** Characters of the description (the API takes 5,000). */
  description: 10_000,
  /** Characters of each performer's name, of the venue's name and of its city. */
  name: 200,
  /** Performers of an event, headliners first. */
  performers: 50,
};
export type IndexedText = typeof INDEXED_TEXT;

/** "Tickets sold recently", which the POPULARITY sort ranks by: sold in the last week. */
export const POPULARITY_WINDOW_MS = 7 * 86_400_000;

/**
 * The documents of the given events as they are now, their text cut to
 * `limits` (INDEXED_TEXT; tests pass others). Drafts and events that no
 * longer exist have none: the caller removes theirs from the index.
 */
export async function loadDocuments(sql: Queryable, eventIds: readonly number[], now: Date, limits: IndexedText = INDEXED_TEXT): Promise<EventDocument[]> {
  if (eventIds.length === 0) return [];
  const rows = await sql<(Omit<EventDocument, 'performers'> & { performerIds: number[]; performerNames: string[] })[]>`
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
      SELECT count(*)::int AS count, (count(*) FILTER (WHERE b.created_at >= ${new Date(now.getTime() - POPULARITY_WINDOW_MS)}))::int AS recently
      FROM tickets t JOIN bookings b ON b.id = t.booking_id WHERE t.event_id = e.id AND t.status = 'SOLD'
    ) sold
    WHERE e.id = ANY(${eventIds as number[]}::integer[]) AND e.status <> 'DRAFT'`;
  return rows.map(({ performerIds, performerNames, ...row }) => ({
    ...row,
    performers: performerIds.map((id, i) => ({ id, name: performerNames[i]! })),
  }));
}
