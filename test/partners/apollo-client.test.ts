import { createHash } from 'node:crypto';

import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { print } from '@apollo/client/utilities';
import { beforeAll, describe, it } from 'vitest';

import { PartnerEventDocument } from '../../clients/partner/generated/graphql.js';
import { type Buyer, createBuyers, createOnSaleEvent, type OnSaleEvent } from '../support/booking.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestServer } from '../support/fixture.js';
import { manualClock } from '../support/server.js';

const CREATE_PARTNER = `mutation ($input: CreatePartnerInput!) { createPartner(input: $input) { partner { id } userErrors { code } } }`;
const CREATE_KEY = `mutation ($input: CreatePartnerApiKeyInput!) { createPartnerApiKey(input: $input) { secret userErrors { code } } }`;

describe('explore', () => {
  const clock = manualClock(ANCHOR);
  const { database, server } = useTestServer({ clock, redisUrl: process.env.REDIS_URL });
  let admin: Buyer;
  let event: OnSaleEvent;
  beforeAll(async () => {
    [admin] = (await createBuyers(database.sql, 1, 'ADMIN')) as [Buyer];
    const [organizer] = (await createBuyers(database.sql, 1, 'ORGANIZER')) as [Buyer];
    event = await createOnSaleEvent(database.sql, organizer.userId);
  });
  it('explores', async () => {
    const created = await server.graphql(CREATE_PARTNER, { input: { name: 'X', contactEmail: 'dev@partner.example' } }, admin.token);
    const partnerId = created.data.createPartner.partner.id;
    const key = (await server.graphql(CREATE_KEY, { input: { partnerId, name: 'shop', scopes: ['READ'] } }, admin.token)).data.createPartnerApiKey.secret;
    const log: any[] = [];
    const recording: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      log.push({
        method: init?.method,
        url: String(input),
        body: init?.body,
        headers: init?.headers,
        status: response.status,
        res: await response.clone().text(),
      });
      return response;
    };
    for (const mode of ['meta', 'meta-nocache'] as const) {
      const client = new ApolloClient({
        cache: new InMemoryCache(),
        link: new PersistedQueryLink({
          ...((mode as string) === 'print'
            ? {
                sha256: (text: string) => {
                  console.log('HASHING', text);
                  return createHash('sha256').update(text).digest('hex');
                },
              }
            : {
                generateHash: (doc: any) => {
                  console.log('META', doc.__meta__);
                  return doc.__meta__?.hash?.replace('sha256:', '');
                },
              }),
          useGETForHashedQueries: true,
        }).concat(new HttpLink({ uri: `${server.url}/graphql`, fetch: recording, headers: { 'x-api-key': key } })),
      });
      try {
        const r = await client.query({
          query: PartnerEventDocument,
          variables: { id: event.id },
          ...(mode === 'meta-nocache' ? { fetchPolicy: 'no-cache' as const } : {}),
        });
        console.log(mode, JSON.stringify(r));
      } catch (e) {
        console.log(mode, 'ERR', e);
      }
      console.log(JSON.stringify(log, null, 1));
      log.length = 0;
    }
    console.log(print(new InMemoryCache().transformDocument(PartnerEventDocument)));
  });
});
