/**
 * What any search backend offers: the PostgreSQL one (postgres-index.ts, the
 * default) and Typesense (typesense-index.ts). Requests reach a backend
 * validated and normalised (request.ts); documents come from the catalog
 * (documents.ts) through the indexer. The shared contract suite in
 * test/search/contract.ts holds every backend to the same behaviour.
 */
import type { EventCategory, EventDocument, EventStatus } from './documents.js';

export type SearchSort = 'RELEVANCE' | 'DATE' | 'PRICE_LOW' | 'POPULARITY';

export interface SearchFilter {
  startsAfter: Date;
  startsBefore: Date | null;
  /** Compared without case or accents. */
  city: string | null;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string | null;
  category: EventCategory | null;
  venueId: number | null;
  performerId: number | null;
  /** Events with a section priced within [min, max] minor units of `currency`. */
  price: { min: number; max: number; currency: string } | null;
  onlyAvailable: boolean;
  near: { latitude: number; longitude: number; radiusKm: number } | null;
  statuses: readonly EventStatus[];
}

export interface SearchRequest {
  /** Trimmed; null for browsing without words. */
  query: string | null;
  filter: SearchFilter;
  /** Never RELEVANCE without a query. */
  sort: SearchSort;
  first: number;
  /** A cursor this backend issued for the same query, filter and sort. */
  after: string | null;
}

export interface SearchHit {
  eventId: number;
  cursor: string;
  /** The title, HTML-escaped, with the words the query matched in <mark></mark>. */
  highlight: string;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchResult {
  hits: SearchHit[];
  hasNextPage: boolean;
  totalCount: number;
  facets: { category: FacetCount[]; city: FacetCount[] };
}

export type Suggestion =
  { kind: 'PERFORMER'; performerId: number; text: string; highlight: string } | { kind: 'EVENT'; eventId: number; text: string; highlight: string };

export interface SearchIndex {
  /** Names the backend in logs and benchmarks. */
  readonly name: string;
  search(request: SearchRequest): Promise<SearchResult>;
  /** Upcoming events and performers of upcoming events whose names start with the words of `prefix`. */
  suggest(prefix: string, limit: number, now: Date): Promise<Suggestion[]>;
  /** Adds or replaces documents by event id. Idempotent. */
  upsert(documents: readonly EventDocument[]): Promise<void>;
  /** Drops the documents of these events, if present. Idempotent. */
  remove(eventIds: readonly number[]): Promise<void>;
  /** The events that have a document. A rebuild removes those that should not. */
  indexedEventIds(): Promise<number[]>;
  /**
   * Backends with a typo dictionary of their own (PostgreSQL's search_words):
   * drops the words no document adds any more; resolves to how many. A
   * rebuild calls it at the end.
   */
  pruneWords?(): Promise<number>;
}

/** At most this many values per facet, the commonest first. */
export const MAX_FACET_VALUES = 20;
