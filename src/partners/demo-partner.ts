/**
 * The demo database's partner: "Demo Partner" with one READ and BOOK key,
 * for walking through PARTNERS.md on a laptop. On the embedded default its
 * key is the published one below (as the demo accounts' passwords are);
 * anywhere else a new key is made and logged once, since a published key is
 * an open door.
 */
import type { Queryable } from '../db/client.js';
import { hashApiKey, newApiKey, SHOWN_LENGTH } from './api-key.js';
import { COST_BUDGET, COST_RESTORE_PER_SECOND, REQUESTS_PER_MINUTE } from './facade.js';
import { insertApiKey, insertPartner } from './store.js';

/** The demo partner's key on the embedded default (PARTNERS.md). */
export const DEMO_PARTNER_KEY = 'tkp_DemoPartnerKeyForLaptopsOnly202615JKjI';

/** Stores the demo partner and its key (the published one, or a new one); answers the key. */
export async function seedDemoPartner(sql: Queryable, keys: 'published' | 'generated', createdAt: Date): Promise<string> {
  const key = keys === 'published' ? DEMO_PARTNER_KEY : newApiKey();
  const partner = await insertPartner(sql, { name: 'Demo Partner', contactEmail: 'partner@demo.test', createdAt });
  await insertApiKey(sql, {
    partnerId: partner.id,
    name: 'demo key',
    prefix: key.slice(0, SHOWN_LENGTH),
    keyHash: hashApiKey(key),
    scopes: ['READ', 'BOOK'],
    requestsPerMinute: REQUESTS_PER_MINUTE.default,
    costBudget: COST_BUDGET.default,
    costRestorePerSecond: COST_RESTORE_PER_SECOND.default,
    createdAt,
  });
  return key;
}
