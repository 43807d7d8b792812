/**
 * The default search backend: documents in a PostgreSQL table with a weighted
 * tsvector under a GIN index, misspellings resolved against the indexed words
 * with pg_trgm (query-words.ts), accents folded by unaccent. One statement per
 * search answers the page, the total and the facets from one snapshot.
 */
import type { PendingQuery, Row, TransactionSql } from 'postgres';
import { UPCOMING_STATUSES } from '../catalog/visibility.js';
import type { Sql } from '../db/client.js';
import { decodeCursor, encodeCursor, notACursor } from '../relay/connection.js';
import type { EventDocument } from './documents.js';
import { understandQuery } from './query-words.js';
import {
  MAX_FACET_VALUES,
  type FacetCount,
  type SearchIndex,
  type SearchRequest,
  type SearchResult,
  type SearchSort,
  type Suggestion,
} from './search-index.js';
import { highlight } from './text.js';

type Fragment = PendingQuery<Row[]>;

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
  const and = (conditions: (Fragment | false | null | undefined)[]) =>
    conditions.filter((c): c is Fragment => !!c).reduce((all, condition) => sql`${all} AND ${condition}`);

  /**
   * The primary sort key, ascending (then start time and id). Relevance is
   * rounded, so that the text of a cursor reads back as exactly the same number.
   */
  const rankOf = (sort: SearchSort): Fragment =>
    ({
      // Title and performers (A) weigh most, then venue, city and category (B), then the description (D).
      RELEVANCE: sql`-round(ts_rank('{0.1, 0.2, 0.4, 1.0}', d.document, query.ranking)::numeric, 6)::float8`,
      DATE: sql`0::float8`,
      PRICE_LOW: sql`coalesce(d.min_price, 2147483647)::float8`,
      POPULARITY: sql`(-d.popularity)::float8`,
    })[sort];

  function afterCursor(request: SearchRequest): Fragment | null {
    if (!request.after) return null;
    const [sort, rank, startsAt, id] = decodeCursor(request.after, ['string', 'string', 'timestamp', 'integer'] as const);
    // The rank as PostgreSQL wrote it (float8 text): JavaScript's Number() also reads 0x10, which ::float8 refuses.
    if (sort !== request.sort || !/^-?\d+(\.\d+)?(e[+-]\d+)?$/.test(rank)) throw notACursor(request.after);
    return sql`(m.rank, m.starts_at, m.event_id) > (${rank}::float8, ${startsAt}::timestamptz, ${id}::integer)`;
  }

  async function search(request: SearchRequest): Promise<SearchResult> {
    const after = afterCursor(request);
    const understood = request.query ? await understandQuery(sql, request.query) : null;
    if (request.query && !understood) return { hits: [], hasNextPage: false, totalCount: 0, facets: { category: [], city: [] } };
    const { filter } = request;
    const near = filter.near;
    const conditions = and([
      sql`d.status = ANY(${filter.statuses as string[]}::event_status[])`,
      sql`d.starts_at >= ${filter.startsAfter}`,
      filter.startsBefore && sql`d.starts_at < ${filter.startsBefore}`,
      filter.city !== null && sql`search_normalize(d.city) = search_normalize(${filter.city})`,
      filter.country !== null && sql`d.country = ${filter.country}`,
      filter.category !== null && sql`d.category = ${filter.category}`,
      filter.venueId !== null && sql`d.venue_id = ${filter.venueId}`,
      filter.performerId !== null && sql`d.performer_ids @> ARRAY[${filter.performerId}::integer]`,
      filter.price &&
        sql`d.currency = ${filter.price.currency} AND EXISTS (SELECT 1 FROM unnest(d.prices) p WHERE p BETWEEN ${filter.price.min} AND ${filter.price.max})`,
      filter.onlyAvailable && sql`d.tickets_available > 0`,
      near && withinKm(sql, near),
      understood && sql`d.document @@ query.q`,
    ]);
    const [row] = await sql<
      [{ facets: { category: string | null; city: string | null; count: number }[]; page: { id: number; title: string; rank: string; starts_at: string }[] }]
    >`
      WITH query AS (SELECT to_tsquery('simple', ${understood?.tsquery ?? ''}) AS q, to_tsquery('simple', ${understood?.rankQuery ?? ''}) AS ranking),
      matched AS MATERIALIZED (
        SELECT d.event_id, d.category, d.city, d.starts_at, ${rankOf(request.sort)} AS rank
        FROM search_documents d, query WHERE ${conditions}
      )
      SELECT
        -- Both facets in one pass; their category counts add up to the total.
        (SELECT coalesce(json_agg(f), '[]') FROM (
          SELECT category, city, count(*)::int AS count FROM matched GROUP BY GROUPING SETS ((category), (city))) f) AS facets,
        (SELECT coalesce(json_agg(p), '[]') FROM (
          SELECT m.event_id AS id, d.title, m.rank::text AS rank, m.starts_at
          FROM (SELECT * FROM matched m WHERE ${after ?? sql`true`} ORDER BY m.rank, m.starts_at, m.event_id LIMIT ${request.first + 1}) m
          JOIN search_documents d USING (event_id) ORDER BY m.rank, m.starts_at, m.event_id) p) AS page`;
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
    const [row] = await sql<[{ performers: { id: number; name: string }[]; events: { id: number; title: string }[] }]>`
      WITH query AS (SELECT to_tsquery('simple', ${inTitles.tsquery}) AS q, to_tsquery('simple', ${inNames.tsquery}) AS names),
      matching AS MATERIALIZED (
        SELECT d.event_id, d.title, d.performer_ids, d.performer_names, d.popularity, d.starts_at
        FROM search_documents d, query
        WHERE d.document @@ query.q AND d.status = ANY(${UPCOMING_STATUSES as string[]}::event_status[]) AND d.starts_at >= ${now}
      )
      SELECT
        (SELECT coalesce(json_agg(p), '[]') FROM (
          SELECT p.id, p.name FROM matching m, query, unnest(m.performer_ids, m.performer_names) AS p(id, name)
          WHERE to_tsvector('simple', search_normalize(p.name)) @@ query.names
          GROUP BY p.id, p.name ORDER BY count(*) DESC, p.name LIMIT ${Math.min(SUGGESTED_PERFORMERS, limit)}) p) AS performers,
        (SELECT coalesce(json_agg(e), '[]') FROM (
          SELECT event_id AS id, title FROM matching ORDER BY popularity DESC, starts_at, event_id LIMIT ${limit}) e) AS events`;
    const performers: Suggestion[] = row.performers.map((p) => ({
      kind: 'PERFORMER',
      performerId: p.id,
      text: p.name,
      highlight: highlight(p.name, inNames.matched),
    }));
    const events: Suggestion[] = row.events.map((e) => ({ kind: 'EVENT', eventId: e.id, text: e.title, highlight: highlight(e.title, inTitles.matched) }));
    return [...performers, ...events].slice(0, limit);
  }

  /**
   * The words a document (a tsvector expression) adds to the typo dictionary:
   * every word of weights A and B, and the first DICTIONARY_DESCRIPTION_WORDS
   * of the description's (weight D) by where they first appear.
   */
  const dictionaryWords = (document: Fragment, q: Sql | TransactionSql = sql) => q`
    SELECT u.lexeme FROM unnest(${document}) AS u WHERE u.weights && '{A,B}'::text[]
    UNION
    (SELECT u.lexeme FROM unnest(${document}) AS u WHERE NOT u.weights && '{A,B}'::text[] ORDER BY u.positions[1], u.lexeme LIMIT ${DICTIONARY_DESCRIPTION_WORDS})`;

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
    await sql`
      WITH input AS (
        SELECT * FROM jsonb_to_recordset(${sql.json(rows as never)}) AS d(
          "eventId" integer, title text, description text, "performerIds" integer[], "performerNames" text[], "venueId" integer,
          "venueName" text, city text, country text, latitude float8, longitude float8, category event_category, status event_status,
          "startsAt" timestamptz, currency text, prices integer[], "ticketsAvailable" integer, popularity integer)
      ), written AS (
        INSERT INTO search_documents AS s (
          event_id, title, performer_ids, performer_names, venue_id, venue_name, city, country, latitude, longitude, category, status,
          starts_at, currency, prices, min_price, tickets_available, popularity, document)
        SELECT "eventId", title, "performerIds", "performerNames", "venueId", "venueName", city, country, latitude, longitude, category, status,
               "startsAt", currency, prices, prices[1], "ticketsAvailable", popularity,
               setweight(to_tsvector('simple', search_normalize(title || ' ' || array_to_string("performerNames", ' '))), 'A')
                 || setweight(to_tsvector('simple', search_normalize("venueName" || ' ' || city || ' ' || category::text)), 'B')
                 || setweight(to_tsvector('simple', search_normalize(description)), 'D')
        FROM input
        ON CONFLICT (event_id) DO UPDATE SET
          title = excluded.title, performer_ids = excluded.performer_ids, performer_names = excluded.performer_names,
          venue_id = excluded.venue_id, venue_name = excluded.venue_name, city = excluded.city, country = excluded.country,
          latitude = excluded.latitude, longitude = excluded.longitude, category = excluded.category, status = excluded.status,
          starts_at = excluded.starts_at, currency = excluded.currency, prices = excluded.prices, min_price = excluded.min_price,
          tickets_available = excluded.tickets_available, popularity = excluded.popularity, document = excluded.document
        RETURNING s.document
      )
      INSERT INTO search_words (word)
      SELECT DISTINCT word FROM written, LATERAL (${dictionaryWords(sql`written.document`)}) AS words (word)
      ORDER BY word -- one lock order for concurrent writers
      ON CONFLICT DO NOTHING`;
  }

  /**
   * Drops the dictionary words no document adds any more (an edited or
   * removed event's), in one statement under a lock that holds writers of
   * documents back meanwhile (searches go on), so that none adds a word this
   * is dropping.
   */
  async function pruneWords(): Promise<number> {
    return sql.begin(async (tx) => {
      await tx`LOCK TABLE search_words IN SHARE ROW EXCLUSIVE MODE`;
      const { count } = await tx`
        WITH kept AS MATERIALIZED (SELECT DISTINCT k.word FROM search_documents d, LATERAL (${dictionaryWords(tx`d.document`, tx)}) AS k (word))
        DELETE FROM search_words w WHERE NOT EXISTS (SELECT 1 FROM kept WHERE kept.word = w.word)`;
      return count;
    });
  }

  return {
    name: 'postgres',
    search,
    suggest,
    upsert,
    pruneWords,
    async remove(eventIds) {
      if (eventIds.length > 0) await sql`DELETE FROM search_documents WHERE event_id = ANY(${eventIds as number[]}::integer[])`;
    },
    async indexedEventIds() {
      return (await sql<{ id: number }[]>`SELECT event_id AS id FROM search_documents`).map((row) => row.id);
    },
  };
}
/**
 * The document's venue is within `radiusKm` of the point along the Earth's
 * surface (haversine). A band of latitudes, which the latitude index reads,
 * narrows the documents to measure.
 */
function withinKm(sql: Sql, { latitude, longitude, radiusKm }: { latitude: number; longitude: number; radiusKm: number }): Fragment {
  const degrees = radiusKm / KM_PER_DEGREE_OF_LATITUDE;
  return sql`d.latitude BETWEEN ${latitude - degrees} AND ${latitude + degrees}
    AND 12742 * asin(sqrt(power(sin(radians(d.latitude - ${latitude}) / 2), 2)
      + cos(radians(${latitude})) * cos(radians(d.latitude)) * power(sin(radians(d.longitude - ${longitude}) / 2), 2))) <= ${radiusKm}`;
}

/** Along a meridian, slightly less than anywhere on the WGS 84 ellipsoid (110.57 km), so the band never cuts the circle. */
const KM_PER_DEGREE_OF_LATITUDE = 110.5;
