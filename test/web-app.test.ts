/**
 * The fan web app over plain HTTP: its pages get index.html, never cached, with a Content-Security-Policy that
 * allows this origin only; its hashed files are immutable and gzipped; paths that are not pages stay the API's
 * JSON 404s; and without a build, or with WEB_APP=false, `/` is the API's plain page. The app itself runs in
 * Chromium in test/web/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { CONTENT_SECURITY_POLICY, createWebApp } from '../src/web-app.js';
import { useTestServer } from './support/fixture.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('the web app served by the API', () => {
  const { database, server } = useTestServer();
  const { server: withoutApp } = useTestServer({ database, env: { WEB_APP: 'false' } });

  it.each(['/', '/events/RXZlbnQ6MQ', '/me', '/organizer'])('answers the page %s with the app, never cached, same-origin only', async (page) => {
    const response = await fetch(`${server.url}${page}`, { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    const html = await response.text();
    expect(html).toContain('<div id="root"></div>');
    // Nothing inline for the policy to refuse, and nothing from another origin.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style/);
    expect(html).not.toMatch(/\b(?:src|href)="(?:https?:)?\/\//);
  });

  it('serves the hashed scripts and styles as immutable, gzipped when asked', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    const files = [...html.matchAll(/\b(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!);
    expect(files.some((file) => file.endsWith('.js'))).toBe(true);
    expect(files.some((file) => file.endsWith('.css'))).toBe(true);
    for (const file of files) {
      expect(file).toMatch(/^\/assets\/[\w-]+-[\w-]{8}\.(js|css)$/);
      const plain = await fetch(`${server.url}${file}`, { headers: { 'accept-encoding': 'identity' } });
      expect(plain.status, file).toBe(200);
      expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(plain.headers.get('content-type')).toBe(file.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8');
      const body = Buffer.from(await plain.arrayBuffer());
      // fetch() inflates a gzipped body: what it reads must be the file itself.
      const gzipped = await fetch(`${server.url}${file}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(gzipped.headers.get('content-encoding')).toBe('gzip');
      expect(Buffer.from(await gzipped.arrayBuffer())).toEqual(body);
    }
  });

  it('gives a browser the app with 404 for an address that is no page, and JSON 404s to everyone else', async () => {
    const page = await fetch(`${server.url}/no/such/page`, { headers: { accept: BROWSER_ACCEPT } });
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('<div id="root"></div>');
    const api = await fetch(`${server.url}/no/such/page`);
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: 'Nothing at /no/such/page; the API is at /graphql.' });
    expect((await fetch(`${server.url}/assets/missing-12345678.js`)).status).toBe(404);
    // A browser at /graphql still gets the explorer, not the app.
    expect(await (await fetch(`${server.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } })).text()).toContain('GraphiQL');
  });

  it('answers HEAD with the headers alone', async () => {
    const response = await fetch(`${server.url}/`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toBe('');
  });

  it('shows the API page at / with WEB_APP=false', async () => {
    const response = await fetch(`${withoutApp.url}/`, { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<h1>Ticketing API</h1>');
    expect(html).not.toContain('<div id="root">');
    expect((await fetch(`${withoutApp.url}/me`, { headers: { accept: BROWSER_ACCEPT } })).status).toBe(404);
  });
});

describe('createWebApp', () => {
  const empty = mkdtempSync(path.join(tmpdir(), 'web-dist-'));
  afterAll(() => rmSync(empty, { recursive: true, force: true }));

  it('is undefined where the app has not been built', () => {
    expect(createWebApp(empty)).toBeUndefined();
  });
});
