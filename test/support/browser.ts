/**
 * Debian's Chromium, driven by playwright-core (which never downloads a browser), for tests of what runs in
 * a browser: the explorer and the web app. A file's browser is launched before its tests and closed after;
 * each `open` is a fresh profile (a fan of its own: no storage shared with another) that may reach only the
 * test server, and records any request that tried to go elsewhere. When a test fails, every page it opened
 * is saved as a PNG under test-results/ (git-ignored; CI keeps it as an artifact).
 *
 * Where there is no `chromium` on PATH, `describeInBrowser` skips its tests and says why, once per file.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';

function findChromium(): string | undefined {
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export const chromiumPath = findChromium();

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // A proxy nothing listens on: whatever escapes page routing (the browser's own traffic) has nowhere to go.
  // Loopback, where the test server is, always bypasses proxies.
  '--proxy-server=127.0.0.1:9',
];

/** Where failed tests' screenshots go. */
export const SCREENSHOTS = path.resolve('test-results');

/** `describe`, skipped with a printed reason where there is no Chromium. */
export function describeInBrowser(name: string, body: () => void) {
  if (!chromiumPath) console.warn(`"${name}" skipped: no \`chromium\` on PATH (on Debian: apt-get install chromium).`);
  describe.skipIf(!chromiumPath)(name, body);
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Requests the page tried to send to another origin (each refused). */
  foreign: string[];
  /** Uncaught errors of the page's scripts. */
  errors: string[];
}

export interface OpenOptions extends BrowserContextOptions {
  /** Logged in to the web app with this session token (put where the app keeps it: localStorage, web/src/session.tsx). */
  token?: string;
}

export interface BrowserFixture {
  /** A fresh profile's page at `url`, allowed to reach `url`'s origin only. */
  open(url: string, options?: OpenOptions): Promise<OpenedPage>;
}

/** A profile whose web app session is `token`, on `origin`. */
function loggedIn(origin: string, token: string): BrowserContextOptions['storageState'] {
  const session = { token, expiresAt: new Date(Date.now() + 86_400_000).toISOString() };
  return { cookies: [], origins: [{ origin, localStorage: [{ name: 'ticketing.session', value: JSON.stringify(session) }] }] };
}

/** The file's browser (call in a `describeInBrowser` block); contexts opened by a test are closed after it. */
export function useBrowser(): BrowserFixture {
  let browser: Browser;
  let opened: { name: string; page: Page; context: BrowserContext }[] = [];
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      const folder = path.join(SCREENSHOTS, path.basename(task.file.name, '.ts'));
      mkdirSync(folder, { recursive: true });
      const slug = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80);
      await Promise.all(opened.map(({ name, page }) => page.screenshot({ path: path.join(folder, `${slug}-${name}.png`), fullPage: true }).catch(() => {})));
    }
    await Promise.all(opened.map(({ context }) => context.close()));
    opened = [];
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async open(url, { token, ...options } = {}) {
      const origin = new URL(url).origin;
      const foreign: string[] = [];
      const errors: string[] = [];
      const context = await browser.newContext({ ...options, ...(token && { storageState: loggedIn(origin, token) }) });
      await context.route('**/*', async (route) => {
        const target = route.request().url();
        if (new URL(target).origin === origin) return route.continue();
        foreign.push(target);
        await route.abort('blockedbyclient');
      });
      const page = await context.newPage();
      page.on('pageerror', (error) => errors.push(error.message));
      opened.push({ name: `page${opened.length + 1}`, page, context });
      await page.goto(url);
      return { context, page, foreign, errors };
    },
  };
}
