/** Idempotency keys (idempotency.ts says what they mean): one statement each. */
import type { Sql } from '../../db/client.js';

/**
 * Takes the user's key for a request (its hash) at `now`: a new key, one
 * created at or before `forgottenAt`, or one with no response created at or
 * before `abandonedAt`. Whether it took it.
 */
export async function claimKey(
  sql: Sql,
  key: { userId: number; key: string; requestHash: string },
  now: Date,
  forgottenAt: Date,
  abandonedAt: Date,
): Promise<boolean> {
  const { userId, requestHash } = key;
  const rows = await sql`
      INSERT INTO idempotency_keys (user_id, key, request_hash, created_at) VALUES (${userId}, ${key.key}, ${requestHash}, ${now})
      ON CONFLICT (user_id, key) DO UPDATE SET request_hash = excluded.request_hash, response = NULL, created_at = excluded.created_at
      WHERE idempotency_keys.created_at <= ${forgottenAt}
         OR (idempotency_keys.response IS NULL AND idempotency_keys.created_at <= ${abandonedAt})
      RETURNING 1`;
  return rows.length === 1;
}

/** Keeps the response of the key's request. */
export async function saveResponse(sql: Sql, key: { userId: number; key: string; requestHash: string }, response: object): Promise<void> {
  await sql`UPDATE idempotency_keys SET response = ${sql.json(response as never)} WHERE user_id = ${key.userId} AND key = ${key.key} AND request_hash = ${key.requestHash}`;
}

/** Lets the key go, if its request has no response. */
export async function releaseKey(sql: Sql, key: { userId: number; key: string; requestHash: string }): Promise<void> {
  await sql`DELETE FROM idempotency_keys WHERE user_id = ${key.userId} AND key = ${key.key} AND request_hash = ${key.requestHash} AND response IS NULL`;
}

/** The key's request hash and response (null while its request runs), if the key is held. */
export async function keyHeld<T>(sql: Sql, userId: number, key: string): Promise<{ requestHash: string; response: T | null } | undefined> {
  const [existing] = await sql<[{ requestHash: string; response: T | null }?]>`
          SELECT request_hash AS "requestHash", response FROM idempotency_keys WHERE user_id = ${userId} AND key = ${key}`;
  return existing;
}

/** Forgets keys created at or before `forgottenAt`; how many. */
export async function deleteKeysBefore(sql: Sql, forgottenAt: Date): Promise<number> {
  const result = await sql`DELETE FROM idempotency_keys WHERE created_at <= ${forgottenAt}`;
  return result.count;
}
