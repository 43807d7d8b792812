/**
 * searchEvents and suggestEvents over HTTP, as a client calls them: the
 * answer's shape, bad input and limits, and the cache (Redis when REDIS_URL
 * is set, else in-process) with its invalidation by index version.
 */
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';

import { toGlobalId } from '../../src/relay/global-id.js';
import type { SearchCache } from '../../src/search/cache.js';
import { cachedSearchIndex } from '../../src/search/cached-index.js';
import { searchRequest } from '../../src/search/request.js';
import type { SearchIndex, SearchResult } from '../../src/search/search-index.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestServer } from '../support/fixture.js';
import { manualClock } from '../support/server.js';
import { createFixtureDatabase, UPCOMING } from './fixture.js';

const SEARCH = `query ($query: String, $filter: EventSearchFilter, $sort: EventSearchSort, $first: Int, $after: String) {
  searchEvents(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {
    edges { cursor highlight node { id title venue { city } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    totalCount
    facets { category { value count } city { value count } }
  }
}`;
const SUGGEST = `query ($prefix: String!, $first: Int) {
  suggestEvents(prefix: $prefix, first: $first) { kind text highlight event { id title } performer { id name } }
}`;

describe('searchEvents and suggestEvents over HTTP', () => {
  // With REDIS_URL, the cache is Redis, under a prefix of this run's own.
  const { database, server } = useTestServer({ database: createFixtureDatabase, clock: manualClock(ANCHOR), redisUrl: process.env.REDIS_URL });

  beforeAll(async () => {
    await server.indexSearch();
  });

  it('answers with events, highlights, counts, facets and Relay page info', async () => {
    const { data, errors } = await server.graphql(SEARCH, { query: 'tayler swfit', first: 2 });
    expect(errors).toBeUndefined();
    const result = data.searchEvents;
    expect(result.totalCount).toBe(5);
    expect(result.edges).toHaveLength(2);
    expect(result.edges[0]).toMatchObject({
      highlight: '<mark>Taylor</mark> <mark>Swift</mark> | The Eras Tour',
      node: { id: toGlobalId('Event', database.fixture.eventIds['ts-wembley']), title: 'Taylor Swift | The Eras Tour', venue: { city: 'London' } },
    });
    expect(result.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: result.edges[0].cursor, endCursor: result.edges[1].cursor });
    expect(result.facets.category).toEqual([{ value: 'CONCERT', count: 5 }]);
    expect(result.facets.city).toEqual(
      [
        { value: 'London', count: 2 },
        { value: 'Köln', count: 1 },
        { value: 'New York', count: 2 },
      ].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
    );

    const next = await server.graphql(SEARCH, { query: 'tayler swfit', first: 10, after: result.pageInfo.endCursor });
    expect(next.data.searchEvents.edges).toHaveLength(3);
    expect(next.data.searchEvents.pageInfo.hasNextPage).toBe(false);

    const browse = await server.graphql(SEARCH, { query: '   ' });
    expect(browse.data.searchEvents.totalCount).toBe(UPCOMING.length);
    expect(browse.data.searchEvents.edges).toHaveLength(20);
  });

  it('suggests performers and events with links to them', async () => {
    const { data, errors } = await server.graphql(SUGGEST, { prefix: 'beyon' });
    expect(errors).toBeUndefined();
    expect(data.suggestEvents[0]).toEqual({
      kind: 'PERFORMER',
      text: 'Beyoncé',
      highlight: '<mark>Beyoncé</mark>',
      event: null,
      performer: { id: toGlobalId('Performer', database.fixture.performerIds['Beyoncé']!), name: 'Beyoncé' },
    });
    expect(data.suggestEvents.slice(1).map((s: { kind: string; event: { title: string } }) => [s.kind, s.event.title])).toEqual([
      ['EVENT', 'Beyoncé: Renaissance World Tour'],
      ['EVENT', 'Beyoncé: Cowboy Carter Tour'],
    ]);
    expect((await server.graphql(SUGGEST, { prefix: ' ' })).data.suggestEvents).toEqual([]);
    expect((await server.graphql(SUGGEST, { prefix: 'tay', first: 1 })).data.suggestEvents).toHaveLength(1);
  });

  it('refuses bad input with BAD_USER_INPUT naming the argument, and takes what is just within the limits', async () => {
    const refused: [string, Record<string, unknown>, string][] = [
      [SEARCH, { query: 'a'.repeat(201) }, 'query'],
      [SEARCH, { query: Array(17).fill('word').join(' ') }, 'query'],
      [SEARCH, { first: 0 }, 'first'],
      [SEARCH, { first: 101 }, 'first'],
      [SEARCH, { after: 'bm9wZQ' }, 'after'],
      [SEARCH, { filter: { startsAfter: '2030-02-01T00:00:00Z', startsBefore: '2030-01-15T00:00:00Z' } }, 'filter.startsBefore'],
      [SEARCH, { filter: { city: '  ' } }, 'filter.city'],
      [SEARCH, { filter: { country: 'Germany' } }, 'filter.country'],
      [SEARCH, { filter: { price: { currency: 'dollars' } } }, 'filter.price.currency'],
      [SEARCH, { filter: { price: { currency: 'USD', min: 500, max: 100 } } }, 'filter.price'],
      [SEARCH, { filter: { price: { currency: 'USD', min: -1 } } }, 'filter.price'],
      [SEARCH, { filter: { near: { latitude: 91, longitude: 0, radiusKm: 5 } } }, 'filter.near'],
      [SEARCH, { filter: { near: { latitude: 0, longitude: 0, radiusKm: 0 } } }, 'filter.near.radiusKm'],
      [SEARCH, { filter: { venueId: toGlobalId('Performer', 1) } }, 'filter.venueId'],
      [SEARCH, { filter: { performerId: 'nonsense' } }, 'filter.performerId'],
      [SUGGEST, { prefix: 'a'.repeat(101) }, 'prefix'],
      [SUGGEST, { prefix: 'a', first: 21 }, 'first'],
    ];
    for (const [query, variables, argument] of refused) {
      const { data, errors } = await server.graphql(query, variables);
      expect(errors?.[0]?.extensions, JSON.stringify(variables)).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      expect(data ?? null).toBeNull(); // refused before running (no data: a length the schema bounds) or by the resolver (null)
    }
    const accepted: Record<string, unknown>[] = [
      { query: `${'a'.repeat(199)}b` },
      { query: Array(16).fill('word').join(' ') },
      { first: 100 },
      { filter: { near: { latitude: -90, longitude: 180, radiusKm: 20_038 }, price: { currency: 'usd', min: 0, max: 0 } } },
    ];
    for (const variables of accepted) expect((await server.graphql(SEARCH, variables)).errors, JSON.stringify(variables)).toBeUndefined();
  });

  it('answers a repeated search from the cache until the indexer changes the index', async () => {
    const searchStatements = () => server.statements.filter((s) => s.includes('search_documents')).length;
    const variables = { query: 'hamilton', filter: { country: 'US' } };
    const first = await server.graphql(SEARCH, variables);
    expect(first.data.searchEvents.totalCount).toBe(1);
    const before = searchStatements();
    // The same search written differently (case, spacing, country code) is the same request.
    expect((await server.graphql(SEARCH, { query: '  HAMILTON ', filter: { country: 'us' } })).data).toEqual(first.data);
    expect(searchStatements()).toBe(before);

    await database.sql`UPDATE events SET title = 'Hamilton: An American Musical' WHERE id = ${database.fixture.eventIds.hamilton}`;
    // Not indexed yet: the cached hits stand (the events themselves are always read fresh).
    const cached = await server.graphql(SEARCH, variables);
    expect(cached.data.searchEvents.edges[0]).toMatchObject({ highlight: '<mark>Hamilton</mark>', node: { title: 'Hamilton: An American Musical' } });
    expect(searchStatements()).toBe(before);
    await server.indexSearch(); // bumps the index version
    const fresh = await server.graphql(SEARCH, variables);
    expect(fresh.data.searchEvents.edges[0].highlight).toBe('<mark>Hamilton</mark>: An American Musical');
    expect(searchStatements()).toBeGreaterThan(before);
  });
});

describe('the search cache', () => {
  const request = searchRequest({ query: 'anything' }, ANCHOR);
  const result: SearchResult = { hits: [], hasNextPage: false, totalCount: 0, facets: { category: [], city: [] } };

  it('is skipped, with a warning, when it fails: search stays up', async () => {
    let searches = 0;
    const backend = { name: 'counting', search: async () => (searches++, result) } as unknown as SearchIndex;
    const broken: SearchCache = {
      read: async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')),
      write: async () => Promise.reject(new Error('unreachable')),
      bumpVersion: async () => Promise.reject(new Error('unreachable')),
    };
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line).msg) });
    const cached = cachedSearchIndex(backend, broken, logger);
    expect(await cached.search(request)).toEqual(result);
    expect(await cached.search(request)).toEqual(result);
    expect(searches).toBe(2);
    expect(warnings).toEqual(Array(2).fill('search cache unavailable; searching without it'));

    const writeFails: SearchCache = { ...broken, read: async () => ({ version: 1 }) };
    warnings.length = 0;
    expect(await cachedSearchIndex(backend, writeFails, logger).search(request)).toEqual(result);
    expect(warnings).toEqual(['could not store a search in the cache']);
  });
});
