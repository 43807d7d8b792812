/**
 * Partners as an admin manages them: partners, their API keys (made here,
 * shown once), revocation, and their use. Resolvers call it as
 * `context.partners`; server.ts builds one per request. Every operation is
 * an admin's (requireAdmin); nobody else sees a partner (node(id) answers
 * null). No rate limits: only admins call these.
 */
import DataLoader from 'dataloader';

import { requireAdmin } from '../accounts/policy.js';
import { checkEmail, normalizeEmail } from '../accounts/rules.js';
import { byKey, groupByKey } from '../batch.js';
import type { Sql } from '../db/client.js';
import { badUserInput } from '../errors.js';
import { type Connection, decodeCursor, encodeCursor, pageSize, toConnection } from '../relay/connection.js';
import type { RequestScope } from '../request-scope.js';
import { sha256 } from '../trusted-documents.js';
import { type Result, userFailure } from '../user-error.js';
import { hashApiKey, newApiKey, SHOWN_LENGTH } from './api-key.js';
import type { DocumentCheck } from './document-check.js';
import {
  type ApiKeyRow,
  apiKeysById,
  type ApiKeyScope,
  apiKeysOfPartners,
  insertApiKey,
  insertDocuments,
  insertPartner,
  type PartnerRow,
  partnersAfter,
  partnersByIds,
  revokeApiKey,
  usageOfPartners,
  type UsageRow,
} from './store.js';

/** What partners need for every request. */
export interface PartnersServices {
  sql: Sql;
  /** Tells every process that these keys are revoked (their caches drop them, their sockets close). */
  revoked(keyIds: readonly number[]): void;
  /** Validates and prices a document to register (server.ts builds it from the schema, its rules and the cost limit). */
  checkDocument: DocumentCheck;
}

export const REQUESTS_PER_MINUTE = { min: 1, max: 100_000, default: 600 };
/** A key's cost bucket (partners/budgets.ts): its size and its refill. */
export const COST_BUDGET = { min: 100, max: 1_000_000, default: 20_000 };
export const COST_RESTORE_PER_SECOND = { min: 1, max: 100_000, default: 1_000 };
const USAGE_DAYS = { min: 1, max: 90 };
const DAY_MS = 86_400_000;

const invalid = (message: string, field: string) => userFailure('INVALID_PARTNER', message, ['input', field]);

function createPartnerLoaders(sql: Sql) {
  return {
    partnerById: new DataLoader<number, PartnerRow | undefined>(async (ids) => byKey(ids, await partnersByIds(sql, ids), (row) => row.id)),
    keyById: new DataLoader<number, ApiKeyRow | undefined>(async (ids) => byKey(ids, await apiKeysById(sql, ids), (row) => row.id)),
    keysByPartnerId: new DataLoader<number, ApiKeyRow[]>(async (ids) => groupByKey(ids, await apiKeysOfPartners(sql, ids), (row) => row.partnerId)),
  };
}

export class PartnersFacade {
  private requestLoaders?: ReturnType<typeof createPartnerLoaders>;

  constructor(
    private readonly services: PartnersServices,
    private readonly scope: RequestScope,
  ) {}

  async createPartner(input: { name: string; contactEmail: string }): Promise<Result<PartnerRow>> {
    requireAdmin(this.scope.viewer);
    const name = input.name.trim();
    const contactEmail = normalizeEmail(input.contactEmail);
    if (name.length === 0) return invalid('Give the partner a name.', 'name');
    const badEmail = checkEmail(contactEmail, ['input', 'contactEmail']);
    if (badEmail) return userFailure([badEmail]);
    return insertPartner(this.services.sql, { name, contactEmail, createdAt: this.scope.clock() });
  }

  /** A new key of the partner: its record, and the key itself, which is never shown again. */
  async createApiKey(input: {
    partnerId: number;
    name: string;
    scopes: readonly ApiKeyScope[];
    requestsPerMinute?: number | null;
    costBudget?: number | null;
    costRestorePerSecond?: number | null;
  }): Promise<Result<{ apiKey: ApiKeyRow; secret: string }>> {
    requireAdmin(this.scope.viewer);
    const name = input.name.trim();
    const settings = {
      requestsPerMinute: input.requestsPerMinute ?? REQUESTS_PER_MINUTE.default,
      costBudget: input.costBudget ?? COST_BUDGET.default,
      costRestorePerSecond: input.costRestorePerSecond ?? COST_RESTORE_PER_SECOND.default,
    };
    const ranges = { requestsPerMinute: REQUESTS_PER_MINUTE, costBudget: COST_BUDGET, costRestorePerSecond: COST_RESTORE_PER_SECOND };
    if (name.length === 0) return invalid('Name the key after what it is for.', 'name');
    if (input.scopes.length === 0) return invalid('Give the key at least one scope.', 'scopes');
    for (const [field, range] of Object.entries(ranges) as [keyof typeof ranges, { min: number; max: number }][]) {
      if (!(settings[field] >= range.min && settings[field] <= range.max)) {
        return invalid(`${field} is ${range.min.toLocaleString('en')} to ${range.max.toLocaleString('en')}.`, field);
      }
    }
    if (!(await this.loaders.partnerById.load(input.partnerId))) {
      return userFailure('PARTNER_NOT_FOUND', 'No partner has this ID.', ['input', 'partnerId']);
    }
    const secret = newApiKey();
    const scopes: ApiKeyScope[] = input.scopes.includes('BOOK') ? ['READ', 'BOOK'] : ['READ'];
    const apiKey = await insertApiKey(this.services.sql, {
      partnerId: input.partnerId,
      name,
      prefix: secret.slice(0, SHOWN_LENGTH),
      keyHash: hashApiKey(secret),
      scopes,
      ...settings,
      createdAt: this.scope.clock(),
    });
    return { apiKey, secret };
  }

