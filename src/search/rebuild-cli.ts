/**
 * `npm run search:reindex`: rebuilds the search index (PostgreSQL's, or
 * Typesense's when TYPESENSE_URL is set) from the catalog, with a progress
 * bar. Safe while servers run: searches keep being answered and the indexers
 * keep working (see rebuild.ts). Run with --help for the flags.
 */
import { parseArgs } from 'node:util';

import cliProgress from 'cli-progress';
import { Redis } from 'ioredis';

import { systemClock } from '../clock.js';
import { runCommand } from '../command.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { createLogger } from '../logger.js';
import { searchBackendFor } from './backend.js';
import { redisSearchCache } from './cache.js';
import { rebuildIndex } from './rebuild.js';

const USAGE = `Usage: npm run search:reindex -- [--batch-size N]

Writes every public event's search document again from PostgreSQL, then
removes documents of events that are drafts now or gone (and, in PostgreSQL,
the typo dictionary's words no document has any more). The index is the
PostgreSQL one, or Typesense's when TYPESENSE_URL is set. With REDIS_URL,
cached search answers are invalidated at the end.

Options:
  --batch-size N   events per batch, 1-10000 (default 1000).
  --help           show this help.

Connects to DATABASE_URL, or, when it is unset, to the embedded PostgreSQL
under DATA_DIR (started for the run and stopped after it).`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ options: { 'batch-size': { type: 'string', default: '1000' }, help: { type: 'boolean', short: 'h', default: false } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const batchSize = Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
    console.error(`--batch-size expects a whole number from 1 to 10000, got "${values['batch-size']}".\n\n${USAGE}`);
    return 2;
  }

  const config = loadConfig();
  const database = await openDatabase(config, createLogger(config.logLevel));
  const index = searchBackendFor(config, database.sql);
  const bar = new cliProgress.SingleBar(
    { format: `Indexing into ${index.name} {bar} {percentage}% | {value}/{total} events | {duration_formatted}, ETA {eta_formatted}`, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  try {
    const started = performance.now();
    bar.start(0, 0);
    const { documents, removed, prunedWords } = await rebuildIndex({
      sql: database.sql,
      index,
      clock: systemClock,
      batchSize,
      onProgress: (done, total) => (bar.setTotal(total), bar.update(done)),
    });
    bar.stop();
    if (config.redisUrl) {
      const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 2 });
      await redisSearchCache(redis, config.redisKeyPrefix, { ttlMs: config.searchCacheTtlMs })
        .bumpVersion()
        .finally(() => redis.disconnect());
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `Indexed ${documents.toLocaleString('en-US')} events into ${index.name} in ${seconds.toFixed(1)} s; removed ${removed} documents of events no longer listed` +
        (index.pruneWords ? ` and ${prunedWords.toLocaleString('en-US')} words no document has any more.` : '.'),
    );
    return 0;
  } finally {
    bar.stop();
    await database.close();
  }
}

runCommand(main);
