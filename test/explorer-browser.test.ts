/**
 * The explorer in a real browser with the network off: Debian's Chromium,
 * driven by playwright-core (which never downloads a browser), may reach only
 * the test server. GraphiQL must render, run the default query, send the
 * headers editor's token, and stream a subscription over graphql-ws, without
 * a single request elsewhere. Skipped, saying why, where there is no Chromium.
 */
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { type Buyer, createBuyers, createOnSaleEvent } from './support/booking.js';
import { RESERVE } from './support/booking-operations.js';
import { CHROMIUM_ARGS, chromiumPath, describeInBrowser } from './support/browser.js';
import { ANCHOR } from './support/catalog.js';
import { useTestServer } from './support/fixture.js';
import { manualClock } from './support/server.js';

const QUERY_EDITOR = '.graphiql-query-editor';
const HEADERS_EDITOR = '.graphiql-editor-tool .graphiql-editor:not(.hidden)';
const RESPONSE = '.graphiql-response';

/** The value of the first CodeMirror editor under `selector`, as GraphiQL holds it. */
const editorValue = (page: Page, selector: string) =>
  page.$eval(`${selector} .CodeMirror`, (element) => (element as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue());

const setEditorValue = (page: Page, selector: string, value: string) =>
  page.$eval(
    `${selector} .CodeMirror`,
    (element, text) => (element as unknown as { CodeMirror: { setValue(v: string): void } }).CodeMirror.setValue(text),
    value,
  );

/** Replaces the operation, and waits for GraphiQL to parse it: it runs what it last parsed, a moment after each change. */
async function setQuery(page: Page, text: string) {
  await setEditorValue(page, QUERY_EDITOR, text);
  const parsed = () =>
    page.$eval(`${QUERY_EDITOR} .CodeMirror`, (element) => {
      const editor = (element as unknown as { CodeMirror: { getValue(): string; documentAST: { loc?: { source: { body: string } } } | null } }).CodeMirror;
      return editor.documentAST?.loc?.source.body === editor.getValue();
    });
  await expect.poll(parsed, { interval: 20 }).toBe(true);
}

describeInBrowser('the explorer in Chromium with no network', () => {
  // Seeded events go on sale and start after ANCHOR; the browser sees the API at that time.
  const { database, server } = useTestServer({ events: 10, clock: manualClock(ANCHOR) });
  let browser: Browser;
  let buyer: Buyer;
  let organizerId: number;

  beforeAll(async () => {
    buyer = (await createBuyers(database.sql, 1))[0]!;
    organizerId = (await createBuyers(database.sql, 1, 'ORGANIZER'))[0]!.userId;
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close(); // and every page with it
  });

  /**
   * GraphiQL, loaded in a fresh profile (nothing remembered from another test),
   * with every request that is not to the test server refused and recorded.
   */
  async function openExplorer() {
    const origin = new URL(server.url).origin;
    const foreign: string[] = [];
    const sockets: string[] = [];
    const sentFrames: string[] = [];
    const errors: string[] = [];
    const context = await browser.newContext();
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) return route.continue();
      foreign.push(url);
      await route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('websocket', (socket) => {
      sockets.push(socket.url());
      socket.on('framesent', ({ payload }) => sentFrames.push(String(payload)));
    });
    await page.goto(`${server.url}/graphql`);
    expect(foreign, 'requests the page tried to send elsewhere').toEqual([]);
    await page.locator('.graphiql-container').waitFor({ timeout: 10_000 });
    await page.locator(`${QUERY_EDITOR} .CodeMirror`).waitFor({ timeout: 10_000 });
    return { context, page, foreign, sockets, sentFrames, errors };
  }

  /** Runs the query editor's operation and waits for a response that passes `check`. */
  async function run(page: Page, check: (response: string) => boolean): Promise<string> {
    await page.locator('.graphiql-execute-button').click();
    await expect.poll(() => editorValue(page, RESPONSE), { timeout: 10_000, interval: 50 }).toSatisfy(check);
    return editorValue(page, RESPONSE);
  }

  it('renders GraphiQL and runs its default query, all from the API server alone', async () => {
    const { context, page, foreign, errors } = await openExplorer();
    try {
      expect(await page.locator(`${QUERY_EDITOR} .CodeMirror`).isVisible()).toBe(true);
      expect(await page.locator(`${HEADERS_EDITOR} .CodeMirror`).isVisible()).toBe(true);
      const query = await editorValue(page, QUERY_EDITOR);
      expect(query).toContain('events(first: 3)');

      const expected = await server.graphql(query);
      expect(expected.errors).toBeUndefined();
      const titles: string[] = expected.data.events.edges.map((edge: { node: { title: string } }) => edge.node.title);
      expect(titles).toHaveLength(3);
      const response = await run(page, (text) => text.includes('"data"'));
      expect(JSON.parse(response)).toEqual({ data: expected.data });
      expect(response).toContain(titles[0]);

      // Loading the schema for the docs and autocompletion went to the server too.
      await page.locator('button[aria-label="Show Documentation Explorer"]').click();
      await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().waitFor();
      expect(errors).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("sends the headers editor's token, over HTTP and in the WebSocket's connectionParams, and streams a subscription", async () => {
    const { context, page, foreign, sockets, sentFrames, errors } = await openExplorer();
    try {
      const me = await server.graphql('{ me { email } }', {}, buyer.token);
      await setEditorValue(page, HEADERS_EDITOR, JSON.stringify({ Authorization: `Bearer ${buyer.token}` }));
      await setQuery(page, '{ me { email } }');
      const signedIn = await run(page, (text) => text.includes('"data"'));
      expect(JSON.parse(signedIn)).toEqual({ data: me.data });

      const event = await createOnSaleEvent(database.sql, organizerId, { rows: 1, seatsPerRow: 4 });
      const reserve = async (ticketIds: string[]) => {
        const { data } = await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds } }, buyer.token);
        expect(data.reserveSeats.userErrors).toEqual([]);
      };
      // Held before subscribing: sinceVersion 0 replays it, so the first delta shows the subscription is live.
      await reserve([event.seats[0]![0]!]);
      await setQuery(page, `subscription { seatMapChanged(eventId: "${event.id}", sinceVersion: 0) { previousVersion version changes { ticketId status } } }`);
      const first = await run(page, (text) => text.includes('"version": 1'));
      expect(JSON.parse(first)).toEqual({
        data: { seatMapChanged: { previousVersion: 0, version: 1, changes: [{ ticketId: event.seats[0]![0], status: 'HELD' }] } },
      });
      await reserve([event.seats[0]![1]!]);
      await expect
        .poll(async () => JSON.parse(await editorValue(page, RESPONSE)), { timeout: 10_000, interval: 50 })
        .toEqual({ data: { seatMapChanged: { previousVersion: 1, version: 2, changes: [{ ticketId: event.seats[0]![1], status: 'HELD' }] } } });

      const wsUrl = new URL(server.url);
      wsUrl.protocol = 'ws:';
      wsUrl.pathname = '/graphql';
      expect(sockets).toEqual([wsUrl.href]);
      const init = sentFrames.map((frame) => JSON.parse(frame)).find((message) => message.type === 'connection_init');
      expect(init.payload).toEqual({ authorization: `Bearer ${buyer.token}` });
      expect(errors).toEqual([]);
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
