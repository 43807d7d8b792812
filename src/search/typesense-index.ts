/**
 * The search backend for scale: a Typesense collection, through the official
 * client. Typesense does the matching, typo tolerance (num_typos), prefix
 * search, weights (query_by_weights), facets, filters and geo search itself;
 * this module maps requests and documents onto its API and nothing more.
 * Selected by TYPESENSE_URL and TYPESENSE_API_KEY (see server.ts).
 */
import { Client } from 'typesense';
import type { CollectionCreateSchema } from 'typesense/lib/Typesense/Collections.js';
import type { SearchResponseHit } from 'typesense/lib/Typesense/Documents.js';

import { UPCOMING_STATUSES } from '../catalog/visibility.js';
import { decodeCursor, encodeCursor, notACursor } from '../relay/connection.js';
import type { EventDocument } from './documents.js';
import {
  type FacetCount,
  MAX_FACET_VALUES,
  type SearchFilter,
  type SearchIndex,
  type SearchRequest,
  type SearchSort,
  type Suggestion,
} from './search-index.js';
import { highlight, type Matched, normalizeWord, queryWords } from './text.js';

export interface TypesenseOptions {
  /** e.g. http://typesense.internal:8108 */
  url: string;
  apiKey: string;
  collection: string;
}

interface StoredDocument {
  [field: string]: unknown;
  id: string;
  title: string;
  performers: string[];
  performer_ids: number[];
}

const QUERY_BY = 'title,performers,venue_name,city,category,description';
/** Title and performers weigh most, then venue, city and category, then the description. */
const QUERY_BY_WEIGHTS = '4,4,2,2,2,1';
const SORT_BY: Record<SearchSort, string> = {
  RELEVANCE: '_text_match:desc,starts_at:asc,event_id:asc',
  DATE: 'starts_at:asc,event_id:asc',
  PRICE_LOW: 'min_price(missing_values: last):asc,starts_at:asc,event_id:asc',
  POPULARITY: 'popularity:desc,starts_at:asc,event_id:asc',
};
/** Hits read to find the performers to suggest. */
const SUGGESTION_HITS = 50;
const SUGGESTED_PERFORMERS = 3;

export function collectionSchema(name: string): CollectionCreateSchema {
  return {
    name,
    fields: [
      { name: 'event_id', type: 'int32' },
      { name: 'title', type: 'string' },
      { name: 'description', type: 'string' },
      { name: 'performers', type: 'string[]' },
      { name: 'performer_ids', type: 'int32[]' },
      { name: 'venue_id', type: 'int32' },
      { name: 'venue_name', type: 'string' },
      { name: 'city', type: 'string', facet: true },
      { name: 'city_key', type: 'string' },
      { name: 'country', type: 'string' },
      { name: 'category', type: 'string', facet: true },
      { name: 'status', type: 'string' },
      { name: 'starts_at', type: 'int64' },
      { name: 'currency', type: 'string' },
      { name: 'prices', type: 'int32[]' },
      { name: 'min_price', type: 'int32', optional: true },
      { name: 'tickets_available', type: 'int32' },
      { name: 'popularity', type: 'int32' },
      { name: 'location', type: 'geopoint' },
    ],
  };
}

