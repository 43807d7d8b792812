/**
 * The fan's way from an event to a ticket, in Chromium: the event's all-in prices (bounds and history with DEMAND
 * pricing), then best available or picked seats to a hold (a seat taken
 * meanwhile named, the others kept), checkout with its countdown, a declined card that keeps the hold, the
 * succeeding card that books and shows QR codes the door accepts, a double click on Pay that books once, a hold
 * that runs out, a hold given back, and logging in on the event page without losing the choice.
 */
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';

import { toGlobalId } from '../../src/relay/global-id.js';
import { type Buyer, createBuyers, createOnSaleEvent, type EventShape, type OnSaleEvent } from '../support/booking.js';
import { RESERVE } from '../support/booking-operations.js';
import { describeInBrowser, useBrowser } from '../support/browser.js';
import { useTestServer } from '../support/fixture.js';

const MY_BOOKINGS = `{ me { bookings { edges { node { id status tickets { code qrCode } } } } } }`;
const CHECK_IN = `mutation ($code: String!) { checkInTicket(input: { code: $code, gate: "North 1" }) { ticket { id } userErrors { code } } }`;
const HOLD = `query ($id: ID!) { hold(id: $id) { status } }`;
const SET_POLICY = `mutation ($input: SetPricingPolicyInput!) { setPricingPolicy(input: $input) { userErrors { code message } } }`;
const UPDATE_PRICES = `mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { userErrors { code message } } }`;

