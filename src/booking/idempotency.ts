/**
 * Idempotency keys with Stripe's semantics, scoped to the user: the same key
 * with the same request returns the first answer (even while the first is
 * still running: duplicates wait for it), the same key with another request
 * is refused, and keys are forgotten after 24 hours. Only successes are kept:
 * a failure changed nothing, so retrying it with the same key runs it again.
 */
import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';

import type { Clock } from '../clock.js';
import type { Sql } from '../db/client.js';
import { badUserInput } from '../errors.js';
import { isFailure, type Result, type UserFailure, userFailure } from '../user-error.js';
import { claimKey, deleteKeysBefore, keyHeld, releaseKey, saveResponse } from './store/idempotency.js';

export const KEY_LIFETIME_MS = 24 * 3600_000;
const MAX_KEY_LENGTH = 255;

export interface IdempotencyScope {
  userId: number;
  key: string;
  /** Names the mutation, so one key cannot replay another mutation's answer. */
  operation: string;
  /** The request's input without the key. */
  input: unknown;
}

export interface IdempotencyOptions {
  /**
   * A request that has run this long without an answer is taken to have died
   * with its process: a retry with its key then runs (and a purchase resumes
   * where it stopped). Default 60 s.
   */
  abandonedAfterMs?: number;
  /** How long a duplicate waits for the first request's answer before IDEMPOTENCY_KEY_IN_USE. */
  waitMs?: number;
  /** How often a duplicate looks for that answer. */
  pollMs?: number;
}

/** The answer to a key already used for another request. */
export const keyReused: UserFailure = userFailure('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for a different request; use a new key.', [
  'input',
  'idempotencyKey',
]);

export function checkIdempotencyKey(key: string, argument = 'input.idempotencyKey'): string {
  if (key.length < 1 || key.length > MAX_KEY_LENGTH) {
    throw badUserInput(`idempotencyKey must be 1 to ${MAX_KEY_LENGTH} characters long; a UUID is a good key.`, argument);
  }
  return key;
}

export function createIdempotency(sql: Sql, clock: Clock, { abandonedAfterMs = 60_000, waitMs = 30_000, pollMs = 20 }: IdempotencyOptions = {}) {
  /** Takes the key for this request: a new key, a forgotten one, or one whose request was abandoned. */
  async function claim(userId: number, key: string, requestHash: string): Promise<boolean> {
    const now = clock();
    return claimKey(sql, { userId, key, requestHash }, now, new Date(now.getTime() - KEY_LIFETIME_MS), new Date(now.getTime() - abandonedAfterMs));
  }

  return {
    /** Runs `execute` once per (user, key, request); see the module comment. */
    async run<T extends object>(scope: IdempotencyScope, execute: () => Promise<Result<T>>): Promise<Result<T>> {
      const { userId, key } = scope;
      const requestHash = createHash('sha256')
        .update(JSON.stringify([scope.operation, scope.input]))
        .digest('base64url');
      const deadline = performance.now() + waitMs;
      for (;;) {
        if (await claim(userId, key, requestHash)) {
          let result: Result<T> | undefined;
          try {
            result = await execute();
          } finally {
            if (result && !isFailure(result)) {
              await saveResponse(sql, { userId, key, requestHash }, result);
            } else {
              await releaseKey(sql, { userId, key, requestHash });
            }
          }
          return result;
        }
        const existing = await keyHeld<T>(sql, userId, key);
        if (!existing) continue; // the first request failed and let the key go: run this one
        if (existing.requestHash !== requestHash) return keyReused;
        if (existing.response) return existing.response;
        if (performance.now() > deadline) {
          return userFailure('IDEMPOTENCY_KEY_IN_USE', 'A request with this idempotency key is still running; retry shortly.', ['input', 'idempotencyKey']);
        }
        await delay(pollMs);
      }
    },

    /** Forgets keys older than their lifetime; returns how many. */
    async purgeExpired(): Promise<number> {
      return deleteKeysBefore(sql, new Date(clock().getTime() - KEY_LIFETIME_MS));
    },
  };
}

export type Idempotency = ReturnType<typeof createIdempotency>;
