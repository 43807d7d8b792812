/** What the partner tests share: a partner and its key made by an admin through the API, as PARTNERS.md says. */
import { expect } from 'vitest';

import type { TestServer } from '../support/server.js';

export const CREATE_PARTNER = `mutation ($input: CreatePartnerInput!) { createPartner(input: $input) { partner { id } userErrors { code } } }`;
export const CREATE_KEY = `mutation ($input: CreatePartnerApiKeyInput!) {
  createPartnerApiKey(input: $input) { secret apiKey { id costBudget costRestorePerSecond } userErrors { code message field } }
}`;

/** A new partner, made by `adminToken`, with a READ key (`keyInput` over that): the partner's ID, the key, and the key's ID. */
export async function partnerWithKey(
  server: TestServer,
  adminToken: string,
  name: string,
  keyInput: Record<string, unknown> = {},
): Promise<{ partnerId: string; key: string; keyId: string }> {
  const created = await server.graphql(CREATE_PARTNER, { input: { name, contactEmail: 'dev@partner.example' } }, adminToken);
  expect(created.data.createPartner.userErrors).toEqual([]);
  const partnerId = created.data.createPartner.partner.id;
  const { data } = await server.graphql(CREATE_KEY, { input: { partnerId, name: 'shop', scopes: ['READ'], ...keyInput } }, adminToken);
  expect(data.createPartnerApiKey.userErrors).toEqual([]);
  return { partnerId, key: data.createPartnerApiKey.secret, keyId: data.createPartnerApiKey.apiKey.id };
}
