/**
 * What the database holds cannot stop search (issue 14): a description of
 * 1.4 MB, written straight to the database past the API's bounds, is indexed
 * cut to INDEXED_TEXT; a document the index refuses all the same is set
 * aside, retried later and logged, while every other event is indexed; and a
 * description of many distinct words adds only its first ones to the typo
 * dictionary, whose words no document has any more a reindex prunes.
 */
import { pino } from 'pino';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { INDEXED_TEXT } from '../../src/search/documents.js';
import { createIndexer, type Indexer } from '../../src/search/indexer.js';
import { DICTIONARY_DESCRIPTION_WORDS, postgresSearchIndex } from '../../src/search/postgres-index.js';
import { rebuildIndex } from '../../src/search/rebuild.js';
import { searchRequest } from '../../src/search/request.js';
import type { SearchIndex } from '../../src/search/search-index.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestDatabase } from '../support/fixture.js';
import { manualClock } from '../support/server.js';
import { createFixtureDatabase } from './fixture.js';

/** The i-th of as many distinct words as asked for, letters only: zqaaaa, zqaaab, ... */
const word = (i: number) =>
  `zq${i
    .toString(26)
    .padStart(4, '0')
    .replace(/./g, (digit) => String.fromCharCode(97 + parseInt(digit, 26)))}`;
const words = (from: number, count: number) => Array.from({ length: count }, (_, i) => word(from + i)).join(' ');

