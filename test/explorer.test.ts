/**
 * What a browser finds over plain HTTP: the page at `/`, the SDL, and the
 * GraphiQL explorer with its files, all same-origin; none of it with the
 * explorer off. test/explorer-browser.test.ts runs the explorer in Chromium.
 */
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';

import { buildSchema, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';

import { useTestServer } from './support/fixture.js';

/** What Chromium sends when the address bar opens a page. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

/** Every src= and href= of an HTML page, as written. */
const referencesOf = (html: string) => [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((match) => match[1]!);

describe('the explorer and the pages around it', () => {
  const { database, server } = useTestServer({ events: 3, env: { WEB_APP: 'false' } });
  const { server: withoutExplorer } = useTestServer({ database, env: { GRAPHQL_EXPLORER: 'false', WEB_APP: 'false' } });

  it('answers / with a small page linking to the explorer, the SDL and the probes', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const links = referencesOf(await response.text());
    expect(links).toEqual(expect.arrayContaining(['/graphql', '/schema.graphql', '/healthz', '/readyz']));
    expect(links.every((link) => link.startsWith('/') || link.startsWith('data:'))).toBe(true);
  });

  it('serves the SDL with descriptions at /schema.graphql', async () => {
    const response = await fetch(`${server.url}/schema.graphql`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const schema = buildSchema(await response.text());
    const event = schema.getType('Event') as GraphQLObjectType;
    expect(event.description).toBe('A show at a venue on a date: a concert, a game, a play.');
    expect(event.getFields().onSaleAt!.description).toBe('When tickets go on sale; before this, nothing can be bought.');
    expect(schema.getSubscriptionType()?.getFields().seatMapChanged).toBeDefined();
  });

  it('gives a browser GraphiQL at /graphql, built only from files this server serves', async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('vary')).toBe('accept');
    const page = await response.text();
    expect(page).toContain('GraphiQL.createFetcher');

    const references = referencesOf(page);
    const files = references.filter((reference) => !reference.startsWith('data:'));
    expect(files).toHaveLength(4); // GraphiQL's stylesheet, React, ReactDOM, GraphiQL
    expect(page).not.toMatch(/\b(https?|wss?):\/\//); // no absolute URL anywhere, the inline script included
    const contentTypes: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
    for (const file of files) {
      expect(file).toMatch(/^\/explorer\/[a-z-]+@\d+\.\d+\.\d+\.(js|css)$/);
      const asset = await fetch(`${server.url}${file}`);
      expect(asset.status, file).toBe(200);
      expect(asset.headers.get('content-type'), file).toBe(contentTypes[file.slice(file.lastIndexOf('.'))]);
      expect(asset.headers.get('cache-control'), file).toBe('public, max-age=31536000, immutable');
      expect((await asset.arrayBuffer()).byteLength, file).toBeGreaterThan(1000);
    }
    // GraphiQL's stylesheet embeds its fonts; it must load nothing from elsewhere.
    const stylesheet = await (await fetch(`${server.url}${files.find((file) => file.endsWith('.css'))}`)).text();
    expect(stylesheet).not.toMatch(/@import|url\((?!["']?data:)/);
  });

  it('sends the files gzipped to clients that take gzip', async () => {
    const page = await (await fetch(`${server.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } })).text();
    const script = referencesOf(page).find((reference) => /graphiql@.*\.js$/.test(reference))!;
    const plain = Buffer.from(await (await fetch(`${server.url}${script}`, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer());
    // node:http rather than fetch, which would decompress before we could look.
    const zipped = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
      request(`${server.url}${script}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ encoding: response.headers['content-encoding'], body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });
    expect(zipped.encoding).toBe('gzip');
    expect(zipped.body.length).toBeLessThan(plain.length / 2);
    expect(gunzipSync(zipped.body).equals(plain)).toBe(true);
  });

  it('still answers GraphQL GETs and non-browser GETs at /graphql', async () => {
    const query = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      // Apollo's CSRF prevention wants a header no HTML form could send.
      headers: { accept: BROWSER_ACCEPT, 'apollo-require-preflight': 'true' },
    });
    expect(query.status).toBe(200);
    expect(await query.json()).toEqual({ data: { __typename: 'Query' } });
    const plain = await fetch(`${server.url}/graphql`, { headers: { accept: 'application/json' } });
    expect(plain.status).toBe(400);
    expect(plain.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('with GRAPHQL_EXPLORER=false serves neither the page nor its files, and / does not link to it', async () => {
    const page = await fetch(`${withoutExplorer.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await page.text()).not.toContain('GraphiQL');

    const files = referencesOf(await (await fetch(`${server.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } })).text()).filter((f) =>
      f.startsWith('/explorer/'),
    );
    for (const file of files) expect((await fetch(`${withoutExplorer.url}${file}`)).status, file).toBe(404);

    const home = await fetch(`${withoutExplorer.url}/`);
    expect(home.status).toBe(200);
    const links = referencesOf(await home.text());
    expect(links).toContain('/schema.graphql');
    expect(links).not.toContain('/graphql');
    expect((await fetch(`${withoutExplorer.url}/schema.graphql`)).status).toBe(200);
  });
});
