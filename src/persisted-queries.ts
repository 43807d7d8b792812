/**
 * Automatic persisted queries (APQ), as Apollo clients speak them: a client sends
 * `extensions.persistedQuery { version: 1, sha256Hash }` alone, gets PERSISTED_QUERY_NOT_FOUND the
 * first time, and then sends the document with its hash once, which registers it. Apollo Server runs
 * the protocol; this module gives it a store every process shares (Redis) or, on one process, a
 * bounded LRU, and accepts the GraphQL-over-HTTP spelling of the same thing, `documentId:
 * "sha256:<hex>"`, for a document registered so.
 *
 * What registration can fill is bounded: a document is stored only after the front door let it run
 * (http.ts refuses one over 32 KiB before Apollo sees it; the token, depth, cost and input limits
 * refuse it before Apollo registers it), every entry expires, and the LRU holds at most so many bytes.
 *
 * Trusted-document manifests (trusted-documents.ts) are read before this store, over the same hashes,
 * so that `documentId` and the APQ hash find a manifest's documents without registration.
 */
import { ErrorsAreMissesCache, InMemoryLRUCache, type KeyValueCache, type KeyValueCacheSetOptions, PrefixingKeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Redis } from 'ioredis';

import type { Logger } from './logger.js';
import type { TrustedDocuments } from './trusted-documents.js';

export interface PersistedQueryOptions {
  /** Shared by every process when set; without it, each process keeps its own LRU. */
  redis: Redis | undefined;
  /** Prefix of this service's Redis keys (REDIS_KEY_PREFIX); Apollo adds `apq:` after it. */
  redisKeyPrefix: string;
  /** How long a registered document is kept after its registration (PERSISTED_QUERIES_TTL_SECONDS). */
  ttlSeconds: number;
  /** Most bytes of documents the in-process LRU keeps, least recently used out first (PERSISTED_QUERIES_CACHE_BYTES). */
  maxBytes: number;
  /** Manifest documents by hash, found before the registered ones and never registered themselves. */
  trusted: TrustedDocuments;
  logger: Logger;
}

/** Apollo Server's `persistedQueries` option: where registered documents live, and for how long. */
export function persistedQueries(options: PersistedQueryOptions): { cache: KeyValueCache<string>; ttl: number } {
  const store = options.redis
    ? // Redis out of reach is a miss, not a failed request: the client sends the document again and it runs.
      new ErrorsAreMissesCache(new RedisDocumentCache(options.redis, options.redisKeyPrefix), options.logger)
    : new InMemoryLRUCache<string>({ maxSize: options.maxBytes });
  // Apollo prefixes the keys it asks for with `apq:`; the manifest is asked by bare hash, the store with the prefix as before.
  const cache = PrefixingKeyValueCache.cacheDangerouslyDoesNotNeedPrefixesForIsolation(
    new TrustedFirst(options.trusted, new PrefixingKeyValueCache(store, 'apq:')),
  );
  return { cache, ttl: options.ttlSeconds };
}

/** The manifests, then the registered documents; a manifest document sent in full is not written to the store. */
class TrustedFirst implements KeyValueCache<string> {
  constructor(
    private readonly trusted: TrustedDocuments,
    private readonly registered: KeyValueCache<string>,
  ) {}

  async get(hash: string): Promise<string | undefined> {
    return this.trusted.get(hash) ?? (await this.registered.get(hash));
  }

  async set(hash: string, document: string, options?: KeyValueCacheSetOptions): Promise<void> {
    if (!this.trusted.has(hash)) await this.registered.set(hash, document, options);
  }

  async delete(hash: string): Promise<boolean | void> {
    return this.registered.delete(hash);
  }
}

/** The few lines of a KeyValueCache over the server's own ioredis client (no second connection, no adapter). */
class RedisDocumentCache implements KeyValueCache<string> {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.prefix + key)) ?? undefined;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    // persistedQueries() always gives Apollo a TTL, so every document written here expires.
    if (options?.ttl) await this.redis.set(this.prefix + key, value, 'EX', options.ttl);
  }

  async delete(key: string): Promise<boolean> {
    return (await this.redis.del(this.prefix + key)) > 0;
  }
}

const DOCUMENT_ID = /^sha256:([0-9a-f]{64})$/;

/** The hash of a `documentId: "sha256:<hex>"` (lower-case hex), or undefined when `documentId` is not one. */
export function hashOfDocumentId(documentId: unknown): string | undefined {
  return typeof documentId === 'string' ? DOCUMENT_ID.exec(documentId)?.[1] : undefined;
}

/**
 * A request with `documentId: "sha256:<hex>"` (in a POST body or a GET's parameters) rewritten as the
 * APQ hash Apollo understands; other requests as they came. Undefined when the documentId is not one
 * this server knows how to read.
 */
export function documentIdAsPersistedQuery(body: unknown, search: string): { body: unknown; search: string } | undefined {
  if (body && typeof body === 'object' && 'documentId' in body) {
    const { documentId, ...rest } = body as { documentId: unknown; extensions?: object };
    const hash = hashOfDocumentId(documentId);
    if (!hash) return undefined;
    return { body: { ...rest, extensions: { ...rest.extensions, persistedQuery: { version: 1, sha256Hash: hash } } }, search };
  }
  const params = new URLSearchParams(search);
  const documentId = params.get('documentId');
  if (documentId === null) return { body, search };
  const hash = hashOfDocumentId(documentId);
  if (!hash) return undefined;
  let extensions: unknown;
  try {
    extensions = JSON.parse(params.get('extensions') ?? '{}');
  } catch {
    return undefined;
  }
  params.delete('documentId');
  params.set('extensions', JSON.stringify({ ...(extensions as object), persistedQuery: { version: 1, sha256Hash: hash } }));
  return { body, search: `?${params}` };
}