  /** Revokes the key (again: no change), and tells every process. */
  async revokeApiKey(apiKeyId: number): Promise<Result<ApiKeyRow>> {
    requireAdmin(this.scope.viewer);
    const revoked = await revokeApiKey(this.services.sql, apiKeyId, this.scope.clock());
    if (!revoked) return userFailure('API_KEY_NOT_FOUND', 'No API key has this ID.', ['input', 'apiKeyId']);
    this.services.revoked([revoked.id]);
    return revoked;
  }

  /**
   * Registers documents for the partner, all or none: each must validate and
   * cost no more than a request may, nor than the biggest cost budget of the
   * partner's live keys. Answers their IDs, in order.
   */
  async registerDocuments(partnerId: number, texts: readonly string[]): Promise<Result<{ documentIds: string[] }>> {
    requireAdmin(this.scope.viewer);
    if (texts.length === 0) return userFailure('INVALID_DOCUMENT', 'Give at least one document.', ['input', 'documents']);
    if (!(await this.loaders.partnerById.load(partnerId))) return userFailure('PARTNER_NOT_FOUND', 'No partner has this ID.', ['input', 'partnerId']);
    // Nor may one cost more than the partner's biggest budget can pay: it would be refused at every request.
    const budget = Math.max(0, ...(await this.loaders.keysByPartnerId.load(partnerId)).filter((key) => !key.revokedAt).map((key) => key.costBudget));
    const documents = [];
    for (const [i, text] of texts.entries()) {
      const checked = this.services.checkDocument(text);
      const field = ['input', 'documents', String(i)];
      if ('refusal' in checked) return userFailure(checked.refusal, checked.message, field);
      if (budget > 0 && checked.cost > budget) {
        return userFailure('DOCUMENT_TOO_COSTLY', `This document costs ${checked.cost}, more than the partner's keys' budget of ${budget} can pay.`, field);
      }
      documents.push({ hash: sha256(text), document: text, cost: checked.cost });
    }
    await insertDocuments(this.services.sql, partnerId, documents, this.scope.clock());
    return { documentIds: documents.map((document) => `sha256:${document.hash}`) };
  }

  /** A page of partners, oldest first (`first` checked as a page size). */
  async partners(first: number | null | undefined, after: string | null | undefined): Promise<Connection<PartnerRow>> {
    requireAdmin(this.scope.viewer);
    const size = pageSize(first);
    const afterId = after ? decodeCursor(after, ['integer'] as const)[0] : null;
    return toConnection(await partnersAfter(this.services.sql, afterId, size + 1), size, (row) => encodeCursor([row.id]));
  }

  /** The partner, for an admin; null for anyone else (node(id)). */
  async partner(id: number): Promise<PartnerRow | null> {
    return this.scope.viewer?.role === 'ADMIN' ? ((await this.loaders.partnerById.load(id)) ?? null) : null;
  }

  /** The key's record, for an admin; null for anyone else (node(id)). */
  async apiKey(id: number): Promise<ApiKeyRow | null> {
    return this.scope.viewer?.role === 'ADMIN' ? ((await this.loaders.keyById.load(id)) ?? null) : null;
  }

  async existingPartner(id: number): Promise<PartnerRow> {
    return (await this.loaders.partnerById.load(id))!;
  }

  apiKeysOf(partner: PartnerRow): Promise<ApiKeyRow[]> {
    return this.loaders.keysByPartnerId.load(partner.id);
  }

  /** The partner's use over the last `days` UTC days, today included (1 to 90). */
  async usageOf(partner: PartnerRow, days: number): Promise<UsageRow[]> {
    if (!(days >= USAGE_DAYS.min && days <= USAGE_DAYS.max)) throw badUserInput(`days must be ${USAGE_DAYS.min} to ${USAGE_DAYS.max}, got ${days}.`, 'days');
    const from = new Date(this.scope.clock().getTime() - (days - 1) * DAY_MS).toISOString().slice(0, 10);
    return usageOfPartners(this.services.sql, [partner.id], from);
  }

  private get loaders() {
    return (this.requestLoaders ??= createPartnerLoaders(this.services.sql));
  }
}
