/**
 * GraphiQL for browsers at GET /graphql, served from this package's own
 * dependencies. Apollo's default landing page loads Apollo Sandbox from a CDN
 * and reports usage to Apollo: with no internet it is a blank page, and it
 * tells a third party about every visit. This one needs nothing but the API
 * itself, and its version is pinned by the lockfile like any other dependency.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';

import { IMMUTABLE, sendAsset, type StaticAsset } from './static-asset.js';

/** Answers `req` when it is the explorer's; false leaves it to the next route. */
export type ExplorerRoute = (req: IncomingMessage, res: ServerResponse, pathname: string, search: string) => boolean;

const require = createRequire(import.meta.url);

/** The first operation a new visitor sees: it runs as it is against the demo catalog. */
const DEFAULT_QUERY = `# Run with Ctrl-Enter (⌘-Enter on a Mac) or ▶.
# To act as a user, get a token from the logIn
# mutation and set it in Headers below:
# { "authorization": "Bearer <token>" }
# Subscriptions run over WebSocket and send it too.
{
  events(first: 3) {
    edges {
      node {
        id
        title
        startsAt
        venue { name city }
        priceRange { min { amount currency } max { amount currency } }
      }
    }
  }
}
`;

export function createExplorer(): ExplorerRoute {
  const assets = new Map<string, StaticAsset>();
  /** Reads one file of an installed package and gives the URL it is served at. */
  const asset = (name: string, file: string, extension: string, contentType: string) => {
    const manifest = require.resolve(`${name}/package.json`);
    const { version } = require(manifest) as { version: string };
    const url = `/explorer/${name}@${version}${extension}`;
    assets.set(url, { contentType, body: readFileSync(path.join(path.dirname(manifest), file)) });
    return url;
  };
  const javascript = 'text/javascript; charset=utf-8';
  const page = explorerPage({
    stylesheet: asset('graphiql', 'dist/style.css', '.css', 'text/css; charset=utf-8'),
    scripts: [
      asset('react', 'umd/react.production.min.js', '.js', javascript),
      asset('react-dom', 'umd/react-dom.production.min.js', '.js', javascript),
      // Bundles graphql and graphql-ws, which its fetcher uses for subscriptions.
      asset('graphiql', 'dist/index.umd.js', '.js', javascript),
    ],
  });

  return (req, res, pathname, search) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (pathname === '/graphql') {
      // GET /graphql?query=... is a GraphQL request even from a browser.
      if (!/\btext\/html\b/.test(req.headers.accept ?? '') || new URLSearchParams(search).has('query')) return false;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', vary: 'accept' });
      res.end(page);
      return true;
    }
    const file = assets.get(pathname);
    if (!file) return false;
    // The versions are in the URLs.
    sendAsset(req, res, file, 200, { 'cache-control': IMMUTABLE });
    return true;
  };
}

/** The page: only same-origin files, and the WebSocket on the same host as the page. */
function explorerPage(files: { stylesheet: string; scripts: string[] }): string {
  const props = { defaultQuery: DEFAULT_QUERY, defaultHeaders: '{}', shouldPersistHeaders: false, defaultEditorToolsVisibility: 'headers' };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ticketing API explorer</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${files.stylesheet}">
<style>html, body, #explorer { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="explorer"></div>
${files.scripts.map((src) => `<script src="${src}"></script>`).join('\n')}
<script>
const url = new URL('/graphql', location.href);
const subscriptionUrl = new URL(url);
subscriptionUrl.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
const send = GraphiQL.createFetcher({ url: url.href, subscriptionUrl: subscriptionUrl.href });
// Subscriptions get the headers as connectionParams, where the API reads a lower-case "authorization".
const lowerCased = (headers) => Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
const fetcher = (params, options) => send(params, { ...options, headers: lowerCased(options?.headers) });
const props = ${JSON.stringify(props).replace(/</g, '\\u003c')};
ReactDOM.createRoot(document.getElementById('explorer')).render(React.createElement(GraphiQL, { fetcher, ...props }));
</script>
</body>
</html>
`;
}