export function typesenseSearchIndex(options: TypesenseOptions): SearchIndex {
  const client = new Client({ nodes: [{ url: options.url }], apiKey: options.apiKey, connectionTimeoutSeconds: 5, numRetries: 2 });
  const documents = () => client.collections<StoredDocument>(options.collection).documents();
  /** Created on the first write, so that the service starts (and searches fail, not the process) while Typesense is down. */
  let collectionReady: Promise<void> | undefined;
  const ensureCollection = () =>
    (collectionReady ??= (async () => {
      if (!(await client.collections(options.collection).exists())) await client.collections().create(collectionSchema(options.collection));
    })().catch((error: unknown) => {
      collectionReady = undefined;
      throw error;
    }));

  async function search(request: SearchRequest) {
    const offset = request.after ? decodeOffset(request.after, request.sort) : 0;
    if (request.filter.statuses.length === 0) return { hits: [], hasNextPage: false, totalCount: 0, facets: { category: [], city: [] } };
    const response = await documents().search(
      {
        q: request.query ?? '*',
        query_by: QUERY_BY,
        query_by_weights: QUERY_BY_WEIGHTS,
        num_typos: 2,
        min_len_1typo: 4,
        min_len_2typo: 8,
        prefix: true,
        filter_by: filterBy(request.filter),
        facet_by: 'category,city',
        max_facet_values: MAX_FACET_VALUES,
        sort_by: SORT_BY[request.sort],
        offset,
        limit: request.first + 1,
        include_fields: 'id,title',
        highlight_fields: 'title',
      },
      {},
    );
    const hits = response.hits ?? [];
    const facet = (field: string): FacetCount[] =>
      (response.facet_counts?.find((f) => f.field_name === field)?.counts ?? []).map(({ value, count }) => ({ value, count }));
    return {
      hits: hits.slice(0, request.first).map((hit, i) => ({
        eventId: Number(hit.document.id),
        cursor: encodeCursor([request.sort, offset + i + 1]),
        highlight: highlight(hit.document.title, matchedIn(hit, 'title')),
      })),
      hasNextPage: hits.length > request.first,
      totalCount: response.found,
      facets: { category: facet('category'), city: facet('city') },
    };
  }

  async function suggest(prefix: string, limit: number, now: Date): Promise<Suggestion[]> {
    const response = await documents().search(
      {
        q: prefix,
        query_by: 'title,performers',
        num_typos: 2,
        min_len_1typo: 4,
        min_len_2typo: 8,
        prefix: true,
        filter_by: `status:=[${UPCOMING_STATUSES.join(',')}] && starts_at:>=${seconds(now)}`,
        sort_by: SORT_BY.POPULARITY, // the most popular matches first, as on PostgreSQL
        per_page: Math.max(limit, SUGGESTION_HITS),
        include_fields: 'id,title,performers,performer_ids',
        highlight_fields: 'title,performers',
      },
      {},
    );
    const hits = response.hits ?? [];
    const lastWord = queryWords(prefix).at(-1) ?? '';
    const performers = new Map<number, { name: string; events: number }>();
    for (const hit of hits) {
      const matched = matchedIn(hit, 'performers').prefixes;
      hit.document.performers.forEach((name, i) => {
        if (!queryWords(name).some((word) => matched.some((token) => word.startsWith(token)))) return;
        const id = hit.document.performer_ids[i]!;
        performers.set(id, { name, events: (performers.get(id)?.events ?? 0) + 1 });
      });
    }
    const suggested: Suggestion[] = [...performers]
      .sort(([, a], [, b]) => b.events - a.events || a.name.localeCompare(b.name))
      .slice(0, Math.min(SUGGESTED_PERFORMERS, limit))
      .map(([performerId, { name }]) => ({
        kind: 'PERFORMER',
        performerId,
        text: name,
        highlight: highlight(name, { words: new Set(queryWords(prefix)), prefixes: [lastWord] }),
      }));
    for (const hit of hits.slice(0, limit - suggested.length)) {
      suggested.push({
        kind: 'EVENT',
        eventId: Number(hit.document.id),
        text: hit.document.title,
        highlight: highlight(hit.document.title, matchedIn(hit, 'title')),
      });
    }
    return suggested;
  }

  return {
    name: 'typesense',
    search,
    suggest,
    async upsert(events) {
      if (events.length === 0) return;
      await ensureCollection();
      const results = await documents().import(events.map(toStored), { action: 'upsert' });
      const failed = results.filter((result) => !result.success);
      if (failed.length > 0) throw new Error(`Typesense refused ${failed.length} of ${events.length} documents: ${failed[0]!.error}`);
    },
    async remove(eventIds) {
      if (eventIds.length > 0) await documents().delete({ filter_by: `id:[${eventIds.join(',')}]` });
    },
    async indexedEventIds() {
      const lines = await documents().export({ include_fields: 'id' });
      return lines
        .split('\n')
        .filter(Boolean)
        .map((line) => Number((JSON.parse(line) as { id: string }).id));
    },
  };
}

function toStored(event: EventDocument): StoredDocument {
  return {
    id: String(event.eventId),
    event_id: event.eventId,
    title: event.title,
    description: event.description,
    performers: event.performers.map((p) => p.name),
    performer_ids: event.performers.map((p) => p.id),
    venue_id: event.venueId,
    venue_name: event.venueName,
    city: event.city,
    city_key: normalizeWord(event.city),
    country: event.country,
    category: event.category,
    status: event.status,
    starts_at: seconds(event.startsAt),
    currency: event.currency,
    prices: event.prices,
    ...(event.prices.length > 0 ? { min_price: event.prices[0] } : {}),
    tickets_available: event.ticketsAvailable,
    popularity: event.popularity,
    location: [event.latitude, event.longitude],
  };
}

/** filter_by syntax; string values go in backticks, which they therefore cannot contain. */
function filterBy(filter: SearchFilter): string {
  const text = (value: string) => `\`${value.replace(/`/g, '')}\``;
  return [
    `status:=[${filter.statuses.join(',')}]`,
    `starts_at:>=${seconds(filter.startsAfter)}`,
    filter.startsBefore && `starts_at:<${seconds(filter.startsBefore)}`,
    filter.city !== null && `city_key:=${text(normalizeWord(filter.city))}`,
    filter.country !== null && `country:=${text(filter.country)}`,
    filter.category !== null && `category:=${filter.category}`,
    filter.venueId !== null && `venue_id:=${filter.venueId}`,
    filter.performerId !== null && `performer_ids:=${filter.performerId}`,
    filter.price && `currency:=${text(filter.price.currency)} && prices:[${filter.price.min}..${filter.price.max}]`,
    filter.onlyAvailable && 'tickets_available:>0',
    filter.near && `location:(${filter.near.latitude}, ${filter.near.longitude}, ${filter.near.radiusKm} km)`,
  ]
    .filter(Boolean)
    .join(' && ');
}

function decodeOffset(cursor: string, sort: SearchSort): number {
  const [cursorSort, offset] = decodeCursor(cursor, ['string', 'integer'] as const);
  if (cursorSort !== sort || !Number.isInteger(offset) || offset < 0) throw notACursor(cursor);
  return offset;
}

/** The words Typesense matched in a field of a hit (for a string[] field, in any of its values), from its `highlight` object. */
function matchedTokens(hit: SearchResponseHit<StoredDocument>, field: 'title' | 'performers'): string[] {
  const found: unknown = (hit.highlight as Record<string, unknown>)[field];
  return (Array.isArray(found) ? found : [found]).flatMap((h) => (h as { matched_tokens?: string[] } | undefined)?.matched_tokens ?? []);
}

/** What to mark in a field: words beginning with a token Typesense matched (it may report a prefix match as the prefix). */
function matchedIn(hit: SearchResponseHit<StoredDocument>, field: 'title' | 'performers'): Matched {
  return { words: new Set(), prefixes: matchedTokens(hit, field).map(normalizeWord) };
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
