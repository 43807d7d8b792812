/**
 * The fan web app's build (`npm run build:web`, run on install: web/dist, which the API serves at `/`) and its
 * dev server (`npm run dev`: Vite on http://127.0.0.1:5173 with hot reload, passing /graphql, WebSockets
 * included, to the API at API_URL, default http://127.0.0.1:4000, started with `npm start`).
 */
import { fileURLToPath } from 'node:url';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.API_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Hashed file names under /assets/: the API serves them as immutable (src/web-app.ts).
    assetsDir: 'assets',
    // No inline scripts or data: URLs for scripts, so the Content-Security-Policy can say script-src 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: { host: '127.0.0.1', proxy: { '/graphql': { target: api, ws: true } } },
});
