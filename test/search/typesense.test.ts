/**
 * The contract against a real Typesense, when TYPESENSE_URL (and
 * TYPESENSE_API_KEY) name one; skipped, saying why, otherwise. Each run uses
 * a collection of its own and drops it at the end.
 */
import { randomBytes } from 'node:crypto';

import { Client } from 'typesense';
import { afterAll, describe, it } from 'vitest';

import { typesenseSearchIndex } from '../../src/search/typesense-index.js';
import { searchContract } from './contract.js';

const url = process.env.TYPESENSE_URL;
const apiKey = process.env.TYPESENSE_API_KEY ?? '';

if (url) {
  const collection = `events_test_${randomBytes(4).toString('hex')}`;
  searchContract('Typesense', () => typesenseSearchIndex({ url, apiKey, collection }));
  afterAll(async () => {
    await new Client({ nodes: [{ url }], apiKey })
      .collections(collection)
      .delete()
      .catch(() => {});
  });
} else {
  console.log('search contract on Typesense skipped: set TYPESENSE_URL and TYPESENSE_API_KEY to run it against a Typesense server.');
  describe.skip('search contract: Typesense (set TYPESENSE_URL and TYPESENSE_API_KEY to run)', () => {
    it('runs the contract', () => {});
  });
}
