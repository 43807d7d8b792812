/**
 * Automatic persisted queries as Apollo clients use them, over POST and GET, and the GraphQL-over-HTTP
 * `documentId` form; what registration can fill (refused documents, the LRU's bound, Redis TTLs); a
 * document registered on one process served by another through Redis; a mutation by GET refused (405).
 */

import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';

import { useTestServer } from './support/fixture.js';
import { answer, codeOf, get, postJson, sha256 } from './support/persisted-requests.js';

const EVENTS = '{ events(first: 2) { edges { node { title } } } }';

/** A POST with the APQ extension, with the document (which registers it) or without. */
const post = (url: string, hash: string, query?: string) => postJson(url, { query, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

const byHash = (hash: string, query?: string) => ({
  ...(query === undefined ? {} : { query }),
  extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }),
});

/** A valid document of about `size` characters: a comment pads it, so it passes every limit but the byte bounds. */
const padded = (tag: string, size: number) => `# ${tag} ${'x'.repeat(size)}\n{ __typename }`;

describe('automatic persisted queries', () => {
  const { server, startServer } = useTestServer({ events: 2 });

  it('answers an unknown hash PERSISTED_QUERY_NOT_FOUND, registers the document sent with it, then runs it by hash alone (POST)', async () => {
    const query = `${EVENTS} # post`;
    const hash = sha256(query);
    expect(codeOf(await post(server.url, hash))).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await post(server.url, hash, query);
    expect(registered.body.data.events.edges).toHaveLength(2);
    const hit = await post(server.url, hash);
    expect(hit.body).toEqual(registered.body);
  });

  it('does the same over GET, and a GET by hash alone is a cacheable request', async () => {
    const query = `${EVENTS} # get`;
    const hash = sha256(query);
    expect(codeOf(await get(server.url, byHash(hash)))).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await get(server.url, byHash(hash, query))).body.data.events.edges).toHaveLength(2);
    const hit = await get(server.url, byHash(hash));
    expect(hit.status).toBe(200);
    expect(hit.body.data.events.edges).toHaveLength(2);
    expect(hit.headers.get('cache-control')).toBe('max-age=30, public');
  });

  it('refuses a hash that is not the document’s', async () => {
    const wrong = await post(server.url, sha256('{ __typename }'), EVENTS);
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors?.[0]?.message).toMatch(/provided sha does not match query/);
  });

  it('accepts documentId "sha256:<hex>" for a registered document, over POST and GET', async () => {
    const query = `${EVENTS} # documentId`;
    const hash = sha256(query);
    const unknown = await answer(
      await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ documentId: `sha256:${hash}` }),
      }),
    );
    expect(codeOf(unknown)).toBe('PERSISTED_QUERY_NOT_FOUND');
    await post(server.url, hash, query);
    const byPost = await answer(
      await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ documentId: `sha256:${hash}` }),
      }),
    );
    expect(byPost.body.data.events.edges).toHaveLength(2);
    const byGet = await get(server.url, { documentId: `sha256:${hash}` });
    expect(byGet.body).toEqual(byPost.body);
    expect(byGet.headers.get('cache-control')).toBe('max-age=30, public');
    const malformed = await get(server.url, { documentId: `md5:${hash.slice(0, 32)}` });
    expect(malformed.status).toBe(400);
    expect(codeOf(malformed)).toBe('BAD_REQUEST');
  });

  it('answers a mutation by GET 405, with its document or by the hash of a registered one', async () => {
    const mutation = 'mutation { logOut { userErrors { code } } }';
    const withDocument = await get(server.url, { query: mutation });
    expect(withDocument.status).toBe(405);
    expect(withDocument.headers.get('allow')).toBe('POST');
    await post(server.url, sha256(mutation), mutation); // registered over POST, where mutations belong
    const byHashOnly = await get(server.url, byHash(sha256(mutation)));
    expect(byHashOnly.status).toBe(405);
    // The control: the same request as a query runs.
    expect((await get(server.url, { query: '{ __typename }' })).status).toBe(200);
  });

  it('never registers a document the front door refuses: one over 32 KiB is refused before it could be stored', async () => {
    const query = padded('too large', 40_000);
    const refused = await post(server.url, sha256(query), query);
    expect(refused.status).toBe(413);
    expect(codeOf(await post(server.url, sha256(query)))).toBe('PERSISTED_QUERY_NOT_FOUND');
    // The control: the same padding under the limit registers.
    const fits = padded('fits', 20_000);
    await post(server.url, sha256(fits), fits);
    expect((await post(server.url, sha256(fits))).body.data).toEqual({ __typename: 'Query' });
  });

  it('keeps at most PERSISTED_QUERIES_CACHE_BYTES of documents in memory, the least recently used going first', async () => {
    const small = await startServer({ env: { PERSISTED_QUERIES_CACHE_BYTES: '32768' } });
    const documents = ['a', 'b', 'c'].map((tag) => padded(tag, 12_000));
    for (const [i, query] of documents.entries()) {
      expect((await post(small.url, sha256(query), query)).body.data).toEqual({ __typename: 'Query' });
      // Registration is written after the answer; wait until it is readable before registering the next.
      await expect.poll(async () => codeOf(await post(small.url, sha256(documents[i]!)))).toBeUndefined();
    }
    expect(codeOf(await post(small.url, sha256(documents[0]!)))).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post(small.url, sha256(documents[2]!))).body.data).toEqual({ __typename: 'Query' });
    // The control: the default bound keeps all three.
    for (const query of documents) await post(server.url, sha256(query), query);
    for (const query of documents) expect((await post(server.url, sha256(query))).body.data).toEqual({ __typename: 'Query' });
  });

  it('keeps each process’s documents to itself without Redis', async () => {
    const other = await startServer();
    const query = `${EVENTS} # per process`;
    await post(server.url, sha256(query), query);
    expect(codeOf(await post(other.url, sha256(query)))).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

const redisUrl = process.env.REDIS_URL;

describe.runIf(redisUrl)('automatic persisted queries in Redis', () => {
  const { server, startServer } = useTestServer({ events: 2, redisUrl, env: { PERSISTED_QUERIES_TTL_SECONDS: '600' } });

  it('serves a document registered on one process from another, and lets it expire', async () => {
    const other = await startServer();
    const query = `${EVENTS} # shared`;
    const hash = sha256(query);
    expect(codeOf(await post(other.url, hash))).toBe('PERSISTED_QUERY_NOT_FOUND');
    await post(server.url, hash, query);
    await expect.poll(async () => codeOf(await post(other.url, hash))).toBeUndefined();
    expect((await get(other.url, byHash(hash))).body.data.events.edges).toHaveLength(2);

    const redis = new Redis(redisUrl!);
    try {
      const [key] = await redis.keys(`*apq:${hash}`);
      expect(key).toMatch(/^test-[0-9a-f]+:apq:/); // under the fixture's REDIS_KEY_PREFIX
      const ttl = await redis.ttl(key!);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(600);
    } finally {
      redis.disconnect();
    }
  });
});
