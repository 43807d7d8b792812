/**
 * Issue 21's walk, end to end on the demo catalog in Chromium: a fan logs in with the README's demo account,
 * finds the arena's headliner through a search with a typo, opens the 20,000-seat event and, with the keyboard
 * alone, picks a seat and reserves it, while a second fan watching the same section sees that seat turn
 * unavailable within a second, without reloading. The first fan pays with the succeeding test card and gets a
 * ticket with its QR code; the second finds the seat in neither the map nor the list view. Every request of both
 * pages names its operation by ID only, to this server only.
 */
import type { Page, Request } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';

import { DEMO_ACCOUNTS } from '../../src/accounts/demo-accounts.js';
import { seedDemoIfEmpty } from '../../src/db/seed/demo.js';
import { createLogger } from '../../src/logger.js';
import { toGlobalId } from '../../src/relay/global-id.js';
import { createBuyers } from '../support/booking.js';
import { describeInBrowser, useBrowser } from '../support/browser.js';
import { useTestServer } from '../support/fixture.js';

const fan = DEMO_ACCOUNTS.find((account) => account.role === 'FAN')!;

interface Arena {
  id: string;
  title: string;
  performer: string;
  section: string;
}

/** `word` with its second-to-last letter dropped: a typo the search forgives in a word this long. */
const typoOf = (word: string) => word.slice(0, -2) + word.slice(-1);

/** Presses Tab until the focused element's accessible name matches `name`, and gives that name: reachable by keyboard. */
async function tabTo(page: Page, name: RegExp, most = 60): Promise<string> {
  for (let presses = 0; presses < most; presses++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      return element?.getAttribute('aria-label') ?? element?.textContent?.trim() ?? '';
    });
    if (name.test(focused)) return focused;
  }
  throw new Error(`No control named ${name} within ${most} presses of Tab.`);
}

/** Requests that carried a document's text rather than its ID. */
const withText = (request: Request) =>
  request.url().includes('/graphql') && (/[?&]query=/.test(request.url()) || /"query":"[^"]/.test(request.postData() ?? ''));

/** Records what `page` sends with a document's text, over HTTP and in graphql-ws subscribe messages. */
function recordTextSent(page: Page, sent: string[]) {
  page.on('request', (request) => withText(request) && sent.push(request.url()));
  page.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => /"type":"subscribe"/.test(String(payload)) && /"query":"[^"]/.test(String(payload)) && sent.push(String(payload))),
  );
}

