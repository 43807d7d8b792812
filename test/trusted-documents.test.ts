/**
 * Trusted documents: the partner manifest's documents served by hash (APQ's extension and
 * `documentId`, POST and GET) with no registration; TRUSTED_DOCUMENTS=all refusing any other
 * document before it runs (off as the control); the checked-in manifest true to its hashes, and a
 * manifest that is not refused at start.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadTrustedDocuments } from '../src/trusted-documents.js';
import { useTestServer } from './support/fixture.js';
import { codeOf, get, postJson, sha256 } from './support/persisted-requests.js';

/** Both manifests the server trusts: the partner manifest, and the fan web app's. */
const manifest = Object.assign(
  {},
  ...['../clients/partner/generated/', '../web/src/generated/'].map((folder) =>
    JSON.parse(readFileSync(new URL(`${folder}persisted-documents.json`, import.meta.url), 'utf8')),
  ),
) as Record<string, string>;

/** The manifest's documentId of the operation with this name. */
function documentIdOf(operation: string): string {
  const entry = Object.entries(manifest).find(([, document]) => new RegExp(`\\b(query|mutation|subscription) ${operation}\\b`).test(document));
  if (!entry) throw new Error(`${operation} is not in the manifest`);
  return entry[0];
}

const apq = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

const AD_HOC = '{ events(first: 1) { edges { node { title } } } }';

describe('trusted documents', () => {
  const { server, startServer } = useTestServer({ events: 2 });

  it('serves the manifest’s documents by hash with no registration, over POST and GET', async () => {
    const events = documentIdOf('PartnerEvents');
    const byApq = await postJson(server.url, { variables: { first: 2 }, extensions: apq(events.slice('sha256:'.length)) });
    expect(byApq.body.errors).toBeUndefined();
    expect(byApq.body.data.events.edges).toHaveLength(2);
    const byPost = await postJson(server.url, { documentId: events, variables: { first: 2 } });
    expect(byPost.body).toEqual(byApq.body);
    const byGet = await get(server.url, { documentId: events, variables: JSON.stringify({ first: 2 }) });
    expect(byGet.body).toEqual(byApq.body);
    expect(byGet.headers.get('cache-control')).toBe('max-age=30, public');

    const eventId = byGet.body.data.events.edges[0].node.id as string;
    const event = await get(server.url, { documentId: documentIdOf('PartnerEvent'), variables: JSON.stringify({ id: eventId }) });
    expect(event.body.data.event).toMatchObject({ id: eventId, title: expect.any(String) });
    const seatMap = await get(server.url, { documentId: documentIdOf('PartnerSeatMap'), variables: JSON.stringify({ eventId }) });
    expect(seatMap.body.errors).toBeUndefined();
    expect(seatMap.body.data.seatMap.version).toEqual(expect.any(Number));
    const search = await get(server.url, { documentId: documentIdOf('PartnerSearchEvents'), variables: JSON.stringify({ first: 1 }) });
    expect(search.body.errors).toBeUndefined();

    // The control: a hash in no manifest and never registered is not found.
    expect(codeOf(await postJson(server.url, { documentId: `sha256:${sha256(AD_HOC)}` }))).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('with TRUSTED_DOCUMENTS=all refuses any document not in a manifest, and serves the manifest’s', async () => {
    const strict = await startServer({ env: { TRUSTED_DOCUMENTS: 'all' } });
    const adHoc = await postJson(strict.url, { query: AD_HOC });
    expect(adHoc.status).toBe(400);
    expect(codeOf(adHoc)).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    expect(codeOf(await get(strict.url, { query: AD_HOC }))).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    // Nor can it be registered by APQ and then sent by hash.
    expect(codeOf(await postJson(strict.url, { query: AD_HOC, extensions: apq(sha256(AD_HOC)) }))).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    expect(codeOf(await postJson(strict.url, { extensions: apq(sha256(AD_HOC)) }))).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    // An ad-hoc document sent beside a manifest hash is judged by its own hash.
    const events = documentIdOf('PartnerEvents');
    expect(codeOf(await postJson(strict.url, { query: AD_HOC, extensions: apq(events.slice('sha256:'.length)) }))).toBe('PERSISTED_QUERY_NOT_IN_LIST');

    const byId = await get(strict.url, { documentId: events, variables: JSON.stringify({ first: 1 }) });
    expect(byId.status).toBe(200);
    expect(byId.body.data.events.edges).toHaveLength(1);
    // A manifest document sent in full is in the list too.
    const inFull = await postJson(strict.url, { query: manifest[events], variables: { first: 1 } });
    expect(inFull.body).toEqual(byId.body);

    // The fan web app's operations are trusted too: a query, and a mutation by POST.
    expect((await get(strict.url, { documentId: documentIdOf('WebEvents'), variables: JSON.stringify({ first: 1 }) })).body.data.events.edges).toHaveLength(1);
    const logIn = await postJson(strict.url, {
      documentId: documentIdOf('WebLogIn'),
      variables: { input: { email: 'nobody@example.test', password: 'wrong-password' } },
    });
    expect(logIn.body.data.logIn.userErrors[0].code).toBe('INVALID_CREDENTIALS');

    // The control: the default (partners, without a key) runs the same ad-hoc document.
    const open = await postJson(server.url, { query: AD_HOC });
    expect(open.status).toBe(200);
    expect(open.body.data.events.edges).toHaveLength(1);
  });

  it('ships a manifest whose keys are the SHA-256 of their documents, with every partner operation', () => {
    for (const [key, document] of Object.entries(manifest)) expect(key).toBe(`sha256:${sha256(document)}`);
    for (const operation of ['PartnerEvent', 'PartnerEvents', 'PartnerSearchEvents', 'PartnerSeatMap', 'PartnerSeatMapChanged'])
      expect(documentIdOf(operation)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(loadTrustedDocuments().size).toBe(Object.keys(manifest).length);
  });

  it('refuses to start on a manifest entry whose hash is not its document’s', () => {
    const [key, document] = Object.entries(manifest)[0]!;
    const path = join(mkdtempSync(join(tmpdir(), 'manifest-')), 'persisted-documents.json');
    writeFileSync(path, JSON.stringify({ [key]: `${document} ` }));
    expect(() => loadTrustedDocuments([path])).toThrow(/is not "sha256:" and the SHA-256 of its document/);
    // The control: the same entry unchanged loads.
    writeFileSync(path, JSON.stringify({ [key]: document }));
    expect(loadTrustedDocuments([path]).get(key.slice('sha256:'.length))).toBe(document);
  });
});
