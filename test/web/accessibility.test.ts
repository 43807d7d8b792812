/**
 * The app's pages checked by axe-core (the engine behind Lighthouse's and most browsers' accessibility audits)
 * against WCAG 2.1 A and AA, text contrast included, in their states a fan and an organizer see: the home page,
 * an event with its seat map and with a section open, checkout, /me logged out and with a booking, /organizer;
 * at a laptop's size and at a phone's.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';

import { type Buyer, createBuyers, createOnSaleEvent, type OnSaleEvent } from '../support/booking.js';
import { RESERVE } from '../support/booking-operations.js';
import { describeInBrowser, useBrowser } from '../support/browser.js';
import { useTestServer } from '../support/fixture.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const VIEWPORTS = { laptop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };

interface Violation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/** axe's WCAG 2.1 A and AA violations on the page as it is now, each with where it is. */
async function violations(page: Page): Promise<string[]> {
  // Given to the page by the debugging protocol, which the page's Content-Security-Policy does not govern.
  await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(options: object): Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations;
  });
  return found.flatMap((violation) => violation.nodes.map((node) => `${violation.id} (${violation.help}): ${node.target.join(' ')}`));
}

describeInBrowser('accessibility of the web app (axe-core, WCAG 2.1 AA)', () => {
  const { database, server } = useTestServer({ events: 6 });
  const browser = useBrowser();
  let fan: Buyer;
  let organizer: Buyer;
  let event: OnSaleEvent;
  let holdId: string;

  beforeAll(async () => {
    [organizer] = (await createBuyers(database.sql, 1, 'ORGANIZER')) as [Buyer];
    [fan] = (await createBuyers(database.sql, 1)) as [Buyer];
    event = await createOnSaleEvent(database.sql, organizer.userId, {
      onSaleAt: new Date(Date.now() - 3_600_000),
      startsAt: new Date(Date.now() + 30 * 86_400_000),
    });
    const { data } = await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds: event.seats[0]!.slice(0, 2) } }, fan.token);
    holdId = data.reserveSeats.hold.id;
  });

  /** Opens `path` at `viewport`, waits for `ready`, and gives what axe finds. */
  async function audit(path: string, viewport: keyof typeof VIEWPORTS, ready: (page: Page) => Promise<unknown>, token?: string) {
    const { page } = await browser.open(`${server.url}${path}`, { viewport: VIEWPORTS[viewport], token });
    await ready(page);
    return { page, found: await violations(page) };
  }

  it.each(['laptop', 'phone'] as const)('finds nothing on the home page, an event with its seat map and a section open, at a %s’s size', async (viewport) => {
    const home = await audit('/', viewport, (page) => page.getByRole('list', { name: 'Upcoming events' }).getByRole('link').first().waitFor());
    expect(home.found).toEqual([]);

    const map = await audit(`/events/${event.id}`, viewport, (page) => page.waitForFunction(() => performance.getEntriesByName('seat-map-drawn').length > 0));
    expect(map.found).toEqual([]);
    await map.page.getByRole('button', { name: /^Section Stalls:/ }).click();
    await map.page.getByRole('heading', { name: 'Section Stalls' }).waitFor();
    expect(await violations(map.page)).toEqual([]);
    await map.page.getByRole('button', { name: 'List' }).click();
    expect(await violations(map.page)).toEqual([]);
  });

  it('finds nothing on checkout, /me logged out and logged in, and /organizer', async () => {
    const checkout = await audit(
      `/events/${event.id}?hold=${encodeURIComponent(holdId)}`,
      'laptop',
      (page) => page.getByRole('heading', { name: 'Checkout' }).waitFor(),
      fan.token,
    );
    expect(checkout.found).toEqual([]);
    const loggedOut = await audit('/me', 'phone', (page) => page.getByRole('form', { name: 'Log in' }).waitFor());
    expect(loggedOut.found).toEqual([]);
    const loggedIn = await audit('/me', 'laptop', (page) => page.getByRole('button', { name: 'Log out' }).waitFor(), fan.token);
    expect(loggedIn.found).toEqual([]);
    const organizing = await audit('/organizer', 'laptop', (page) => page.getByRole('heading', { name: 'Drafts' }).waitFor(), organizer.token);
    expect(organizing.found).toEqual([]);
  });
});
