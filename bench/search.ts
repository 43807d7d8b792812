/**
 * Search benchmark: seeds a catalog (100,000 events by default) with the
 * foundation's seeder into a throwaway database, builds the search index, and
 * sends one mixed set of searches (exact, misspelt and partial names, cities,
 * filters, sorts, browsing) three ways, at a fixed concurrency:
 *   1. straight to the backend (SearchIndex.search in this process): the baseline,
 *   2. through GraphQL over HTTP to a server in its own process, cache off,
 *   3. the same with the cache on (the default), where repeated searches hit it.
 * It reports p50/p95/p99 latency and searches per second of each, with the
 * GraphQL rates as ratios of the baseline, and writes them to
 * bench/results/search-<time>.json.
 *
 * The backend is PostgreSQL's, or Typesense's when TYPESENSE_URL and
 * TYPESENSE_API_KEY are set (in a collection of the run's own, dropped after).
 *
 * Run:  npm run bench:search [-- --events 100000 --concurrency 16 --requests 2000]
 *       DATABASE_URL=postgres://user@host:5432/postgres npm run bench:search
 *       TYPESENSE_URL=http://127.0.0.1:8108 TYPESENSE_API_KEY=... npm run bench:search
 *       npm run bench:search -- --help
 */
import cliProgress from 'cli-progress';
import { Client } from 'typesense';

import { runCommand } from '../src/command.js';
import { connect } from '../src/db/client.js';
import { runMigrations } from '../src/db/migrate.js';
import { seedCatalog } from '../src/db/seed/catalog.js';
import { Random } from '../src/db/seed/random.js';
import { postgresSearchIndex } from '../src/search/postgres-index.js';
import { rebuildIndex } from '../src/search/rebuild.js';
import { type SearchArguments, searchRequest } from '../src/search/request.js';
import { typesenseSearchIndex } from '../src/search/typesense-index.js';
import { TEST_SECRETS } from '../test/support/server.js';
import { startServerProcess } from '../test/support/server-process.js';
import { Cleanups } from './support/cleanups.js';
import { readFlags } from './support/cli.js';
import { openBenchDatabase } from './support/database.js';
import { machine, writeResults } from './support/report.js';
import { type LoadFigures, measureLoad, round } from './support/stats.js';

const FLAGS = {
  events: { default: 100_000, description: 'events to seed' },
  requests: { default: 2000, description: 'searches sent in each of the three runs' },
  concurrency: { default: 16, description: 'searches in flight at most' },
  distinct: { default: 400, description: 'distinct searches in the mix (the rest repeat them, as a rush does)' },
  seed: { default: 42, min: 0, description: 'seed of the catalog and of the query mix' },
};
const ABOUT = 'Seeds a catalog, indexes it, and times a mix of searches against the backend and through GraphQL.';

const SEARCH = `query ($query: String, $filter: EventSearchFilter, $sort: EventSearchSort) {
  searchEvents(query: $query, filter: $filter, sort: $sort, first: 20) {
    edges { cursor highlight node { id title startsAt venue { name city } } }
    pageInfo { hasNextPage endCursor }
    totalCount
    facets { category { value count } city { value count } }
  }
}`;

interface Catalog {
  performers: string[];
  cities: { city: string; country: string; latitude: number; longitude: number }[];
}

/** Two neighbouring letters of the longest word swapped: the commonest typo. */
function misspell(text: string): string {
  const words = text.split(' ');
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
  const at = Math.floor(longest.length / 2);
  words[words.indexOf(longest)] = longest.slice(0, at - 1) + longest[at] + longest[at - 1] + longest.slice(at + 1);
  return words.join(' ');
}

/** `distinct` searches, drawn as people search: mostly names, some misspelt or half typed, then cities, filters and browsing. */
function queryMix(catalog: Catalog, distinct: number, random: Random): SearchArguments[] {
  const pick = <T>(items: readonly T[]) => random.pick(items);
  const categories = ['CONCERT', 'SPORTS', 'THEATRE', 'COMEDY', 'FAMILY', 'FESTIVAL'] as const;
  const kinds: [weight: number, make: () => SearchArguments][] = [
    [25, () => ({ query: pick(catalog.performers) })],
    [15, () => ({ query: misspell(pick(catalog.performers)) })],
    [
      10,
      () => {
        const name = pick(catalog.performers);
        return { query: name.slice(0, Math.max(3, Math.ceil(name.length * 0.6))) };
      },
    ],
    [10, () => ({ query: pick(catalog.cities).city.normalize('NFD').replace(/\p{M}/gu, '') })],
    [10, () => ({ filter: { city: pick(catalog.cities).city, category: pick(categories) } })],
    [10, () => ({ query: pick(catalog.performers).split(' ').at(-1), filter: { country: pick(catalog.cities).country }, sort: 'DATE' })],
    [
      5,
      () => ({
        query: pick(['rock', 'jazz', 'comedy', 'festival', 'orchestra', 'tour', 'live']),
        filter: { price: { currency: 'USD', max: 5_000 } },
        sort: 'PRICE_LOW',
      }),
    ],
    [
      5,
      () => {
        const { latitude, longitude } = pick(catalog.cities);
        return { filter: { near: { latitude, longitude, radiusKm: 25 }, onlyAvailable: true } };
      },
    ],
    [10, () => ({ sort: pick(['DATE', 'POPULARITY'] as const), filter: random.chance(0.5) ? { category: pick(categories) } : {} })],
  ];
  return Array.from({ length: distinct }, () => random.weighted(kinds.map(([weight, make]) => [make, weight] as const))());
}

