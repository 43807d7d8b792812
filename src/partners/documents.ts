/**
 * Which documents may run, by who asks (TRUSTED_DOCUMENTS):
 * - `off`: any document, for anyone (development against ad-hoc queries);
 * - `partners` (the default): a request with a partner's API key runs only
 *   the published manifests' documents and those registered for its partner
 *   (registerPersistedDocuments); everyone else any document;
 * - `all`: as `partners`, and everyone else only the manifests' documents.
 * A partner sends a document by its ID (`documentId`, or Apollo's
 * `persistedQuery` hash): a registered one not in the manifests is put in
 * the request for Apollo to run. A full text is judged by its own hash; one
 * in no list answers PERSISTED_QUERY_REQUIRED (register it, then send its ID),
 * an ID in no list PERSISTED_QUERY_NOT_IN_LIST. http.ts asks before Apollo
 * parses anything, ws/endpoint.ts before it runs a subscribe message.
 */
import { GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';

import type { Sql } from '../db/client.js';
import { notInList, PERSISTED_QUERY_NOT_IN_LIST, sha256, type TrustedDocuments } from '../trusted-documents.js';
import type { PartnerCaller } from './gate.js';
import { partnerDocument } from './store.js';

export type TrustedDocumentsMode = 'off' | 'partners' | 'all';

/** Public code of a full document a partner's key may not send: it is to be registered, and sent by its ID. */
export const PERSISTED_QUERY_REQUIRED = 'PERSISTED_QUERY_REQUIRED';

/** What a request may run: refused (HTTP 400), or allowed, with the registered document its ID stands for when Apollo cannot know it. */
export type DocumentVerdict = { refusal: GraphQLError } | { query?: string };

/** The verdict on a request's document (its `query` text and APQ `hash`, either or both) for the partner whose key it carries, if any. */
export type DocumentPolicy = (partner: PartnerCaller | null, request: { query?: string; hash?: string }) => Promise<DocumentVerdict>;

/** Registered documents kept in memory at most, by partner and hash (a registered document never changes). */
const CACHED_DOCUMENTS = 10_000;

export function createDocumentPolicy({ mode, trusted, sql }: { mode: TrustedDocumentsMode; trusted: TrustedDocuments; sql: Sql }): DocumentPolicy {
  const registered = new LRUCache<string, string>({ max: CACHED_DOCUMENTS });

  async function registeredDocument(partnerId: number, hash: string): Promise<string | undefined> {
    const key = `${partnerId}:${hash}`;
    const cached = registered.get(key);
    if (cached !== undefined) return cached;
    const document = await partnerDocument(sql, partnerId, hash);
    if (document !== undefined) registered.set(key, document);
    return document;
  }

  return async (partner, { query, hash }) => {
    if (mode === 'off') return {};
    if (!partner) {
      const refusal = mode === 'all' ? notInList(trusted, query, hash) : undefined;
      return refusal ? { refusal } : {};
    }
    const id = query !== undefined ? sha256(query) : hash;
    if (id === undefined || trusted.has(id)) return {};
    const document = await registeredDocument(partner.partnerId, id);
    if (document !== undefined) return query !== undefined ? {} : { query: document };
    if (query !== undefined) {
      return {
        refusal: new GraphQLError('A partner key runs registered documents only: have this one registered, then send its documentId (see PARTNERS.md).', {
          extensions: { code: PERSISTED_QUERY_REQUIRED },
        }),
      };
    }
    return {
      refusal: new GraphQLError('No document of this ID is published or registered for your partner account.', {
        extensions: { code: PERSISTED_QUERY_NOT_IN_LIST },
      }),
    };
  };
}
