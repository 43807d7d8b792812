/**
 * The SQL of partners: the partners, their API keys and their use, and the
 * documents registered for them. Days go in arrays as text
 * (`::text[]::date[]`): db/client.ts's serializers take no arrays of dates.
 */
import type { Queryable } from '../db/client.js';

export interface PartnerRow {
  id: number;
  name: string;
  contactEmail: string;
  createdAt: Date;
}

/** What a request with the key may do. */
export type ApiKeyScope = 'READ' | 'BOOK';

export interface ApiKeyRow {
  id: number;
  partnerId: number;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  requestsPerMinute: number;
  costBudget: number;
  costRestorePerSecond: number;
  createdAt: Date;
  revokedAt: Date | null;
}

/** Requests made with a key on a UTC day (YYYY-MM-DD). */
export interface UsageRow {
  keyId: number;
  day: string;
  requests: number;
}

const partnerColumns = (sql: Queryable) => sql`id, name, contact_email AS "contactEmail", created_at AS "createdAt"`;
const keyColumns = (sql: Queryable) =>
  sql`id, partner_id AS "partnerId", name, prefix, scopes, requests_per_minute AS "requestsPerMinute", cost_budget AS "costBudget",
      cost_restore_per_second AS "costRestorePerSecond", created_at AS "createdAt", revoked_at AS "revokedAt"`;

export async function insertPartner(sql: Queryable, partner: Omit<PartnerRow, 'id'>): Promise<PartnerRow> {
  const [inserted] = await sql<[PartnerRow]>`
    INSERT INTO partners (name, contact_email, created_at) VALUES (${partner.name}, ${partner.contactEmail}, ${partner.createdAt})
    RETURNING ${partnerColumns(sql)}`;
  return inserted;
}

export function partnersByIds(sql: Queryable, ids: readonly number[]): Promise<PartnerRow[]> {
  return sql<PartnerRow[]>`SELECT ${partnerColumns(sql)} FROM partners WHERE id = ANY(${ids as number[]}::integer[])`;
}

/** Up to `limit` partners after the partner `afterId` (from the first, when null), oldest first. */
export function partnersAfter(sql: Queryable, afterId: number | null, limit: number): Promise<PartnerRow[]> {
  return sql<PartnerRow[]>`
    SELECT ${partnerColumns(sql)} FROM partners ${afterId === null ? sql`` : sql`WHERE id > ${afterId}`} ORDER BY id LIMIT ${limit}`;
}

export async function insertApiKey(sql: Queryable, key: Omit<ApiKeyRow, 'id' | 'revokedAt'> & { keyHash: string }): Promise<ApiKeyRow> {
  const [inserted] = await sql<[ApiKeyRow]>`
    INSERT INTO partner_api_keys (partner_id, name, prefix, key_hash, scopes, requests_per_minute, cost_budget, cost_restore_per_second, created_at)
    VALUES (${key.partnerId}, ${key.name}, ${key.prefix}, ${key.keyHash}, ${key.scopes}, ${key.requestsPerMinute}, ${key.costBudget},
            ${key.costRestorePerSecond}, ${key.createdAt})
    RETURNING ${keyColumns(sql)}`;
  return inserted;
}

/** Revokes the key at `at`, unless it was revoked before; answers it as it now is, if it exists. */
export async function revokeApiKey(sql: Queryable, id: number, at: Date): Promise<ApiKeyRow | undefined> {
  const [key] = await sql<[ApiKeyRow?]>`
    UPDATE partner_api_keys SET revoked_at = coalesce(revoked_at, ${at}) WHERE id = ${id} RETURNING ${keyColumns(sql)}`;
  return key;
}

export function apiKeysById(sql: Queryable, ids: readonly number[]): Promise<ApiKeyRow[]> {
  return sql<ApiKeyRow[]>`SELECT ${keyColumns(sql)} FROM partner_api_keys WHERE id = ANY(${ids as number[]}::integer[])`;
}

/** The partners' keys, oldest first. */
export function apiKeysOfPartners(sql: Queryable, partnerIds: readonly number[]): Promise<ApiKeyRow[]> {
  return sql<ApiKeyRow[]>`
    SELECT ${keyColumns(sql)} FROM partner_api_keys WHERE partner_id = ANY(${partnerIds as number[]}::integer[]) ORDER BY partner_id, id`;
}

/** The key whose SHA-256 is `keyHash`, revoked or not. */
export async function apiKeyByHash(sql: Queryable, keyHash: string): Promise<ApiKeyRow | undefined> {
  const [key] = await sql<[ApiKeyRow?]>`SELECT ${keyColumns(sql)} FROM partner_api_keys WHERE key_hash = ${keyHash}`;
  return key;
}

/** Adds requests to the keys' counts of their days. */
export async function addUsage(sql: Queryable, usage: readonly UsageRow[]): Promise<void> {
  if (usage.length === 0) return;
  await sql`
    INSERT INTO partner_key_usage (key_id, day, requests)
    SELECT * FROM unnest(${usage.map((u) => u.keyId)}::integer[], ${usage.map((u) => u.day)}::text[]::date[], ${usage.map((u) => u.requests)}::integer[])
    ON CONFLICT (key_id, day) DO UPDATE SET requests = partner_key_usage.requests + excluded.requests`;
}

/** The use of the partners' keys from `fromDay` on, by partner, newest day first. */
export function usageOfPartners(sql: Queryable, partnerIds: readonly number[], fromDay: string): Promise<(UsageRow & { partnerId: number })[]> {
  return sql<(UsageRow & { partnerId: number })[]>`
    SELECT k.partner_id AS "partnerId", u.key_id AS "keyId", to_char(u.day, 'YYYY-MM-DD') AS day, u.requests
    FROM partner_key_usage u JOIN partner_api_keys k ON k.id = u.key_id
    WHERE k.partner_id = ANY(${partnerIds as number[]}::integer[]) AND u.day >= ${fromDay}::date
    ORDER BY k.partner_id, u.day DESC, u.key_id`;
}

/** Registers documents for the partner; one registered before stays as it was. */
export async function insertDocuments(
  sql: Queryable,
  partnerId: number,
  documents: readonly { hash: string; document: string; cost: number }[],
  at: Date,
): Promise<void> {
  await sql`
    INSERT INTO partner_documents (partner_id, hash, document, cost, created_at)
    SELECT ${partnerId}, * , ${at}::timestamptz FROM unnest(${documents.map((d) => d.hash)}::text[], ${documents.map((d) => d.document)}::text[],
                                             ${documents.map((d) => d.cost)}::integer[])
    ON CONFLICT (partner_id, hash) DO NOTHING`;
}

/** The document the partner registered under `hash`, if any. */
export async function partnerDocument(sql: Queryable, partnerId: number, hash: string): Promise<string | undefined> {
  const [row] = await sql<[{ document: string }?]>`SELECT document FROM partner_documents WHERE partner_id = ${partnerId} AND hash = ${hash}`;
  return row?.document;
}