async function main(): Promise<number> {
  const flags = readFlags('npm run bench:search', ABOUT, FLAGS);
  if (!flags) return 0;
  const cleanups = new Cleanups();
  try {
    // 1. The catalog, by the foundation's seeder, and the index.
    const database = await openBenchDatabase('search', cleanups);
    await runMigrations(database.url);
    const { sql } = connect(database.url, { poolSize: 10 });
    cleanups.add(() => sql.end());
    const anchor = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()));
    const bar = new cliProgress.SingleBar(
      { format: '{task} {bar} {percentage}% | {value}/{total} | {duration_formatted}', hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = performance.now();
    bar.start(flags.events, 0, { task: 'Seeding ' });
    await seedCatalog(sql, { seed: flags.seed, events: flags.events, anchor, tickets: false, onProgress: (done) => bar.update(done) });
    bar.stop();
    await sql`ANALYZE`;
    const seedSeconds = round((performance.now() - started) / 1000);
    const typesense = process.env.TYPESENSE_URL
      ? { url: process.env.TYPESENSE_URL, apiKey: process.env.TYPESENSE_API_KEY ?? '', collection: `bench_search_${Date.now()}` }
      : undefined;
    const index = typesense ? typesenseSearchIndex(typesense) : postgresSearchIndex(sql);
    if (typesense) cleanups.add(() => dropCollection(typesense));
    started = performance.now();
    bar.start(flags.events, 0, { task: 'Indexing' });
    const { documents } = await rebuildIndex({ sql, index, clock: () => new Date(), onProgress: (done, total) => (bar.setTotal(total), bar.update(done)) });
    bar.stop();
    await sql`ANALYZE search_documents, search_words`;
    const indexSeconds = round((performance.now() - started) / 1000);
    console.log(`seeded ${flags.events} events in ${seedSeconds} s; indexed ${documents} documents in ${indexSeconds} s`);

    // 2. The mix: the same searches, in the same order, for every run.
    const catalog: Catalog = {
      performers: (await sql<{ name: string }[]>`SELECT name FROM performers ORDER BY id`).map((row) => row.name),
      cities: await sql<Catalog['cities']>`SELECT DISTINCT ON (city) city, country, latitude, longitude FROM venues ORDER BY city, id`,
    };
    const random = new Random(flags.seed);
    const mix = queryMix(catalog, flags.distinct, random);
    const order = Array.from({ length: flags.requests }, () => random.pick(mix));

    // 3. Straight to the backend: the baseline.
    const backend = await measureLoad(flags.requests, flags.concurrency, async (i) => void (await index.search(searchRequest(order[i]!, new Date()))));

    // 4. Through GraphQL, against a server in its own process, without and with the cache.
    const graphql = async (cacheTtlSeconds: string): Promise<LoadFigures & { errors: number }> => {
      const server = await startServerProcess({
        DATABASE_URL: database.url,
        SEED_DEMO: 'false',
        ...TEST_SECRETS,
        HOLD_SWEEP_INTERVAL_MS: '0',
        SEARCH_CACHE_TTL_SECONDS: cacheTtlSeconds,
        ...(typesense && { TYPESENSE_URL: typesense.url, TYPESENSE_API_KEY: typesense.apiKey, TYPESENSE_COLLECTION: typesense.collection }),
      });
      try {
        let errors = 0;
        const send = async (i: number) => {
          const response = await fetch(`${server.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: SEARCH, variables: order[i] }),
          });
          const body = (await response.json()) as { errors?: unknown[] };
          if (!response.ok || body.errors) errors++;
        };
        await measureLoad(Math.min(200, flags.requests), flags.concurrency, send); // warm-up: connections, JIT, plans
        return { ...(await measureLoad(flags.requests, flags.concurrency, send)), errors };
      } finally {
        await server.stop();
      }
    };
    const uncached = await graphql('0');
    const cached = await graphql('60');

    // 5. Report.
    const ratio = (figures: LoadFigures) => round(figures.perSecond / backend.perSecond, 2);
    const result = {
      benchmark: 'search',
      at: new Date().toISOString(),
      machine: machine(),
      postgres: database.postgres,
      backend: index.name,
      flags,
      setup: { seedSeconds, indexSeconds, documents },
      figures: { backend, graphqlUncached: { ...uncached, ratioToBackend: ratio(uncached) }, graphqlCached: { ...cached, ratioToBackend: ratio(cached) } },
    };
    console.log(
      `\nsearch: ${flags.events} events (${documents} indexed), ${flags.requests} searches per run from ${flags.distinct} distinct, ` +
        `concurrency ${flags.concurrency}, backend ${index.name}, PostgreSQL ${database.postgres.kind} ${database.postgres.version}`,
    );
    console.table({
      'backend (baseline)': { ...backend, 'vs baseline': 1 },
      'GraphQL, cache off': { ...uncached, 'vs baseline': ratio(uncached) },
      'GraphQL, cache on': { ...cached, 'vs baseline': ratio(cached) },
    });
    console.log(`results: ${await writeResults('search', result)}`);
    const errors = uncached.errors + cached.errors;
    if (errors > 0) console.error(`FAILED: ${errors} searches answered with errors`);
    return errors > 0 ? 1 : 0;
  } finally {
    await cleanups.run();
  }
}

async function dropCollection({ url, apiKey, collection }: { url: string; apiKey: string; collection: string }): Promise<void> {
  await new Client({ nodes: [{ url }], apiKey }).collections(collection).delete();
}

runCommand(main);