describeInBrowser('a fan from a search to a ticket while another watches the seat map, on the demo catalog', () => {
  const { database, server } = useTestServer();
  const browser = useBrowser();
  let arena: Arena;

  beforeAll(async () => {
    await seedDemoIfEmpty(database.sql, { events: 60, passwords: 'published', logger: createLogger('silent') });
    await server.indexSearch();
    const [event] = await database.sql<{ id: number; title: string; performer: string; section: string }[]>`
      SELECT e.id, e.title, headliner.name AS performer,
             (SELECT s.name FROM sections s WHERE s.venue_id = v.id AND s.kind = 'RESERVED' ORDER BY s.name LIMIT 1) AS section
      FROM events e
      JOIN venues v ON v.id = e.venue_id
      JOIN LATERAL (
        SELECT p.name FROM event_performers ep JOIN performers p ON p.id = ep.performer_id WHERE ep.event_id = e.id ORDER BY ep.billing LIMIT 1
      ) headliner ON true
      WHERE v.name = 'Lakeshore Arena' AND e.status = 'ON_SALE' AND e.on_sale_at < now()
      ORDER BY e.starts_at
      LIMIT 1`;
    expect(event, 'an arena event on sale in the demo catalog').toBeDefined();
    arena = { ...event!, id: toGlobalId('Event', event!.id) };
  });

  it('logs in, searches with a typo, picks and reserves by keyboard, is seen by the other fan within a second, and pays', async () => {
    // Fan A logs in with the README's demo account.
    const a = await browser.open(`${server.url}/me`);
    const sentWithText: string[] = [];
    recordTextSent(a.page, sentWithText);
    const logIn = a.page.getByRole('form', { name: 'Log in' });
    await logIn.getByLabel('Email').fill(fan.email);
    await logIn.getByLabel('Password').fill(fan.password);
    await logIn.getByRole('button', { name: 'Log in' }).click();
    await a.page.getByRole('button', { name: 'Log out' }).waitFor();

    // A searches for the headliner with a typo in the longest word of its name.
    await a.page.getByRole('link', { name: 'Events', exact: true }).click();
    const longest = arena.performer.split(/\s+/).reduce((best, word) => (word.length > best.length ? word : best));
    expect(longest.length, `a word of "${arena.performer}" long enough to forgive a typo`).toBeGreaterThanOrEqual(5);
    await a.page.getByRole('combobox').fill(arena.performer.replace(longest, typoOf(longest)));
    await a.page.getByRole('combobox').press('Enter');
    await a.page.getByRole('link', { name: arena.title }).first().click();
    await a.page.getByRole('heading', { name: arena.title, level: 1 }).waitFor();

    // Fan B watches the same section.
    const [watcher] = await createBuyers(database.sql, 1);
    const b = await browser.open(`${server.url}/events/${arena.id}`, { token: watcher!.token });
    recordTextSent(b.page, sentWithText);
    await b.page.getByRole('button', { name: new RegExp(`^Section ${arena.section}:`) }).click();
    await b.page.getByRole('heading', { name: `Section ${arena.section}` }).waitFor();

    // A, by keyboard alone: opens the section from the list of sections, picks the first available seat, reserves it.
    await tabTo(a.page, new RegExp(`^Section ${arena.section}:`));
    await a.page.keyboard.press('Enter');
    await a.page.getByRole('heading', { name: `Section ${arena.section}` }).waitFor();
    const seatName = await tabTo(a.page, new RegExp(`^Section ${arena.section}, row \\w+, seat \\d+, available, `));
    await a.page.keyboard.press('Space');
    await tabTo(a.page, /^Reserve 1 seat$/);
    const reserved = a.page.waitForResponse((response) => response.url().includes('/graphql') && response.request().method() === 'POST');
    await a.page.keyboard.press('Enter');
    await reserved;
    const taken = seatName.replace(', available, ', ', unavailable, ');

    // B's map shows it taken within a second of the hold, without a reload.
    await b.page.getByRole('button', { name: taken, exact: true }).waitFor({ timeout: 1_000 });
    expect(await b.page.getByRole('button', { name: taken, exact: true }).isDisabled()).toBe(true);

    // A pays with the test card the checkout offers first, a succeeding one, and gets the ticket and its QR code.
    await a.page.getByRole('heading', { name: 'Checkout' }).waitFor();
    expect(await a.page.getByLabel('Test card').inputValue()).toBe('tok_visa');
    await a.page.getByRole('button', { name: /^Pay / }).click();
    await a.page.getByRole('heading', { name: 'You have your tickets' }).waitFor();
    const seatLabel = seatName.replace(/, available, .*$/, '');
    const qr = a.page.getByRole('img', { name: `QR code of the ticket for ${seatLabel}` });
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);

    // B cannot have it: not in the list of available seats of its section, and its button stays disabled.
    await b.page.getByRole('button', { name: 'List' }).click();
    const list = b.page.getByRole('table', { name: `Available seats in section ${arena.section}` });
    await list.waitFor();
    expect(await list.getByRole('button', { name: seatName, exact: true }).count()).toBe(0);
    expect(await list.getByRole('button', { name: taken, exact: true }).count()).toBe(0);
    await b.page.getByRole('button', { name: 'Map' }).click();
    expect(await b.page.getByRole('button', { name: taken, exact: true }).isDisabled()).toBe(true);

    expect({ sentWithText, foreign: [...a.foreign, ...b.foreign], errors: [...a.errors, ...b.errors] }).toEqual({ sentWithText: [], foreign: [], errors: [] });
  });
});
