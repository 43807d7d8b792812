/**
 * The PostgreSQL search index's statements (postgres-index.ts and
 * query-words.ts say what they mean): documents in search_documents with a
 * weighted tsvector under a GIN index, the typo dictionary search_words.
 */
import type { PendingQuery, Row, TransactionSql } from 'postgres';

import type { Sql } from '../../db/client.js';
import type { EventStatus } from '../documents.js';
import type { SearchFilter, SearchSort } from '../search-index.js';

type Fragment = PendingQuery<Row[]>;

/** A row of search_documents to write, as jsonb_to_recordset reads it. */
export interface DocumentRow {
  eventId: number;
  title: string;
  description: string;
  performerIds: number[];
  performerNames: string[];
  venueId: number;
  venueName: string;
  city: string;
  country: string;
  latitude: number;
  longitude: number;
  category: string;
  status: string;
  /** ISO 8601. */
  startsAt: string;
  currency: string;
  prices: number[];
  ticketsAvailable: number;
  popularity: number;
}

/**
 * What each word of a query is to the index: whether documents have it as
 * typed (`exact`), whether the last word begins a dictionary word (`begins`),
 * and, for a word of 4 letters or more that neither holds for, the
 * `candidates` nearest dictionary words by trigram distance.
 */
export function knownWords(
  sql: Sql,
  typed: string[],
  candidates: number,
): Promise<{ word: string; last: boolean; exact: boolean; begins: boolean; near: string[] }[]> {
  return sql<{ word: string; last: boolean; exact: boolean; begins: boolean; near: string[] }[]>`
    SELECT t.word, t.last, known.exact, known.begins,
           -- Candidates for a misspelling, only for a word no document has.
           CASE WHEN known.exact OR known.begins OR length(t.word) < 4 THEN '{}'
                ELSE ARRAY(SELECT w.word FROM search_words w ORDER BY w.word <-> t.word LIMIT ${candidates}) END AS near
    FROM (SELECT search_normalize(typed) AS word, n = ${typed.length} AS last
          FROM unnest(${typed}::text[]) WITH ORDINALITY AS q(typed, n)) t,
    LATERAL (SELECT EXISTS (SELECT 1 FROM search_words w WHERE w.word = t.word)
                      OR EXISTS (SELECT 1 FROM search_documents d
                                 WHERE d.document @@ to_tsquery('simple', chr(39) || replace(replace(t.word, chr(92), chr(92) || chr(92)), chr(39), chr(39) || chr(39)) || chr(39))) AS exact,
                    -- Whether some word begins with the last word: a range of the text_pattern_ops index.
                    t.last AND EXISTS (SELECT 1 FROM search_words w WHERE w.word ~>=~ t.word AND w.word ~<~ (t.word || chr(1114111))) AS begins) known`;
}

/**
 * The primary sort key, ascending (then start time and id). Relevance is
 * rounded, so that the text of a cursor reads back as exactly the same number.
 */
const rankOf = (sql: Sql, sort: SearchSort): Fragment =>
  ({
    // Title and performers (A) weigh most, then venue, city and category (B), then the description (D).
    RELEVANCE: sql`-round(ts_rank('{0.1, 0.2, 0.4, 1.0}', d.document, query.ranking)::numeric, 6)::float8`,
    DATE: sql`0::float8`,
    PRICE_LOW: sql`coalesce(d.min_price, 2147483647)::float8`,
    POPULARITY: sql`(-d.popularity)::float8`,
  })[sort];

/** A search: what documents must match, how they are ranked, and where the page starts. */
export interface DocumentsQuery {
  filter: SearchFilter;
  sort: SearchSort;
  /** to_tsquery('simple', ...) texts; null: no words to match. */
  match: { tsquery: string; rankQuery: string } | null;
  /** The position of the last hit of the page before: its rank as PostgreSQL wrote it (float8 text), start time (ISO 8601) and event. */
  after: { rank: string; startsAt: string; id: number } | null;
  limit: number;
}

/**
 * One page of the matching documents (each hit's event, title, rank as text
 * and start time), and the counts of every category and city among all of
 * them, from one snapshot.
 */
export async function searchDocuments(
  sql: Sql,
  { filter, sort, match, after, limit }: DocumentsQuery,
): Promise<{
  facets: { category: string | null; city: string | null; count: number }[];
  page: { id: number; title: string; rank: string; starts_at: string }[];
}> {
  const near = filter.near;
  const conditions = and(sql, [
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
    match && sql`d.document @@ query.q`,
  ]);
  const position = after && sql`(m.rank, m.starts_at, m.event_id) > (${after.rank}::float8, ${after.startsAt}::timestamptz, ${after.id}::integer)`;
  const [row] = await sql<
    [{ facets: { category: string | null; city: string | null; count: number }[]; page: { id: number; title: string; rank: string; starts_at: string }[] }]
  >`
      WITH query AS (SELECT to_tsquery('simple', ${match?.tsquery ?? ''}) AS q, to_tsquery('simple', ${match?.rankQuery ?? ''}) AS ranking),
      matched AS MATERIALIZED (
        SELECT d.event_id, d.category, d.city, d.starts_at, ${rankOf(sql, sort)} AS rank
        FROM search_documents d, query WHERE ${conditions}
      )
      SELECT
        -- Both facets in one pass; their category counts add up to the total.
        (SELECT coalesce(json_agg(f), '[]') FROM (
          SELECT category, city, count(*)::int AS count FROM matched GROUP BY GROUPING SETS ((category), (city))) f) AS facets,
        (SELECT coalesce(json_agg(p), '[]') FROM (
          SELECT m.event_id AS id, d.title, m.rank::text AS rank, m.starts_at
          FROM (SELECT * FROM matched m WHERE ${position ?? sql`true`} ORDER BY m.rank, m.starts_at, m.event_id LIMIT ${limit}) m
          JOIN search_documents d USING (event_id) ORDER BY m.rank, m.starts_at, m.event_id) p) AS page`;
  return row;
}

