/**
 * Search takes any string: every letter and digit Unicode has, alone and in
 * words long enough to be checked for typos, and the characters that are
 * neither (NUL, lone surrogates, U+FFFF, U+10FFFF), reach PostgreSQL's
 * search without one internal error. (In a SQL_ASCII database, the first
 * letter above U+007F failed every search; see test/embedded-postgres.test.ts.)
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { postgresSearchIndex } from '../../src/search/postgres-index.js';
import { rebuildIndex } from '../../src/search/rebuild.js';
import { searchRequest } from '../../src/search/request.js';
import type { SearchIndex } from '../../src/search/search-index.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestServer } from '../support/fixture.js';
import { manualClock } from '../support/server.js';
import { createFixtureDatabase } from './fixture.js';

/** Every code point that search reads as part of a word. */
const WORD_CHARACTERS = Array.from({ length: 0x110000 }, (_, codePoint) => codePoint)
  .filter((codePoint) => codePoint < 0xd800 || codePoint > 0xdfff)
  .map((codePoint) => String.fromCodePoint(codePoint))
  .filter((character) => /[\p{L}\p{N}]/u.test(character));
/** Neither letters nor digits, but strings a client can send all the same. */
const OTHERS = ['\u0000', '\uD800', '\uDFFF', '\uFFFF', '\u{10FFFF}', '\u0301', '\u200B', "'\\:*&|!()<->", '¼ ½ ﬁ ǅ'];

describe('search on any text', () => {
  const { database, server } = useTestServer({ database: createFixtureDatabase, clock: manualClock(ANCHOR) });
  let index: SearchIndex;
  beforeAll(async () => {
    index = postgresSearchIndex(database.sql);
    await rebuildIndex({ sql: database.sql, index, clock: manualClock(ANCHOR) });
  });

  it('reads every letter and digit, alone and within longer words, without an error', { timeout: 120_000 }, async () => {
    // Every letter alone, and one in 16 inside a word of five, long enough to be looked up as a typo (140,000 of
    // those lookups took 20 s). The backends take longer queries than the API lets through, so each call tries thousands.
    const inWords = WORD_CHARACTERS.filter((_, i) => i % 16 === 0).map((character) => `swi${character}t`);
    const words = [...WORD_CHARACTERS, ...inWords];
    const browse = searchRequest({ first: 1 }, ANCHOR);
    for (let start = 0; start < words.length; start += 10_000) {
      const query = words.slice(start, start + 10_000).join(' ');
      await index.search({ ...browse, query: `${query} taylor`, sort: 'RELEVANCE' });
      await index.suggest(query, 5, ANCHOR);
    }
  });

  it('answers searches and suggestions of any characters over GraphQL, never with an internal error', async () => {
    const texts = [...OTHERS, ...OTHERS.map((other) => `tay${other}lor`), 'Köln', 'ΑΘΗΝΑ', '東京', '🎸 rock'];
    for (const text of texts) {
      const { errors } = await server.graphql(
        `query ($text: String!) { searchEvents(query: $text, filter: { city: $text }) { totalCount } suggestEvents(prefix: $text) { text } }`,
        { text },
      );
      expect(errors?.map((error) => error.extensions?.code) ?? [], JSON.stringify(text)).not.toContain('INTERNAL_SERVER_ERROR');
    }
  });
});
