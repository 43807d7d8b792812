/**
 * The contract every SearchIndex keeps, over the fixture catalog: relevance
 * for a labelled set of queries (exact, misspelt, partial, accented,
 * performer-only, city-only), filters, facet counts, sorting, pagination
 * without gaps or repeats, highlights and suggestions. A backend's test file
 * calls searchContract with a way to build it.
 */
import { GraphQLError } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';

import type { Sql } from '../../src/db/client.js';
import { rebuildIndex } from '../../src/search/rebuild.js';
import { type SearchArguments, searchRequest } from '../../src/search/request.js';
import type { SearchIndex, SearchSort } from '../../src/search/search-index.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestDatabase } from '../support/fixture.js';
import { createFixtureDatabase, DAY, event, EVENT_KEYS, type EventKey, startsAt, type StoredFixture, UPCOMING, VENUES } from './fixture.js';

/** Queries and what they must find: groups in rank order (any order within a group), and nothing else. */
export const LABELLED_QUERIES: [query: string, expected: EventKey[][]][] = [
  ['taylor swift', [['ts-wembley', 'ts-msg', 'ts-koln'], ['tribute'], ['jazz']]],
  ['tayler swfit', [['ts-wembley', 'ts-msg', 'ts-koln'], ['tribute'], ['jazz']]],
  ['taylor sw', [['ts-wembley', 'ts-msg', 'ts-koln', 'tribute'], ['jazz']]],
  ['TAYLOR SWIFT', [['ts-wembley', 'ts-msg', 'ts-koln'], ['tribute'], ['jazz']]],
  ['swift', [['ts-wembley', 'ts-msg', 'ts-koln'], ['tribute'], ['jazz']]],
  ['beyonce', [['beyonce-o2', 'beyonce-barclays']]],
  ['Beyoncé', [['beyonce-o2', 'beyonce-barclays']]],
  ['beyonse renaissance', [['beyonce-o2']]],
  ['cirque du soleil', [['soleil-bell', 'soleil-albert']]],
  ['cirque du soliel', [['soleil-bell', 'soleil-albert']]],
  ['cirque', [['soleil-bell', 'soleil-albert', 'eloize']]],
  ['cirque eloize', [['eloize']]],
  ['motley crue', [['motley']]],
  ['sigur ros', [['sigur']]],
  ['metallica', [['metallica'], ['metallica-tribute']]],
  ['metalica', [['metallica'], ['metallica-tribute']]],
  ['ed sheran', [['sheeran']]],
  ['kendrik lamar', [['kendrick']]],
  ['dave chapelle', [['chappelle']]],
  ['celtics', [['knicks']]],
  ['les miserables', [['miserables']]],
  ['phantom opera', [['phantom']]],
  ['nils aberg', [['nils']]],
  ['bil', [['billie']]],
  ['orchestra', [['sigur']]],
  ['koln', [['ts-koln', 'metallica']]],
  ['montreal', [['soleil-bell', 'eloize']]],
  ['wembley stadium', [['ts-wembley', 'sheeran']]],
  ['comedy', [['chappelle', 'tomlinson'], ['tribute']]], // the category and the venue (Comedy Cellar), then the venue only
  ['taylor swift tickets', [['ts-wembley', 'ts-msg', 'ts-koln'], ['tribute'], ['jazz']]],
  ['xyzzy plugh', []],
];