describeInBrowser('checkout in the fan web app', () => {
  const { database, server } = useTestServer();
  const browser = useBrowser();
  let organizer: Buyer;

  beforeAll(async () => {
    [organizer] = (await createBuyers(database.sql, 1, 'ORGANIZER')) as [Buyer];
  });

  /** An event on sale now (the server and the browser both run on the real clock). */
  const onSaleNow = (shape: EventShape = {}) =>
    createOnSaleEvent(database.sql, organizer.userId, {
      rows: 2,
      seatsPerRow: 5,
      gaCapacity: 4,
      onSaleAt: new Date(Date.now() - 3_600_000),
      startsAt: new Date(Date.now() + 30 * 86_400_000),
      ...shape,
    });

  /** A page of the app, logged in as `buyer`. */
  const openAs = (buyer: Buyer | null, path: string) => browser.open(`${server.url}${path}`, { token: buyer?.token });

  async function reserveBestAvailable(page: Page, quantity: number) {
    await page.getByRole('radio', { name: 'Best available' }).check();
    await page.getByLabel('Tickets').selectOption(String(quantity));
    await page.getByLabel('Section').selectOption({ label: 'Stalls: $120.00 (10 left)' });
    await page.getByRole('button', { name: `Reserve the best ${quantity} seats` }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
  }

  async function reserveByApi(buyer: Buyer, event: OnSaleEvent, ticketIds: string[]): Promise<string> {
    const { data } = await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds } }, buyer.token);
    expect(data.reserveSeats.userErrors).toEqual([]);
    return data.reserveSeats.hold.id;
  }

  it('shows the all-in prices, with DEMAND pricing their bounds and how they changed', async () => {
    // The policy applies at once before the sale opens; then the sale opens, and the organizer moves a price.
    const event = await onSaleNow({ onSaleAt: new Date(Date.now() + 86_400_000) });
    const stalls = toGlobalId('Section', event.reservedSectionId);
    const policy = await server.graphql(
      SET_POLICY,
      { input: { eventId: event.id, sectionId: stalls, mode: 'DEMAND', floor: 10_000, ceiling: 20_000, currency: 'USD' } },
      organizer.token,
    );
    expect(policy.data.setPricingPolicy.userErrors).toEqual([]);
    await database.sql`UPDATE events SET on_sale_at = now() - interval '1 hour' WHERE id = ${event.eventId}`;
    const updated = await server.graphql(
      UPDATE_PRICES,
      { input: { eventId: event.id, prices: [{ sectionId: stalls, amount: 15_000, currency: 'USD' }] } },
      organizer.token,
    );
    expect(updated.data.updateEvent.userErrors).toEqual([]);

    const { page } = await openAs(null, `/events/${event.id}`);
    await page.getByText('$50.00 to $150.00 a ticket, all-in').waitFor();
    expect(await page.getByRole('row', { name: /^Stalls/ }).textContent()).toBe('Stalls$150.00$100.00 to $200.0010');
    expect(await page.getByRole('row', { name: /^Floor/ }).textContent()).toBe('Floor$50.00Fixed4');
    await page.getByRole('link', { name: 'See how prices changed' }).click();
    expect(new URL(page.url()).hash).toBe('#price-history');
    const history = page.getByRole('region', { name: 'Price history' }).getByRole('listitem');
    await expect.poll(() => history.first().textContent()).toMatch(/^Stalls: \$120\.00 to \$150\.00, /);
    expect(await history.count()).toBe(1);
  });

  it('reserves the best seats, keeps the hold through a declined card, then books with QR codes the door accepts', async () => {
    const event = await onSaleNow();
    const [fan] = (await createBuyers(database.sql, 1)) as [Buyer];
    const { page, errors, foreign } = await openAs(fan, `/events/${event.id}`);
    await reserveBestAvailable(page, 2);

    const holdId = new URL(page.url()).searchParams.get('hold')!;
    await expect.poll(() => page.getByRole('timer').textContent()).toMatch(/^(10:00|9:[0-5]\d)$/);
    expect(await page.getByRole('row', { name: /Total, all-in/ }).textContent()).toContain('$240.00');

    await page.getByLabel('Test card').selectOption('tok_chargeDeclined');
    await page.getByRole('button', { name: 'Pay $240.00' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/declined.*still held/i);
    expect((await server.graphql(HOLD, { id: holdId }, fan.token)).data.hold.status).toBe('ACTIVE');
    await page.getByRole('timer').waitFor(); // the countdown goes on

    await page.getByLabel('Test card').selectOption('tok_visa');
    await page.getByRole('button', { name: 'Pay $240.00' }).click();
    await page.getByRole('heading', { name: 'You have your tickets' }).waitFor();

    const { data } = await server.graphql(MY_BOOKINGS, {}, fan.token);
    const [booking] = data.me.bookings.edges;
    expect(data.me.bookings.edges).toHaveLength(1);
    const images = page.getByRole('img', { name: /^QR code of the ticket for Section Stalls, row A, seat \d+$/ });
    expect(await images.count()).toBe(2);
    const shown = await images.evaluateAll((elements) => elements.map((element) => element.getAttribute('src')));
    expect(shown.sort()).toEqual(booking.node.tickets.map((ticket: { qrCode: string }) => ticket.qrCode).sort());
    for (const code of await page.locator('.ticket-code code').allTextContents()) {
      const checkIn = await server.graphql(CHECK_IN, { code }, organizer.token);
      expect(checkIn.data.checkInTicket.userErrors).toEqual([]);
    }
    expect(await page.getByRole('link', { name: 'See all your tickets' }).getAttribute('href')).toBe('/me');
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it('books once, with one request, when Pay is double-clicked', async () => {
    const event = await onSaleNow();
    const [fan] = (await createBuyers(database.sql, 1)) as [Buyer];
    const holdId = await reserveByApi(fan, event, [event.seats[1]![0]!]);
    const { page } = await openAs(fan, `/events/${event.id}?hold=${encodeURIComponent(holdId)}`);
    const keys: string[] = [];
    page.on('request', (request) => {
      const input = request.postDataJSON()?.variables?.input;
      if (input?.holdId) keys.push(input.idempotencyKey);
    });
    const pay = page.getByRole('button', { name: 'Pay $120.00' });
    await pay.waitFor();
    await pay.dblclick();
    await page.getByRole('heading', { name: 'You have your tickets' }).waitFor();
    const bookings = await database.sql`SELECT id FROM bookings WHERE user_id = ${fan.userId}`;
    expect(bookings).toHaveLength(1);
    expect(keys).toHaveLength(1); // the second click found the button disabled
  });

  it('reserves picked seats, and when one was taken before the map heard of it, says which and keeps the rest', async () => {
    const event = await onSaleNow();
    const [fan, rival] = (await createBuyers(database.sql, 2)) as [Buyer, Buyer];
    const { context, page } = await openAs(fan, '/robots.txt');
    // The seat map's live updates never arrive: the page learns of the rival's hold only from reserveSeats.
    await context.routeWebSocket(/\/graphql$/, () => {});
    await page.goto(`${server.url}/events/${event.id}`);
    await page.getByRole('button', { name: 'List' }).click();
    const seat = (number: number) => page.getByRole('button', { name: `Section Stalls, row A, seat ${number}, available, $120.00`, exact: true });
    await seat(1).click();
    await seat(2).click();
    await reserveByApi(rival, event, [event.seats[0]![0]!]);

    await page.getByRole('button', { name: 'Reserve 2 seats' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Someone else just took Section Stalls, row A, seat 1, so nothing was reserved. Your other seats are still picked: reserve again.');
    expect(await seat(2).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Reserve 1 seat' }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    expect(await page.getByRole('cell', { name: /^Section Stalls, / }).allTextContents()).toEqual(['Section Stalls, row A, seat 2']);
  });

  it('says when the hold has run out, and leads back to the seats', async () => {
    const event = await onSaleNow({ holdTtlSeconds: 3 });
    const [fan] = (await createBuyers(database.sql, 1)) as [Buyer];
    const holdId = await reserveByApi(fan, event, [event.seats[0]![0]!]);
    const { page } = await openAs(fan, `/events/${event.id}?hold=${encodeURIComponent(holdId)}`);
    await page.getByRole('heading', { name: 'Your hold has ended' }).waitFor({ timeout: 10_000 });
    await page.getByRole('link', { name: 'Back to the seats' }).click();
    await page.getByRole('heading', { name: 'Choose your seats' }).waitFor();
    expect(new URL(page.url()).search).toBe('');
  });

  it('gives the seats back with Release', async () => {
    const event = await onSaleNow();
    const [fan] = (await createBuyers(database.sql, 1)) as [Buyer];
    const holdId = await reserveByApi(fan, event, [event.seats[0]![1]!]);
    const { page } = await openAs(fan, `/events/${event.id}?hold=${encodeURIComponent(holdId)}`);
    await page.getByRole('button', { name: 'Release these seats' }).click();
    await page.getByRole('heading', { name: 'Choose your seats' }).waitFor();
    expect((await server.graphql(HOLD, { id: holdId }, fan.token)).data.hold.status).toBe('RELEASED');
  });

  it('asks a fan who is not logged in to log in on the page, and keeps the choice', async () => {
    const event = await onSaleNow();
    const email = `walk-in-${Date.now()}@fans.test`;
    const signUp = await server.graphql(`mutation ($input: SignUpInput!) { signUp(input: $input) { userErrors { code } } }`, {
      input: { email, password: 'correct horse battery', name: 'Walk In' },
    });
    expect(signUp.data.signUp.userErrors).toEqual([]);
    const { page } = await openAs(null, `/events/${event.id}`);
    await page.getByRole('radio', { name: 'Best available' }).check();
    await page.getByLabel('Tickets').selectOption('3');
    await page.getByRole('button', { name: 'Reserve the best 3 seats' }).click();

    const logIn = page.getByRole('form', { name: 'Log in to reserve your seats' });
    await logIn.getByLabel('Email').fill(email);
    await logIn.getByLabel('Password').fill('correct horse battery');
    await logIn.getByRole('button', { name: 'Log in' }).click();
    const reserve = page.getByRole('button', { name: 'Reserve the best 3 seats' });
    await expect.poll(() => reserve.evaluate((button) => button.matches(':focus'))).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    expect(await page.getByRole('cell', { name: /^Section Floor, general admission, ticket \d+$/ }).count()).toBe(3); // the cheapest section
  });
});