/**
 * Up to `performers` performers of upcoming events (statuses `upcoming`,
 * starting at `now` or later) matching `titles`, whose own names match
 * `names`, most often billed first; and up to `events` of those events, most
 * popular first.
 */
export async function suggestions(
  sql: Sql,
  match: { titles: string; names: string },
  upcoming: readonly EventStatus[],
  now: Date,
  limits: { performers: number; events: number },
): Promise<{ performers: { id: number; name: string }[]; events: { id: number; title: string }[] }> {
  const [row] = await sql<[{ performers: { id: number; name: string }[]; events: { id: number; title: string }[] }]>`
      WITH query AS (SELECT to_tsquery('simple', ${match.titles}) AS q, to_tsquery('simple', ${match.names}) AS names),
      matching AS MATERIALIZED (
        SELECT d.event_id, d.title, d.performer_ids, d.performer_names, d.popularity, d.starts_at
        FROM search_documents d, query
        WHERE d.document @@ query.q AND d.status = ANY(${upcoming as string[]}::event_status[]) AND d.starts_at >= ${now}
      )
      SELECT
        (SELECT coalesce(json_agg(p), '[]') FROM (
          SELECT p.id, p.name FROM matching m, query, unnest(m.performer_ids, m.performer_names) AS p(id, name)
          WHERE to_tsvector('simple', search_normalize(p.name)) @@ query.names
          GROUP BY p.id, p.name ORDER BY count(*) DESC, p.name LIMIT ${limits.performers}) p) AS performers,
        (SELECT coalesce(json_agg(e), '[]') FROM (
          SELECT event_id AS id, title FROM matching ORDER BY popularity DESC, starts_at, event_id LIMIT ${limits.events}) e) AS events`;
  return row;
}

/**
 * The words a document (a tsvector expression) adds to the typo dictionary:
 * every word of weights A and B, and the first `descriptionWords` of the
 * description's (weight D) by where they first appear.
 */
const dictionaryWords = (q: Sql | TransactionSql, document: Fragment, descriptionWords: number) => q`
    SELECT u.lexeme FROM unnest(${document}) AS u WHERE u.weights && '{A,B}'::text[]
    UNION
    (SELECT u.lexeme FROM unnest(${document}) AS u WHERE NOT u.weights && '{A,B}'::text[] ORDER BY u.positions[1], u.lexeme LIMIT ${descriptionWords})`;

/**
 * Writes the documents (in the order given: callers sort them by event, so
 * that concurrent writers take row locks in one order) with their tsvector,
 * and adds their words to the dictionary (see dictionaryWords).
 */
export async function upsertDocuments(sql: Sql, rows: readonly DocumentRow[], descriptionWords: number): Promise<void> {
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
      SELECT DISTINCT word FROM written, LATERAL (${dictionaryWords(sql, sql`written.document`, descriptionWords)}) AS words (word)
      ORDER BY word -- one lock order for concurrent writers
      ON CONFLICT DO NOTHING`;
}

/**
 * Drops the dictionary words no document adds any more, in one statement
 * under a lock that holds writers of documents back meanwhile (searches go
 * on), so that none adds a word this is dropping. How many it dropped.
 */
export function pruneDictionary(sql: Sql, descriptionWords: number): Promise<number> {
  return sql.begin(async (tx) => {
    await tx`LOCK TABLE search_words IN SHARE ROW EXCLUSIVE MODE`;
    const { count } = await tx`
        WITH kept AS MATERIALIZED (SELECT DISTINCT k.word FROM search_documents d, LATERAL (${dictionaryWords(tx, tx`d.document`, descriptionWords)}) AS k (word))
        DELETE FROM search_words w WHERE NOT EXISTS (SELECT 1 FROM kept WHERE kept.word = w.word)`;
    return count;
  });
}

export async function deleteDocuments(sql: Sql, eventIds: readonly number[]): Promise<void> {
  await sql`DELETE FROM search_documents WHERE event_id = ANY(${eventIds as number[]}::integer[])`;
}

export async function documentEventIds(sql: Sql): Promise<number[]> {
  return (await sql<{ id: number }[]>`SELECT event_id AS id FROM search_documents`).map((row) => row.id);
}

const and = (sql: Sql, conditions: (Fragment | false | null | undefined)[]) =>
  conditions.filter((c): c is Fragment => !!c).reduce((all, condition) => sql`${all} AND ${condition}`);

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
