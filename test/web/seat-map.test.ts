/**
 * The live seat map on the event page, in Chromium: the overview drawn, a section opened and a seat picked with
 * the keyboard alone, another fan's hold showing within a second (and dropping the seat from this fan's picks),
 * the list view of available seats, general admission by quantity, and a resync after missed changes.
 */
import type { Page, WebSocketRoute } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';

import { type Buyer, createBuyers, createOnSaleEvent, type OnSaleEvent } from '../support/booking.js';
import { RESERVE } from '../support/booking-operations.js';
import { describeInBrowser, useBrowser } from '../support/browser.js';
import { useTestServer } from '../support/fixture.js';

/** The seat map's change log keeps this many versions here, so that a client that misses three must resync. */
const LOG_VERSIONS = 2;

describeInBrowser('the live seat map', () => {
  const { database, server } = useTestServer({ env: { SEAT_MAP_LOG_VERSIONS: String(LOG_VERSIONS) } });
  const browser = useBrowser();
  let organizer: Buyer;
  let others: Buyer[];

  beforeAll(async () => {
    [organizer] = (await createBuyers(database.sql, 1, 'ORGANIZER')) as [Buyer];
    others = await createBuyers(database.sql, 4);
  });

  /** An event on sale now (the server and the browser both run on the real clock): Stalls, rows A to D of 10 seats at $120, and a standing Floor at $50. */
  const onSaleNow = () =>
    createOnSaleEvent(database.sql, organizer.userId, { onSaleAt: new Date(Date.now() - 3_600_000), startsAt: new Date(Date.now() + 30 * 86_400_000) });

  async function hold(buyer: Buyer, event: OnSaleEvent, ticketIds: string[]) {
    const { data } = await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds } }, buyer.token);
    expect(data.reserveSeats.userErrors).toEqual([]);
  }

  /** The app's sockets, each through a relay that can lose the server's messages (as a dead connection would). */
  interface Relay {
    socket: WebSocketRoute;
    dropping: boolean;
  }

  /** The event page with its map drawn; `mapLoads` counts the seat map's queries. */
  async function openMap(event: OnSaleEvent) {
    // The app's 404 page first (no socket yet), so that the event page's socket goes through a relay from the start.
    const opened = await browser.open(`${server.url}/not-an-app-page`, { locale: 'en-US', viewport: { width: 1024, height: 800 } });
    const relays: Relay[] = [];
    const counts = { mapLoads: 0 };
    opened.page.on('request', (request) => void (new URL(request.url()).searchParams.get('operationName') === 'WebSeatPickerMap' && counts.mapLoads++));
    await opened.page.routeWebSocket(/\/graphql$/, (socket) => {
      const relay = { socket, dropping: false };
      relays.push(relay);
      socket.connectToServer().onMessage((message) => !relay.dropping && socket.send(message));
    });
    await opened.page.goto(`${server.url}/events/${event.id}`);
    await expect.poll(() => opened.page.evaluate(() => performance.getEntriesByName('seat-map-drawn').length), { timeout: 10_000 }).toBe(1);
    return { ...opened, relays, counts };
  }

  const seat = (page: Page, row: string, number: number, status: 'available' | 'unavailable') =>
    page.getByRole('button', { name: `Section Stalls, row ${row}, seat ${number}, ${status}, $120.00`, exact: true });

  it('draws the overview once the map is loaded, from the app’s own origin only', async () => {
    const event = await onSaleNow();
    const { page, errors, foreign } = await openMap(event);
    expect(await page.locator('canvas.overview-canvas').isVisible()).toBe(true);
    // Every section is listed with what is left, for keyboards and screen readers.
    await page.getByRole('button', { name: 'Section Stalls: 40 of 40 available, $120.00' }).waitFor();
    await page.getByRole('button', { name: 'Section Floor: 20 of 20 available, $50.00' }).waitFor();
    expect([errors, foreign]).toEqual([[], []]);
  });

  it('opens a section and picks a seat with the keyboard alone, then goes back to the venue', async () => {
    const event = await onSaleNow();
    const { page } = await openMap(event);
    await page.getByRole('button', { name: /^Section Stalls:/ }).focus();
    await page.keyboard.press('Enter');
    const heading = page.getByRole('heading', { name: 'Section Stalls' });
    await expect.poll(() => heading.evaluate((element) => element === document.activeElement)).toBe(true);

    // The seats are one Tab stop, at the section's first available seat; the arrows move along rows and across them.
    const focusedName = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');
    for (let presses = 0; (await focusedName()) !== 'Section Stalls, row A, seat 1, available, $120.00'; presses++) {
      expect(presses, 'Tab presses to reach the seats').toBeLessThan(5);
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focusedName()).toMatch(/^Section Stalls, row C, seat \d+, available/);
    // Along the row to seat 7, one seat a press, whichever way the section faces on screen.
    const number = async () => Number(/seat (\d+)/.exec(await focusedName())![1]);
    for (let presses = 0; (await number()) !== 7; presses++) {
      expect(presses, 'arrow presses along the row').toBeLessThan(10);
      const before = await number();
      await page.keyboard.press('ArrowRight');
      if (Math.abs((await number()) - 7) > Math.abs(before - 7)) for (const key of ['ArrowLeft', 'ArrowLeft']) await page.keyboard.press(key);
      expect(Math.abs((await number()) - before), 'the next seat of the row').toBe(1);
    }
    const c7 = seat(page, 'C', 7, 'available');
    await page.keyboard.press('Enter');
    expect(await c7.getAttribute('aria-pressed')).toBe('true');
    // Tab leaves the section's 40 seats at once, for the controls after them.
    await page.keyboard.press('Tab');
    expect(await focusedName()).not.toMatch(/^Section Stalls, row/);
    await page.keyboard.press('Shift+Tab');
    expect(await focusedName()).toBe('Section Stalls, row C, seat 7, available, $120.00');
    await page.getByText('1 seat picked: $120.00').waitFor(); // the event page's total of the picks

    await page.keyboard.press('Space');
    expect(await c7.getAttribute('aria-pressed')).toBe('false');
    await page.getByRole('button', { name: 'Back to the venue' }).press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Section Stalls:/);
  });

  it('shows a seat another fan holds as unavailable within a second, and drops it from this fan’s picks', async () => {
    const event = await onSaleNow();
    const { page } = await openMap(event);
    await page.getByRole('button', { name: /^Section Stalls:/ }).click();
    await seat(page, 'A', 5, 'available').click();
    await seat(page, 'A', 6, 'available').click();
    await page.getByText('2 seats picked: $240.00').waitFor();

    await hold(others[0]!, event, [event.seats[0]![4]!]); // A5
    const taken = Date.now();
    await seat(page, 'A', 5, 'unavailable').waitFor({ timeout: 1_000 });
    expect(Date.now() - taken).toBeLessThan(1_000);
    expect(await seat(page, 'A', 5, 'unavailable').isDisabled()).toBe(true);
    await page.getByRole('status').getByText('Section Stalls, row A, seat 5: no longer available, so no longer picked.').waitFor();
    await page.getByText('1 seat picked: $120.00').waitFor();
    expect(await seat(page, 'A', 6, 'available').getAttribute('aria-pressed')).toBe('true');

    // Each delta applied is measured for the benchmark.
    const measures = await page.evaluate(() => performance.getEntriesByName('seat-map-delta').map((entry) => (entry as PerformanceMeasure).detail));
    expect(measures).toContainEqual({ changes: 1 });
  });

  it('lists only the available seats of a section in the list view, and takes a quantity for general admission', async () => {
    const event = await onSaleNow();
    await hold(others[1]!, event, [event.seats[0]![0]!, event.seats[1]![1]!]); // A1, B2
    const { page } = await openMap(event);
    await page.getByRole('button', { name: 'List' }).click();
    await page.getByRole('combobox', { name: 'Section' }).selectOption({ label: 'Stalls (38 available, $120.00)' });
    const table = page.getByRole('table', { name: 'Available seats in section Stalls' });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBe(1 + 38);
    expect(await seat(page, 'A', 1, 'available').count()).toBe(0);
    expect(await seat(page, 'B', 2, 'available').count()).toBe(0);
    await seat(page, 'B', 3, 'available').click();
    expect(await seat(page, 'B', 3, 'available').getAttribute('aria-pressed')).toBe('true');

    // Someone takes B4 while the fan looks at the list: it leaves it.
    await hold(others[1]!, event, [event.seats[1]![3]!]);
    await expect.poll(() => table.getByRole('row').count()).toBe(1 + 37);

    await page.getByRole('combobox', { name: 'Section' }).selectOption({ label: 'Floor (20 available, $50.00)' });
    await page.getByLabel('Tickets in Floor').fill('2');
    await page.getByText('3 seats picked: $220.00').waitFor();
  });

  it('reads the map again when the server no longer has the changes it missed (resync), and follows it from there', async () => {
    const event = await onSaleNow();
    const { page, relays, counts } = await openMap(event);
    await page.getByRole('button', { name: /^Section Stalls:/ }).click();
    expect(relays).toHaveLength(1);
    expect(counts.mapLoads).toBe(1);

    // Three holds (three versions) the page never hears of; then its socket drops, and it reconnects asking for
    // the changes since its version, which the log (two versions) no longer has.
    relays[0]!.dropping = true;
    for (const [i, buyer] of others.slice(0, 3).entries()) await hold(buyer, event, [event.seats[3]![i]!]); // D1, D2, D3
    await seat(page, 'D', 1, 'available').waitFor();
    await relays[0]!.socket.close({ code: 4499, reason: 'Terminated' }); // a code graphql-ws reconnects after

    for (const number of [1, 2, 3]) await seat(page, 'D', number, 'unavailable').waitFor({ timeout: 10_000 });
    expect(counts.mapLoads).toBe(2);
    // Followed live again from the new map's version.
    await hold(others[3]!, event, [event.seats[3]![9]!]);
    await seat(page, 'D', 10, 'unavailable').waitFor({ timeout: 1_000 });
  });
});
