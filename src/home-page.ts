/**
 * The page at `/`, for whoever opens the API's address in a browser: what is
 * here and where, instead of a JSON 404. Self-contained, so it shows offline.
 */
export function homePage(options: { explorer: boolean; schema?: boolean }): string {
  // Shown only where src/web-app.ts does not serve `/`: turned off, or not built.
  const webApp = '<li>The fan web app is not served here: <code>WEB_APP=false</code>, or not built (<code>npm run build:web</code>, then start again)</li>\n';
  const explorer = options.explorer ? '<li><a href="/graphql">Explore the API</a> in GraphiQL</li>\n' : '';
  const schema = options.schema !== false ? '<li><a href="/schema.graphql">The schema</a> (SDL, with descriptions)</li>\n' : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ticketing API</title>
<link rel="icon" href="data:,">
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; color: #1f2328; }
  code { font-size: 0.9em; }
</style>
</head>
<body>
<h1>Ticketing API</h1>
<p>Events, live seat maps and tickets as one GraphQL API: POST queries and mutations to <code>/graphql</code>; subscriptions use graphql-ws on the same path.</p>
<ul>
${webApp}${explorer}${schema}<li>Probes: <a href="/healthz"><code>/healthz</code></a> (live), <a href="/readyz"><code>/readyz</code></a> (ready)</li>
</ul>
</body>
</html>
`;
}
