/**
 * The default search backend: documents in a PostgreSQL table with a weighted
 * tsvector under a GIN index, misspellings resolved against the indexed words
 * with pg_trgm (query-words.ts), accents folded by unaccent. One statement per
 * search answers the page, the total and the facets from one snapshot (the
 * statements are in store/postgres-index.ts).
 */
import { UPCOMING_STATUSES } from '../catalog/visibility.js';
import type { Sql } from '../db/client.js';
import { decodeCursor, encodeCursor, notACursor } from '../relay/connection.js';
import type { EventDocument } from './documents.js';
import { understandQuery } from './query-words.js';
import { type FacetCount, MAX_FACET_VALUES, type SearchIndex, type SearchRequest, type SearchResult, type Suggestion } from './search-index.js';
import {
  deleteDocuments,
  documentEventIds,
  type DocumentsQuery,
  pruneDictionary,
  searchDocuments,
  suggestions,
  upsertDocuments,
} from './store/postgres-index.js';
import { highlight } from './text.js';

/** Performers among the suggestions at most; events fill the rest. */
const SUGGESTED_PERFORMERS = 3;

/**
 * Words of its description a document adds to the typo dictionary
 * (search_words) at most: the first ones. 70,000 distinct words in one
 * description once grew the dictionary, which every misspelt query word is
 * looked up in, by as many for good. The title, performers, venue, city and
 * category add all of theirs. Description words past these are still found
 * as typed (query-words.ts asks the documents), only not forgiven a typo or
 * completed as a prefix.
 */
export const DICTIONARY_DESCRIPTION_WORDS = 100;

export function postgresSearchIndex(sql: Sql): SearchIndex {
  /** Where the page after `request.after` starts; BAD_USER_INPUT for a cursor of another sort, or not ours. */
  function afterCursor(request: SearchRequest): DocumentsQuery['after'] {
    if (!request.after) return null;
    const [sort, rank, startsAt, id] = decodeCursor(request.after, ['string', 'string', 'timestamp', 'integer'] as const);
    // The rank as PostgreSQL wrote it (float8 text): JavaScript's Number() also reads 0x10, which ::float8 refuses.
    if (sort !== request.sort || !/^-?\d+(\.\d+)?(e[+-]\d+)?$/.test(rank)) throw notACursor(request.after);
    return { rank, startsAt, id };
  }

  async function search(request: SearchRequest): Promise<SearchResult> {
    const after = afterCursor(request);
    const understood = request.query ? await understandQuery(sql, request.query) : null;
    if (request.query && !understood) return { hits: [], hasNextPage: false, totalCount: 0, facets: { category: [], city: [] } };
    const row = await searchDocuments(sql, { filter: request.filter, sort: request.sort, match: understood, after, limit: request.first + 1 });
    const commonest = (counts: FacetCount[]) => counts.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1)).slice(0, MAX_FACET_VALUES);
    const matched = understood?.matched ?? { words: new Set<string>(), prefixes: [] };
    return {
      hits: row.page.slice(0, request.first).map((hit) => ({
        eventId: hit.id,
        cursor: encodeCursor([request.sort, hit.rank, new Date(hit.starts_at).toISOString(), hit.id]),
        highlight: highlight(hit.title, matched),
      })),
      hasNextPage: row.page.length > request.first,
      totalCount: row.facets.reduce((sum, f) => sum + (f.category ? f.count : 0), 0),
      facets: {
        category: commonest(row.facets.flatMap((f) => (f.category ? [{ value: f.category, count: f.count }] : []))),
        city: commonest(row.facets.flatMap((f) => (f.city ? [{ value: f.city, count: f.count }] : []))),
      },
    };
  }

  async function suggest(prefix: string, limit: number, now: Date): Promise<Suggestion[]> {
    // Events by their title and performers (weight A); performers by their own names.
    const [inTitles, inNames] = await Promise.all([understandQuery(sql, prefix, { weights: 'A' }), understandQuery(sql, prefix)]);
    if (!inTitles || !inNames) return [];
    const row = await suggestions(sql, { titles: inTitles.tsquery, names: inNames.tsquery }, UPCOMING_STATUSES, now, {
      performers: Math.min(SUGGESTED_PERFORMERS, limit),
      events: limit,
    });
    const performers: Suggestion[] = row.performers.map((p) => ({
      kind: 'PERFORMER',
      performerId: p.id,
      text: p.name,
      highlight: highlight(p.name, inNames.matched),
    }));
    const events: Suggestion[] = row.events.map((e) => ({ kind: 'EVENT', eventId: e.id, text: e.title, highlight: highlight(e.title, inTitles.matched) }));
    return [...performers, ...events].slice(0, limit);
  }

  async function upsert(documents: readonly EventDocument[]): Promise<void> {
    if (documents.length === 0) return;
    // In event order, so that concurrent writers (the indexer, a rebuild) take row locks in one order.
    const rows = [...documents]
      .sort((a, b) => a.eventId - b.eventId)
      .map(({ performers, startsAt, ...document }) => ({
        ...document,
        startsAt: startsAt.toISOString(),
        performerIds: performers.map((p) => p.id),
        performerNames: performers.map((p) => p.name),
      }));
    await upsertDocuments(sql, rows, DICTIONARY_DESCRIPTION_WORDS);
  }

  return {
    name: 'postgres',
    search,
    suggest,
    upsert,
    /**
     * Drops the dictionary words no document adds any more (an edited or
     * removed event's), holding writers of documents back meanwhile.
     */
    pruneWords: () => pruneDictionary(sql, DICTIONARY_DESCRIPTION_WORDS),
    async remove(eventIds) {
      if (eventIds.length > 0) await deleteDocuments(sql, eventIds);
    },
    indexedEventIds: () => documentEventIds(sql),
  };
}
