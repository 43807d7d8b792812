/**
 * What the fan web app costs a browser (issue 21), in headless Chromium against an API process started like
 * `npm start`, on a 20,000-seat arena event:
 * - JavaScript shipped for the first page (`/`), gzipped, against React and ReactDOM alone (their production
 *   builds, gzipped): the floor of any React app;
 * - time from navigation to the seat map's first full draw (`performance.mark('seat-map-drawn')`), each run in a
 *   fresh profile, against the time the same page takes to fetch the map's data alone (the same request, again);
 * - frame times while panning the map with the mouse: each frame's interval (60 Hz is 16.7 ms; a frame the
 *   drawing made late shows as 33) and the work of its requestAnimationFrame callbacks, against the same page's
 *   frames with the pointer moving and nothing to pan (the idle floor);
 * - the cost of applying a live delta: 10 fans hold 10 seats each at once, and the app measures each delta it
 *   applies (`performance.measure('seat-map-delta', { detail: { changes } })`).
 *
 * Run:  npm run bench:web   (DATABASE_URL: on that server; otherwise an embedded PostgreSQL)
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { type Browser, chromium, type Page } from 'playwright-core';
import postgres from 'postgres';

import { runCommand } from '../src/command.js';
import { createBuyers } from '../test/support/booking.js';
import { CHROMIUM_ARGS, chromiumPath } from '../test/support/browser.js';
import { TEST_SECRETS } from '../test/support/server.js';
import { startServerProcess } from '../test/support/server-process.js';
import { createArenaEvent } from './support/arena.js';
import { Cleanups } from './support/cleanups.js';
import { readFlags } from './support/cli.js';
import { openBenchDatabase } from './support/database.js';
import { machine, writeResults } from './support/report.js';
import { round, spread } from './support/stats.js';

const FLAGS = {
  runs: { default: 5, description: 'page loads timed to the first seat-map draw, each in a fresh profile' },
  moves: { default: 2000, description: 'pointer moves of the pan (and as many with nothing to pan)' },
};
const ABOUT = 'Measures the web app in headless Chromium: JavaScript shipped, first seat-map draw, frame times while panning, delta apply cost.';

const RESERVE = `mutation ($input: ReserveSeatsInput!) { reserveSeats(input: $input) { hold { id } userErrors { code message } } }`;

/** What the in-page functions below record; this file is typed for Node, so the page's globals are declared here. */
interface FrameLog {
  intervals: number[];
  work: number[];
}
declare const window: { requestAnimationFrame(callback: (time: number) => void): number; frameLog?: FrameLog };

const require = createRequire(import.meta.url);
const gzippedSize = (bytes: Buffer) => gzipSync(bytes).length;

/** React and ReactDOM's production builds, gzipped: what any React app ships at least. */
function reactFloorBytes(): number {
  const file = (name: string, inPackage: string) => readFileSync(path.join(path.dirname(require.resolve(`${name}/package.json`)), inPackage));
  return gzippedSize(file('react', 'umd/react.production.min.js')) + gzippedSize(file('react-dom', 'umd/react-dom.production.min.js'));
}

/** Scripts the page at `url` loads until the network is idle, each gzipped, in bytes. */
async function scriptsShipped(browser: Browser, url: string): Promise<{ files: number; gzipBytes: number }> {
  const page = await browser.newPage();
  const sizes: Promise<number>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') sizes.push(response.body().then(gzippedSize));
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  const gzipBytes = (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0);
  await page.close();
  return { files: sizes.length, gzipBytes };
}

const drawn = (page: Page) => page.waitForFunction(() => performance.getEntriesByName('seat-map-drawn').length > 0, undefined, { timeout: 60_000 });

/** Navigation to the first full draw, in a fresh profile; and the same page fetching the map's data alone. */
async function firstDraw(browser: Browser, url: string): Promise<{ drawnMs: number; dataMs: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  let largest = { url: '', bytes: -1 };
  page.on('response', async (response) => {
    if (!response.url().includes('/graphql')) return;
    const bytes = (await response.body().catch(() => Buffer.alloc(0))).length;
    if (bytes > largest.bytes) largest = { url: response.url(), bytes };
  });
  await page.goto(url);
  await drawn(page);
  const drawnMs = await page.evaluate(() => performance.getEntriesByName('seat-map-drawn')[0]!.startTime);
  const dataMs = await page.evaluate(async (request) => {
    const started = performance.now();
    const response = await fetch(request, { cache: 'no-store', headers: { 'apollo-require-preflight': 'true' } } as RequestInit);
    await response.json();
    return performance.now() - started;
  }, largest.url);
  await context.close();
  return { drawnMs, dataMs };
}

/**
 * Frames while the pointer sweeps the canvas in `moves` steps as fast as the browser takes them (it folds the
 * moves of a frame into one): with the button down (a pan, each frame a redraw) or up (nothing to redraw). A
 * requestAnimationFrame loop keeps frames coming meanwhile; each frame's interval shows whether the drawing kept up
 * with the display's 60 Hz, and the work of its callbacks what the app's drawing took.
 */
