/**
 * The fan web app (web/), built by `npm run build:web` (run on install) into web/dist and served from
 * memory: its hashed files under /assets/ as immutable, and index.html, never cached, for the app's
 * pages (`/`, `/events/<id>`, `/me`, `/organizer`; any other page a browser asks for gets it too, with
 * 404, and the app says so). Every page carries a Content-Security-Policy that allows only this origin:
 * the app needs no CDN, and an injected script or style from elsewhere does not run.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { IMMUTABLE, sendAsset, type StaticAsset } from './static-asset.js';

/** Answers `req` when it is the web app's; false leaves it to the next route. */
export type WebAppRoute = (req: IncomingMessage, res: ServerResponse, pathname: string) => boolean;

/** Where `npm run build:web` writes the app. */
export const WEB_APP_DIST = fileURLToPath(new URL('../web/dist/', import.meta.url));

/**
 * Only this origin, for everything: scripts, styles, fetches and the WebSocket ('self' covers ws: and wss: on
 * the page's host); images also as data: URLs (the API sends ticket QR codes so). No framing, no plugins.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The pages the app draws; other paths get the app with 404, so a browser's wrong address still shows the site. */
const APP_PAGE = /^\/(?:$|events\/[^/]+$|me$|organizer$)/;

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

const PAGE_HEADERS = {
  'cache-control': 'no-cache',
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

/** The built app's route; undefined when it has not been built (the server then shows its plain home page). */
export function createWebApp(dist = WEB_APP_DIST): WebAppRoute | undefined {
  if (!existsSync(path.join(dist, 'index.html'))) return undefined;
  const page: StaticAsset = { contentType: 'text/html; charset=utf-8', body: readFileSync(path.join(dist, 'index.html')) };
  const assets = new Map<string, StaticAsset>();
  for (const file of readdirSync(path.join(dist, 'assets'))) {
    const contentType = CONTENT_TYPES[path.extname(file)];
    if (contentType) assets.set(`/assets/${file}`, { contentType, body: readFileSync(path.join(dist, 'assets', file)) });
  }

  return (req, res, pathname) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const asset = assets.get(pathname);
    if (asset) {
      sendAsset(req, res, asset, 200, { 'cache-control': IMMUTABLE, 'x-content-type-options': 'nosniff' });
      return true;
    }
    const isPage = APP_PAGE.test(pathname);
    if (!isPage && !/\btext\/html\b/.test(req.headers.accept ?? '')) return false;
    sendAsset(req, res, page, isPage ? 200 : 404, PAGE_HEADERS);
    return true;
  };
}