export function searchContract(name: string, makeIndex: (sql: Sql) => SearchIndex | Promise<SearchIndex>) {
  describe(`search contract: ${name}`, () => {
    const { database } = useTestDatabase({ database: createFixtureDatabase });
    let index: SearchIndex;
    let fixture: StoredFixture;

    beforeAll(async () => {
      fixture = database.fixture;
      index = await makeIndex(database.sql);
      await rebuildIndex({ sql: database.sql, index, clock: () => ANCHOR });
    });

    const search = (args: SearchArguments) => index.search(searchRequest(args, ANCHOR));
    const keys = async (args: SearchArguments) => (await search({ first: 100, ...args })).hits.map((hit) => fixture.keyOf(hit.eventId));

    /** Every result, `first` at a time, following the cursors. */
    async function pageThrough(args: SearchArguments, first: number): Promise<EventKey[]> {
      const found: EventKey[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 100; pages++) {
        const page = await search({ ...args, first, after });
        found.push(...page.hits.map((hit) => fixture.keyOf(hit.eventId)));
        if (!page.hasNextPage) return found;
        after = page.hits.at(-1)!.cursor;
      }
      throw new Error('more than 100 pages');
    }

    it.each(LABELLED_QUERIES)('ranks %j', async (query, expected) => {
      const found = await keys({ query });
      let at = 0;
      for (const group of expected) {
        expect(new Set(found.slice(at, at + group.length)), `${query}: results ${at}-${at + group.length - 1}`).toEqual(new Set(group));
        at += group.length;
      }
      expect(found.length, `${query}: nothing else (${found.join(', ')})`).toBe(at);
    });

    it('browses upcoming events by date without a query, and leaves out cancelled, past and draft ones', async () => {
      for (const query of [undefined, '', '   ']) {
        const result = await search({ query, first: 100 });
        expect(result.hits.map((hit) => fixture.keyOf(hit.eventId))).toEqual(UPCOMING);
        expect(result.totalCount).toBe(UPCOMING.length);
      }
      expect(UPCOMING).not.toContain('coldplay-cancelled');
      expect(await keys({ query: 'coldplay', filter: { status: ['CANCELLED'] } })).toEqual(['coldplay-cancelled']);
      expect(new Set(await keys({ query: 'coldplay', filter: { status: ['ON_SALE', 'CANCELLED'] } }))).toEqual(new Set(['coldplay', 'coldplay-cancelled']));
      expect(await keys({ query: 'eras tour montreal', filter: { startsAfter: new Date(ANCHOR.getTime() - 30 * DAY) } })).toEqual(['ts-past']);
      expect(await keys({ query: 'secret show', filter: { status: ['DRAFT', 'ON_SALE'] } })).toEqual([]);
    });

    const upcomingWhere = (test: (key: EventKey) => boolean) => UPCOMING.filter(test);

    it('filters by date range, city, country, category, venue and performer', async () => {
      const from = new Date(ANCHOR.getTime() + 10 * DAY);
      const to = new Date(ANCHOR.getTime() + 20 * DAY);
      const cases: [SearchArguments['filter'], EventKey[]][] = [
        [{ startsAfter: from, startsBefore: to }, upcomingWhere((k) => startsAt(k) >= from && startsAt(k) < to)],
        [{ city: 'koln' }, upcomingWhere((k) => event(k).venue === 'lanxess')],
        [{ city: ' MONTRÉAL ' }, upcomingWhere((k) => event(k).venue === 'bell')],
        [{ country: 'gb' }, upcomingWhere((k) => VENUES[event(k).venue].country === 'GB')],
        [{ category: 'COMEDY' }, ['chappelle', 'tomlinson']],
        [{ venueId: fixture.venueIds.albert }, upcomingWhere((k) => event(k).venue === 'albert')],
        [{ performerId: fixture.performerIds['Taylor Swift'] }, ['ts-wembley', 'ts-msg', 'ts-koln']],
        [{ city: 'London', category: 'FAMILY' }, ['soleil-albert']],
      ];
      for (const [filter, expected] of cases) {
        expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
        expect(await keys({ filter }), JSON.stringify(filter)).toEqual(expected);
      }
    });

    it('filters by price (any section within range, in one currency), availability and distance', async () => {
      const inRange = (k: EventKey, currency: string, min: number, max: number) =>
        VENUES[event(k).venue].currency === currency && event(k).prices.some((p) => p >= min && p <= max);
      expect(await keys({ filter: { price: { currency: 'gbp', min: 9_000, max: 12_000 } } })).toEqual(upcomingWhere((k) => inRange(k, 'GBP', 9_000, 12_000)));
      expect(await keys({ filter: { price: { currency: 'USD', max: 5_000 } } })).toEqual(upcomingWhere((k) => inRange(k, 'USD', 0, 5_000)));
      expect(await keys({ filter: { price: { currency: 'USD', min: 45_001 } } })).toEqual([]);

      expect(await keys({ query: 'adele' })).toEqual(['adele', 'jazz']);
      expect(await keys({ query: 'adele', filter: { onlyAvailable: true } })).toEqual(['jazz']); // Weekends with Adele is sold out

      // Central London, 10 km: the O2, the Albert Hall, Her Majesty's; Wembley is 13 km out.
      const london = { latitude: 51.5072, longitude: -0.1276 };
      const near = (radiusKm: number) => keys({ filter: { near: { ...london, radiusKm } } });
      expect(await near(10)).toEqual(upcomingWhere((k) => ['o2', 'albert', 'majesty'].includes(event(k).venue)));
      expect(await near(15)).toEqual(upcomingWhere((k) => VENUES[event(k).venue].city === 'London'));
      expect(await keys({ filter: { near: { latitude: 40.758, longitude: -73.9855, radiusKm: 3 } } })).toEqual(
        upcomingWhere((k) => ['msg', 'rodgers'].includes(event(k).venue)),
      );
    });

    it('counts categories and cities over every match, commonest first', async () => {
      const counts = (found: EventKey[], of: (k: EventKey) => string) => {
        const tally = new Map<string, number>();
        for (const k of found) tally.set(of(k), (tally.get(of(k)) ?? 0) + 1);
        return [...tally].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
      };
      const sortFacets = (facets: { value: string; count: number }[]) => [...facets].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
      for (const [args, expected] of [
        [{ first: 1 }, UPCOMING],
        [{ query: 'taylor', first: 1 }, ['ts-wembley', 'ts-msg', 'ts-koln', 'tribute', 'jazz', 'tomlinson']],
        [{ filter: { country: 'GB' }, first: 1 }, upcomingWhere((k) => VENUES[event(k).venue].country === 'GB')],
      ] as [SearchArguments, EventKey[]][]) {
        const result = await search(args);
        expect(result.totalCount).toBe(expected.length);
        expect(sortFacets(result.facets.category)).toEqual(counts(expected, (k) => event(k).category));
        expect(sortFacets(result.facets.city)).toEqual(counts(expected, (k) => VENUES[event(k).venue].city));
        expect(result.facets.category.map((f) => f.count)).toEqual([...result.facets.category.map((f) => f.count)].sort((a, b) => b - a));
      }
    });

    it('sorts by date, lowest price and popularity', async () => {
      const byDate = (a: EventKey, b: EventKey) => startsAt(a).getTime() - startsAt(b).getTime();
      const usd = upcomingWhere((k) => VENUES[event(k).venue].currency === 'USD');
      const price = { currency: 'USD' };
      expect(await keys({ sort: 'DATE', query: 'taylor swift' })).toEqual(['ts-wembley', 'tribute', 'jazz', 'ts-msg', 'ts-koln']);
      expect(await keys({ sort: 'PRICE_LOW', filter: { price } })).toEqual([...usd].sort((a, b) => event(a).prices[0] - event(b).prices[0] || byDate(a, b)));
      expect(await keys({ sort: 'POPULARITY' })).toEqual([...UPCOMING].sort((a, b) => (event(b).sold ?? 0) - (event(a).sold ?? 0) || byDate(a, b)));
      // RELEVANCE without a query browses by date.
      expect(await keys({ sort: 'RELEVANCE' })).toEqual(UPCOMING);
    });

    it('pages through results with no gaps or repeats, whatever the sort', async () => {
      const cases: SearchArguments[] = [{}, { query: 'taylor' }, { query: 'london' }, { filter: { country: 'US' } }];
      for (const args of cases) {
        for (const sort of ['RELEVANCE', 'DATE', 'PRICE_LOW', 'POPULARITY'] as SearchSort[]) {
          const all = await keys({ ...args, sort });
          expect(all.length, JSON.stringify(args)).toBeGreaterThan(1);
          expect(await pageThrough({ ...args, sort }, 2), `${JSON.stringify(args)} by ${sort}`).toEqual(all);
          expect(await pageThrough({ ...args, sort }, 3), `${JSON.stringify(args)} by ${sort}`).toEqual(all);
        }
      }
    });

    it('refuses cursors from another sort or made up', async () => {
      const page = await search({ query: 'taylor', first: 1 });
      const cursor = page.hits[0]!.cursor;
      for (const [args, after] of [
        [{ query: 'taylor', sort: 'DATE' }, cursor],
        [{ query: 'taylor' }, 'not-a-cursor'],
        [{ query: 'taylor' }, Buffer.from(JSON.stringify(['RELEVANCE', 'x', 'y', 1])).toString('base64url')],
      ] as [SearchArguments, string][]) {
        const failure = await search({ ...args, after }).catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(GraphQLError);
        expect((failure as GraphQLError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
      }
    });

    it('highlights the words of the title that matched, typos and prefixes included, HTML-escaped', async () => {
      const highlights = async (query: string) => {
        const { hits } = await search({ query, first: 100 });
        return Object.fromEntries(hits.map((hit) => [fixture.keyOf(hit.eventId), hit.highlight]));
      };
      expect((await highlights('tayler swfit'))['ts-msg']).toBe('<mark>Taylor</mark> <mark>Swift</mark> | The Eras Tour');
      expect((await highlights('taylor sw')).tribute).toBe('<mark>Swiftie</mark> Night: A <mark>Taylor</mark> <mark>Swift</mark> Tribute');
      expect((await highlights('beyonce'))['beyonce-o2']).toBe('<mark>Beyoncé</mark>: Renaissance World Tour');
      expect((await highlights('jazz')).jazz).toBe('Late Night <mark>Jazz</mark> &amp; Standards');
      expect((await highlights('koln'))['ts-koln']).toBe('Taylor Swift | The Eras Tour'); // matched the city, not the title
      expect((await search({ first: 1 })).hits[0]!.highlight).toBe(event(UPCOMING[0]!).title);
    });

    it('suggests performers, then events, for what has been typed', async () => {
      const suggest = async (prefix: string, limit = 8) =>
        (await index.suggest(prefix, limit, ANCHOR)).map((s) => (s.kind === 'PERFORMER' ? `performer:${s.text}` : `event:${fixture.keyOf(s.eventId)}`));
      const tay = await suggest('tay');
      expect(tay.slice(0, 2).sort()).toEqual(['performer:Taylor Swift', 'performer:Taylor Tomlinson']);
      expect(new Set(tay.slice(2))).toEqual(new Set(['event:ts-wembley', 'event:ts-msg', 'event:ts-koln', 'event:tribute', 'event:tomlinson']));
      expect(await suggest('taylor sw', 3)).toEqual(['performer:Taylor Swift', 'event:ts-msg', 'event:ts-wembley']); // then by popularity
      expect(await suggest('beyon')).toEqual(['performer:Beyoncé', 'event:beyonce-o2', 'event:beyonce-barclays']);
      expect(await suggest('cirque du s')).toEqual(['performer:Cirque du Soleil', 'event:soleil-bell', 'event:soleil-albert']);
      expect(await suggest('coldp')).toEqual(['performer:Coldplay', 'event:coldplay']); // not the cancelled one
      expect(await suggest('zzzz')).toEqual([]);
      const [first] = await index.suggest('beyon', 1, ANCHOR);
      expect(first).toMatchObject({ kind: 'PERFORMER', performerId: fixture.performerIds['Beyoncé'], highlight: '<mark>Beyoncé</mark>' });
    });

    it('finds every event of the fixture it should, and no others', async () => {
      const listed = await keys({ filter: { status: ['ON_SALE', 'CANCELLED', 'SOLD_OUT', 'COMPLETED'], startsAfter: new Date(0) } });
      expect(new Set(listed)).toEqual(new Set(EVENT_KEYS.filter((k) => event(k).status !== 'DRAFT')));
    });
  });
}