async function framesWhileMoving(page: Page, moves: number, pan: boolean): Promise<FrameLog> {
  // The map sits below the event's details: in view, or the pointer would move over the page instead.
  await page.locator('canvas').first().scrollIntoViewIfNeeded();
  const canvas = await page.locator('canvas').first().boundingBox();
  if (!canvas) throw new Error('The seat map has no canvas.');
  const [x, y] = [canvas.x + canvas.width / 2, canvas.y + canvas.height / 2];
  await page.mouse.move(x, y);
  if (pan) await page.mouse.down();
  // As text: tsx would wrap a named function in a helper the page does not have.
  await page.evaluate(`window.frameLog = { intervals: [], work: [] };
    const tick = () => window.frameLog && requestAnimationFrame(tick);
    requestAnimationFrame(tick);`);
  for (let i = 0; i < moves; i++) {
    const angle = (i / moves) * 4 * Math.PI;
    await page.mouse.move(x + Math.cos(angle) * canvas.width * 0.25, y + Math.sin(angle) * canvas.height * 0.25);
  }
  if (pan) await page.mouse.up();
  return page.evaluate(() => {
    const log = window.frameLog!;
    window.frameLog = undefined;
    return log;
  });
}

/** Times every requestAnimationFrame callback and the interval between frames, from before the app's first script. */
function instrumentFrames() {
  const original = window.requestAnimationFrame.bind(window);
  /** The time of the frame being run, while a log is kept, and what its callbacks have taken so far. */
  let frame: number | undefined;
  let work = 0;
  window.requestAnimationFrame = (callback: (time: number) => void) =>
    original((time: number) => {
      const log = window.frameLog;
      if (!log) frame = undefined;
      else if (frame !== time) {
        if (frame !== undefined) {
          log.intervals.push(time - frame);
          log.work.push(work);
        }
        frame = time;
        work = 0;
      }
      const started = performance.now();
      callback(time);
      work += performance.now() - started;
    });
}

async function main(): Promise<number> {
  const flags = readFlags('npm run bench:web', ABOUT, FLAGS);
  if (!flags) return 0;
  if (!chromiumPath) throw new Error('No `chromium` on PATH (on Debian: apt-get install chromium).');
  const cleanups = new Cleanups();
  try {
    const database = await openBenchDatabase('web', cleanups);
    const server = await startServerProcess({ DATABASE_URL: database.url, ...TEST_SECRETS });
    cleanups.add(() => server.stop());
    const sql = postgres(database.url, { max: 2, onnotice: () => {} });
    cleanups.add(() => sql.end());
    const [organizer] = await createBuyers(sql, 1, 'ORGANIZER');
    const arena = await createArenaEvent(sql, organizer!.userId, { holdTtlSeconds: 600, ticketLimit: 10 });
    const eventUrl = `${server.url}/events/${arena.id}`;
    const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
    cleanups.add(() => browser.close());

    const shipped = await scriptsShipped(browser, `${server.url}/`);
    const floor = reactFloorBytes();

    const loads = [];
    for (let run = 0; run < flags.runs; run++) loads.push(await firstDraw(browser, eventUrl));

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(instrumentFrames);
    const page = await context.newPage();
    await page.goto(eventUrl);
    await drawn(page);
    const idle = await framesWhileMoving(page, flags.moves, false);
    const panning = await framesWhileMoving(page, flags.moves, true);

    // 100 changes at once: 10 fans each hold 10 seats of one section, together.
    const buyers = await createBuyers(sql, 10);
    const section = arena.sections.find((candidate) => candidate.kind === 'RESERVED' && candidate.tickets.length >= 100)!;
    await Promise.all(
      buyers.map(async (buyer, i) => {
        const ticketIds = section.tickets.slice(i * 10, i * 10 + 10).map((ticket) => ticket.id);
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${buyer.token}` },
          body: JSON.stringify({ query: RESERVE, variables: { input: { eventId: arena.id, ticketIds } } }),
        });
        const { data } = (await response.json()) as any;
        if (!data?.reserveSeats?.hold) throw new Error(`A hold failed: ${JSON.stringify(data)}`);
      }),
    );
    const deltas = await page
      .waitForFunction(
        () => {
          const measures = performance.getEntriesByName('seat-map-delta') as unknown as { detail: { changes: number }; duration: number }[];
          const deltas = measures.map((measure) => ({ changes: measure.detail.changes, ms: measure.duration }));
          return deltas.reduce((sum, delta) => sum + delta.changes, 0) >= 100 && deltas;
        },
        undefined,
        { timeout: 10_000 },
      )
      .then((handle) => handle.jsonValue() as Promise<{ changes: number; ms: number }[]>);

    const drawnMs = spread(loads.map((load) => load.drawnMs));
    const dataMs = spread(loads.map((load) => load.dataMs));
    const result = {
      at: new Date().toISOString(),
      machine: machine(),
      postgres: database.postgres,
      chromium: browser.version(),
      firstPageJavaScript: { ...shipped, kib: round(shipped.gzipBytes / 1024), reactFloorKiB: round(floor / 1024), ratio: round(shipped.gzipBytes / floor, 2) },
      firstSeatMapDraw: { seats: arena.ticketCount, drawnMs, dataAloneMs: dataMs, ratio: round(drawnMs.p50 / dataMs.p50, 2) },
      panning: {
        frameIntervalMs: spread(panning.intervals),
        frameWorkMs: spread(panning.work),
        idleFrameIntervalMs: spread(idle.intervals),
        idleFrameWorkMs: spread(idle.work),
        ratio: round(spread(panning.intervals).p95 / spread(idle.intervals).p95, 2),
      },
      deltas: deltas.map((delta) => ({ changes: delta.changes, ms: round(delta.ms, 2) })),
    };
    console.log(JSON.stringify(result, null, 2));
    console.log(`results: ${await writeResults('web', result)}`);
    return 0;
  } finally {
    await cleanups.run();
  }
}

runCommand(main);
