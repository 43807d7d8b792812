/**
 * Search documents, built from the catalog: one per public event, with what
 * search shows, filters and sorts on. Every backend indexes these.
 */
import type { EventRow } from '../catalog/types.js';
import type { Queryable } from '../db/client.js';
import { catalogRows, salesRows } from './store/documents.js';

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

/** A document but its sales, which no sale changes; `capacity` is its sections' tickets. */
export type CatalogPart = Omit<EventDocument, 'ticketsAvailable' | 'popularity'> & { capacity: number };

/** An event's tickets sold, and how many of them in the POPULARITY_WINDOW_MS. */
export interface Sales {
  sold: number;
  recently: number;
}

/**
 * The documents of the given events as they are now, their text cut to
 * `limits` (INDEXED_TEXT; tests pass others). Drafts and events that no
 * longer exist have none: the caller removes theirs from the index.
 */
export async function loadDocuments(sql: Queryable, eventIds: readonly number[], now: Date, limits: IndexedText = INDEXED_TEXT): Promise<EventDocument[]> {
  const parts = await loadCatalogParts(sql, eventIds, limits);
  const sales = await loadSales(
    sql,
    parts.map((part) => part.eventId),
    now,
  );
  return parts.map((part) => withSales(part, sales.get(part.eventId)));
}

/** The documents of the given events (as loadDocuments) without their sales, read without counting a ticket. */
export async function loadCatalogParts(sql: Queryable, eventIds: readonly number[], limits: IndexedText = INDEXED_TEXT): Promise<CatalogPart[]> {
  if (eventIds.length === 0) return [];
  const rows = await catalogRows(sql, eventIds, limits);
  return rows.map(({ performerIds, performerNames, ...row }) => ({
    ...row,
    performers: performerIds.map((id, i) => ({ id, name: performerNames[i]! })),
  }));
}

/** Each event's sales as of `now` (events with none sold are left out). */
export async function loadSales(sql: Queryable, eventIds: readonly number[], now: Date): Promise<Map<number, Sales>> {
  if (eventIds.length === 0) return new Map();
  const rows = await salesRows(sql, eventIds, new Date(now.getTime() - POPULARITY_WINDOW_MS));
  return new Map(rows.map(({ eventId, ...sales }) => [eventId, sales]));
}

/** The document of `part` with `sales` (none: nothing sold). */
export function withSales({ capacity, ...part }: CatalogPart, sales: Sales = { sold: 0, recently: 0 }): EventDocument {
  return { ...part, ticketsAvailable: capacity - sales.sold, popularity: sales.recently };
}