describe('documents the index cannot take', () => {
  const { database } = useTestDatabase({ database: createFixtureDatabase });
  let index: SearchIndex;
  let hamilton: number;
  const clock = manualClock(ANCHOR);
  const logs: Record<string, unknown>[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void logs.push(JSON.parse(line)) });

  beforeAll(async () => {
    index = postgresSearchIndex(database.sql);
    hamilton = database.fixture.eventIds.hamilton!;
  });
  beforeEach(async () => {
    clock.set(ANCHOR);
    logs.length = 0;
    await database.sql`UPDATE events SET description = 'The musical about America’s founding father.' WHERE id = ${hamilton}`;
    await rebuildIndex({ sql: database.sql, index, clock });
  });

  const found = async (query: string) => (await index.search(searchRequest({ query, first: 100 }, ANCHOR))).hits.map((hit) => hit.eventId);
  const indexedIds = async () => (await database.sql<{ id: number }[]>`SELECT event_id AS id FROM search_documents ORDER BY 1`).map((row) => row.id);
  const publicIds = async () => (await database.sql<{ id: number }[]>`SELECT id FROM events WHERE status <> 'DRAFT' ORDER BY 1`).map((row) => row.id);
  /** The changes search has not handled yet, each with what became of it so far. */
  const outbox = () => database.sql<{ eventId: number; attempts: number; retryAt: Date | null; lastError: string | null }[]>`
    SELECT (m.payload->>'eventId')::int AS "eventId", coalesce(d.attempts, 0) AS attempts, d.retry_at AS "retryAt", d.last_error AS "lastError"
    FROM outbox m LEFT JOIN outbox_deliveries d ON d.consumer = 'search' AND d.message_id = m.id
    WHERE m.topic = 'event.changed' AND d.handled_at IS NULL ORDER BY m.id`;
  const dictionarySize = async () => (await database.sql<[{ n: number }]>`SELECT count(*)::int AS n FROM search_words`)[0].n;

  /** Drains as the indexer's loop does, going on after each failure; resolves to the failures. */
  async function drainThroughFailures(indexer: Indexer): Promise<number> {
    for (let failures = 0; failures < 50; failures++) {
      try {
        await indexer.drain();
        return failures;
      } catch {
        // the loop logs it and waits; here, on at once
      }
    }
    throw new Error('the indexer never got through');
  }

  it('takes a 1.4 MB description, too big for a tsvector, cut to its first 10,000 characters', async () => {
    const huge = words(0, 200_000);
    expect(huge.length).toBeGreaterThan(1_300_000);
    await database.sql`UPDATE events SET description = ${huge} WHERE id = ${hamilton}`; // past the API, which takes 5,000 characters
    expect(await createIndexer({ sql: database.sql, index, clock, logger }).drain()).toBe(1);
    expect(await outbox()).toEqual([]);
    expect(await found(word(0))).toEqual([hamilton]);
    const lastIndexed = Math.floor(INDEXED_TEXT.description / (word(0).length + 1)) - 1; // whole words within the cut
    expect(await found(word(lastIndexed))).toEqual([hamilton]);
    expect(await found(word(199_999))).toEqual([]);
  });

  it('holds up no other event: the one that fails on its own is set aside, logged, retried later, and indexed once fixed', async () => {
    const { sql } = database;
    // Documents taking all the text make the 1.4 MB description one PostgreSQL refuses, as it did before the cut.
    const indexer = createIndexer({ sql, index, clock, logger, textLimits: { ...INDEXED_TEXT, description: 10_000_000 } });
    await sql`TRUNCATE search_documents`;
    await sql`UPDATE events SET description = ${words(0, 200_000)} WHERE id = ${hamilton}`; // the oldest change, first in line
    await sql`INSERT INTO outbox (topic, payload) SELECT 'event.changed', jsonb_build_object('eventId', id) FROM events WHERE id <> ${hamilton} ORDER BY id`;
    const events = (await publicIds()).length;

    const failures = await drainThroughFailures(indexer);
    expect(failures).toBeGreaterThan(0);
    expect(failures).toBeLessThanOrEqual(Math.ceil(Math.log2(events)) + 1); // halving batches until it is alone
    expect(await indexedIds()).toEqual((await publicIds()).filter((id) => id !== hamilton));
    const setAside = await outbox();
    expect(setAside).toEqual([
      { eventId: hamilton, attempts: 1, retryAt: new Date(ANCHOR.getTime() + 60_000), lastError: expect.stringMatching(/too long for tsvector/) },
    ]);
    expect(logs.map((line) => [line.level, line.msg, line.eventId, line.attempts])).toEqual([
      [40, 'a message could not be handled; it is set aside and retried later, the others go on', hamilton, 1],
    ]);

    // Other changes keep flowing while it waits; it is not tried before its time.
    await sql`UPDATE events SET title = 'Les Misérables: The Staged Concert' WHERE id = ${database.fixture.eventIds.miserables!}`;
    expect(await indexer.drain()).toBe(1);
    expect(await found('staged concert')).toEqual([database.fixture.eventIds.miserables]);
    expect(await outbox()).toHaveLength(1);

    // Its time come, it is tried again, and waits twice as long.
    clock.set(new Date(ANCHOR.getTime() + 61_000));
    await expect(indexer.drain()).rejects.toThrow(/too long for tsvector/);
    expect(await outbox()).toMatchObject([{ attempts: 2, retryAt: new Date(ANCHOR.getTime() + 61_000 + 120_000) }]);
    // Failing that often, it is logged as an error: someone should look.
    await sql`UPDATE outbox_deliveries SET attempts = 4, retry_at = NULL WHERE consumer = 'search' AND handled_at IS NULL`;
    await expect(indexer.drain()).rejects.toThrow(/too long for tsvector/);
    expect(logs.at(-1)).toMatchObject({ level: 50, eventId: hamilton, attempts: 5 });

    // Fixed, the event is indexed at once from its new change; the change set aside is done at its time.
    await sql`UPDATE events SET description = 'A short description again.' WHERE id = ${hamilton}`;
    expect(await indexer.drain()).toBe(1);
    expect(await found('hamilton')).toEqual([hamilton]);
    clock.set(new Date(ANCHOR.getTime() + 3_600_000 * 2));
    expect(await indexer.drain()).toBe(1);
    expect(await outbox()).toEqual([]);
  });

  it(`adds the first ${DICTIONARY_DESCRIPTION_WORDS} words of a description to the typo dictionary, and a reindex prunes those no document has`, async () => {
    const before = await dictionarySize();
    const many = words(1_000_000, 1_000); // 7,000 characters, all of them indexed
    await database.sql`UPDATE events SET description = ${many} WHERE id = ${hamilton}`;
    await createIndexer({ sql: database.sql, index, clock, logger }).drain();
    expect(await dictionarySize()).toBe(before + DICTIONARY_DESCRIPTION_WORDS);
    // Words past those are found as typed; titles are still forgiven their typos.
    expect(await found(word(1_000_999))).toEqual([hamilton]);
    expect(await found('hamiltn')).toEqual([hamilton]);

    await database.sql`UPDATE events SET description = 'The musical about America’s founding father.' WHERE id = ${hamilton}`;
    await createIndexer({ sql: database.sql, index, clock, logger }).drain();
    expect(await dictionarySize()).toBe(before + DICTIONARY_DESCRIPTION_WORDS); // indexing only ever adds words
    expect((await rebuildIndex({ sql: database.sql, index, clock })).prunedWords).toBe(DICTIONARY_DESCRIPTION_WORDS);
    expect(await dictionarySize()).toBe(before);
    expect(await found(word(1_000_000))).toEqual([]);
  });
});
