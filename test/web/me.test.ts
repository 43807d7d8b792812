/**
 * /me in Chromium: signing up (errors by field, then a session), logging in with a wrong password and then the
 * right one, logging out, seats on hold leading back to checkout, and bookings with their QR codes, one of them
 * cancelled after asking.
 */
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';

import { type Buyer, createBuyers, createOnSaleEvent, type OnSaleEvent } from '../support/booking.js';
import { CONFIRM, RESERVE } from '../support/booking-operations.js';
import { describeInBrowser, useBrowser } from '../support/browser.js';
import { useTestServer } from '../support/fixture.js';

const PASSWORD = 'correct horse battery';
const BOOKINGS = `{ me { bookings { edges { node { id status tickets { qrCode } } } } } }`;

describeInBrowser('/me in the fan web app', () => {
  const { database, server } = useTestServer();
  const browser = useBrowser();
  let event: OnSaleEvent;

  beforeAll(async () => {
    const [organizer] = (await createBuyers(database.sql, 1, 'ORGANIZER')) as [Buyer];
    event = await createOnSaleEvent(database.sql, organizer.userId, {
      rows: 2,
      seatsPerRow: 5,
      onSaleAt: new Date(Date.now() - 3_600_000),
      startsAt: new Date(Date.now() + 30 * 86_400_000),
    });
  });

  const form = (page: Page, name: string) => page.getByRole('form', { name });

  it('signs up, showing errors by field first, and logs out', async () => {
    const { page, errors } = await browser.open(`${server.url}/me`);
    const signUp = form(page, 'Sign up');
    await signUp.getByLabel('Name').fill('   ');
    await signUp.getByLabel('Email').fill('ada@fans.test');
    await signUp.getByLabel('Password (at least 10 characters)').fill('ada@fans.test'); // the email itself: weak
    await signUp.getByRole('button', { name: 'Sign up' }).click();
    // The server's reasons, each under its field, which it marks invalid.
    const name = signUp.getByLabel('Name');
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    const nameError = await name.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${nameError}"]`).textContent()).toBe('Enter your name.');
    expect(await signUp.getByLabel('Password (at least 10 characters)').getAttribute('aria-invalid')).toBe('true');

    await name.fill('Ada Lovelace');
    await signUp.getByLabel('Password (at least 10 characters)').fill(PASSWORD);
    await signUp.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('heading', { name: 'My tickets' }).waitFor();
    // Each part of the page comes with its own answer: waited for, not counted at once.
    await page.getByText('Logged in as Ada Lovelace (ada@fans.test).').waitFor();
    await page.getByText('No bookings yet.').waitFor();

    await page.getByRole('button', { name: 'Log out' }).click();
    await form(page, 'Log in').waitFor();
    const { origins } = await page.context().storageState();
    expect(origins.flatMap((origin) => origin.localStorage.map((item) => item.name))).not.toContain('ticketing.session');
    expect(errors).toEqual([]);
  });

  it('says when the password is wrong, then logs in and shows holds and bookings with QR codes, and cancels one', async () => {
    const email = `fan-${Date.now()}@fans.test`;
    const signedUp = await server.graphql(`mutation ($input: SignUpInput!) { signUp(input: $input) { token } }`, {
      input: { email, password: PASSWORD, name: 'Grace' },
    });
    const token: string = signedUp.data.signUp.token;
    const reserve = async (ticketIds: string[]) =>
      (await server.graphql(RESERVE, { input: { eventId: event.id, ticketIds } }, token)).data.reserveSeats.hold.id;
    for (const seats of [[event.seats[0]![0]!, event.seats[0]![1]!], [event.seats[1]![0]!]]) {
      const { data } = await server.graphql(
        CONFIRM,
        { input: { holdId: await reserve(seats), payment: { token: 'tok_visa' }, idempotencyKey: `buy-${seats[0]}` } },
        token,
      );
      expect(data.confirmBooking.userErrors).toEqual([]);
    }
    const heldId = await reserve([event.seats[1]![4]!]);

    const { page, errors } = await browser.open(`${server.url}/me`);
    const logIn = form(page, 'Log in');
    await logIn.getByLabel('Email').fill(email);
    await logIn.getByLabel('Password').fill('not the password');
    await logIn.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => logIn.getByRole('alert').textContent()).toBe('That email and password do not match an account.');
    await logIn.getByLabel('Password').fill(PASSWORD);
    await logIn.getByRole('button', { name: 'Log in' }).click();

    // The live hold, back to its checkout.
    const holdLink = page.getByRole('link', { name: 'Continue to checkout' });
    expect(await holdLink.getAttribute('href')).toBe(`/events/${event.id}?hold=${encodeURIComponent(heldId)}`);

    // Both bookings, newest first, with every ticket's QR code as the API gives it.
    const cards = page.getByRole('article');
    await expect.poll(() => cards.count()).toBe(2);
    const { data } = await server.graphql(BOOKINGS, {}, token);
    const apiCodes = data.me.bookings.edges.flatMap(({ node }: any) => node.tickets.map((ticket: any) => ticket.qrCode)).sort();
    const shown = await page
      .getByRole('img', { name: /^QR code of the ticket for Section Stalls, row [AB], seat \d+$/ })
      .evaluateAll((images) => images.map((image) => image.getAttribute('src')));
    expect(shown.sort()).toEqual(apiCodes);
    expect(await cards.nth(0).getByRole('img').count()).toBe(1);

    // Cancelling asks first; keeping it changes nothing, confirming refunds it.
    const newest = cards.nth(0);
    await newest.getByRole('button', { name: 'Cancel booking' }).click();
    await newest.getByRole('button', { name: 'Keep it' }).click();
    await newest.getByRole('button', { name: 'Cancel booking' }).click();
    await newest.getByRole('button', { name: 'Yes, cancel the booking' }).click();
    await expect.poll(() => newest.textContent()).toContain('Cancelled and refunded');
    expect(await newest.getByRole('img').count()).toBe(0);
    const after = await server.graphql(BOOKINGS, {}, token);
    expect(after.data.me.bookings.edges.map(({ node }: any) => node.status)).toEqual(['CANCELLED', 'CONFIRMED']);
    expect(errors).toEqual([]);
  });
});
