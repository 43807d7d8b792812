/**
 * Trusted (persisted) documents: the operations first-party and partner clients are built with,
 * compiled by `npm run codegen` (GraphQL Code Generator's client preset) into manifests that map
 * `sha256:<hex>` to the document. The server loads them at start; persisted-queries.ts reads them
 * before the APQ store, so a client sends a manifest document by hash (APQ's `sha256Hash` or
 * `documentId`) without ever registering it, on every process at once.
 *
 * Which requests may run only these (and partners' registered documents) is partners/documents.ts's
 * policy (TRUSTED_DOCUMENTS); http.ts asks it before Apollo parses anything.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { GraphQLError } from 'graphql';

/** Public code of a document refused because no manifest holds it. */
export const PERSISTED_QUERY_NOT_IN_LIST = 'PERSISTED_QUERY_NOT_IN_LIST';

/** The manifests the server trusts: the one published to partners (PARTNERS.md), and the fan web app's. */
const MANIFESTS = ['../clients/partner/generated/', '../web/src/generated/'].map((folder) =>
  fileURLToPath(new URL(`${folder}persisted-documents.json`, import.meta.url)),
);

const MANIFEST_KEY = /^sha256:([0-9a-f]{64})$/;

/** The lower-case hex SHA-256 of a document's text: its ID without `sha256:`. */
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Documents by the lower-case hex SHA-256 of their text, read-only once loaded. */
export type TrustedDocuments = ReadonlyMap<string, string>;

/**
 * Reads the manifests; throws (and the server does not start) on a key that is not `sha256:<hex>` or
 * not the hash of its document, since such an entry would answer a hash with another document.
 */
export function loadTrustedDocuments(paths: readonly string[] = MANIFESTS): TrustedDocuments {
  const documents = new Map<string, string>();
  for (const path of paths) {
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    for (const [key, document] of Object.entries(manifest)) {
      const hash = MANIFEST_KEY.exec(key)?.[1];
      if (!hash || typeof document !== 'string' || sha256(document) !== hash)
        throw new Error(`${path}: ${key} is not "sha256:" and the SHA-256 of its document; run \`npm run codegen\`.`);
      documents.set(hash, document);
    }
  }
  return documents;
}

/**
 * The refusal of a request whose document no manifest holds, for TRUSTED_DOCUMENTS=all; undefined when
 * it may run. `query` and `hash` are the request's document and APQ hash (documentId already rewritten
 * into it), either or both. A full document is judged by its own hash, never by the one sent beside it.
 */
export function notInList(trusted: TrustedDocuments, query: string | undefined, hash: string | undefined): GraphQLError | undefined {
  if (query !== undefined ? trusted.has(sha256(query)) : hash !== undefined && trusted.has(hash)) return undefined;
  return new GraphQLError('Only the operations of a published manifest run on this server; send one by its documentId (see PARTNERS.md).', {
    extensions: { code: PERSISTED_QUERY_NOT_IN_LIST },
  });
}
