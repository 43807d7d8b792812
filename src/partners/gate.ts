/**
 * The partner keys at the front door, in each process: which partner a
 * request's key is (a checksum first, then a cached read by the key's
 * SHA-256), its requests per minute, and its use per day. A revocation made
 * in any process reaches every process (server.ts relays it over pub/sub):
 * the key leaves the cache at once, and its sockets close.
 */
import type { IncomingHttpHeaders } from 'node:http';

import { GraphQLError } from 'graphql';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';

import type { Clock } from '../clock.js';
import type { Sql } from '../db/client.js';
import { invalidToken } from '../errors.js';
import type { Job } from '../jobs/lifecycle.js';
import { type JobSignals, pollLoop } from '../jobs/poll-loop.js';
import type { Logger } from '../logger.js';
import { type LimitStore, take } from '../rate-limits/store.js';
import { hashApiKey, isWellFormedApiKey } from './api-key.js';
import { addUsage, apiKeyByHash, type ApiKeyRow, type UsageRow } from './store.js';

/** The partner a request's key is of. */
export type PartnerCaller = Pick<ApiKeyRow, 'partnerId' | 'scopes' | 'requestsPerMinute' | 'costBudget' | 'costRestorePerSecond'> & { keyId: number };

export interface PartnerGateOptions {
  sql: Sql;
  clock: Clock;
  logger: Logger;
  limits: LimitStore;
  /** How often the counted use is written to the database; 0: only when stopping (and on flushUsage()). */
  usageFlushMs: number;
  /** Told of failed writes of the use (metrics). */
  signals?: JobSignals;
}

export interface PartnerGate {
  /** The caller of a key (null without one); UNAUTHENTICATED (HTTP 401) for a key that is malformed, unknown or revoked. */
  callerOf(apiKey: string | undefined): Promise<PartnerCaller | null>;
  /** Counts a request of the caller's against its requests per minute (RATE_LIMITED, HTTP 429, past it) and its use of the day. */
  admit(caller: PartnerCaller): Promise<void>;
  /** Forgets revoked keys at once (this process's cache). */
  revoked(keyIds: readonly number[]): void;
  /** Writes the use counted so far. */
  flushUsage(): Promise<void>;
  /** Writes the use every usageFlushMs, and at the end. */
  readonly job: Job;
}

/** How long a key's reading is trusted without a revocation heard: the bound on a revocation whose news was lost. */
const CACHE_MS = 30_000;
const CACHE_ENTRIES = 10_000;
const API_KEY_PREFIX = /^ApiKey\s+(\S+)$/i;

/** The key a request carries: `x-api-key`, or `authorization: ApiKey <key>`. */
export function apiKeyOf(headers: IncomingHttpHeaders): string | undefined {
  const header = headers['x-api-key'];
  if (typeof header === 'string') return header.trim();
  return API_KEY_PREFIX.exec(headers.authorization?.trim() ?? '')?.[1];
}

/** The Authorization header when it is not a partner's key: a fan's bearer token, for accounts to check. */
export function bearerOf(headers: IncomingHttpHeaders): string | undefined {
  return API_KEY_PREFIX.test(headers.authorization?.trim() ?? '') ? undefined : headers.authorization;
}

const refused = () => invalidToken('This API key is not valid: it is mistyped, unknown or revoked.');

export function createPartnerGate({ sql, clock, logger, limits, usageFlushMs, signals }: PartnerGateOptions): PartnerGate {
  const cache = new Map<string, { caller: PartnerCaller | null; readAt: number }>();
  const limiters = new Map<number, RateLimiterAbstract>();
  let usage = new Map<string, UsageRow>();

  async function flushUsage(): Promise<void> {
    const counted = [...usage.values()];
    usage = new Map();
    try {
      await addUsage(sql, counted);
    } catch (error) {
      for (const row of counted) count(row.keyId, row.day, row.requests); // kept for the next flush
      throw error;
    }
  }

  function count(keyId: number, day: string, requests = 1): void {
    const key = `${keyId}:${day}`;
    const row = usage.get(key) ?? { keyId, day, requests: 0 };
    usage.set(key, { ...row, requests: row.requests + requests });
  }

  const flushes = pollLoop({
    job: 'partner key usage',
    logger,
    round: flushUsage,
    intervalMs: usageFlushMs,
    backoff: { firstMs: 1_000, maxMs: 30_000 },
    signals,
  });

  return {
    async callerOf(apiKey) {
      if (apiKey === undefined) return null;
      if (!isWellFormedApiKey(apiKey)) throw refused();
      const hash = hashApiKey(apiKey);
      const cached = cache.get(hash);
      let caller = cached && Date.now() - cached.readAt < CACHE_MS ? cached.caller : undefined;
      if (caller === undefined) {
        const key = await apiKeyByHash(sql, hash);
        caller = key && !key.revokedAt ? { ...key, keyId: key.id } : null;
        if (cache.size >= CACHE_ENTRIES) cache.clear();
        cache.set(hash, { caller, readAt: Date.now() });
      }
      if (!caller) throw refused();
      return caller;
    },
    async admit(caller) {
      let limiter = limiters.get(caller.requestsPerMinute);
      if (!limiter) limiters.set(caller.requestsPerMinute, (limiter = limits.limiter(`partner-key:${caller.requestsPerMinute}`, caller.requestsPerMinute, 60)));
      const refusal = await take(limiter, String(caller.keyId));
      if (refusal) {
        const { retryAfterSeconds } = refusal;
        throw new GraphQLError(`This API key made its ${caller.requestsPerMinute} requests of the minute; try again in ${retryAfterSeconds} seconds.`, {
          extensions: {
            code: 'RATE_LIMITED',
            retryAfter: retryAfterSeconds,
            http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
          },
        });
      }
      count(caller.keyId, clock().toISOString().slice(0, 10));
    },
    revoked(keyIds) {
      for (const [hash, entry] of cache) if (entry.caller && keyIds.includes(entry.caller.keyId)) cache.delete(hash);
    },
    flushUsage,
    job: {
      start: flushes.start,
      async stop() {
        await flushes.stop();
        await flushUsage().catch((error: unknown) => logger.warn({ err: error }, 'could not write the last partner key usage'));
      },
    },
  };
}
