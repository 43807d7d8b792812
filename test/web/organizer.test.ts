/**
 * The organizer's page in Chromium: an organizer creates a draft on a venue of theirs (a refused time is shown by
 * its field), publishes it, watches its sales move when a fan buys through the API, and cancels it after
 * confirming; a fan, and a visitor who has not logged in, are told the page is not for them.
 */
import { beforeAll, expect, it } from 'vitest';

import { type Buyer, createBuyers } from '../support/booking.js';
import { CONFIRM, RESERVE } from '../support/booking-operations.js';
import { describeInBrowser, useBrowser } from '../support/browser.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestServer } from '../support/fixture.js';
import { manualClock } from '../support/server.js';

const CREATE_VENUE = `mutation ($input: CreateVenueInput!) { createVenue(input: $input) { venue { id } userErrors { message } } }`;
const EVENT = `query ($id: ID!) { event(id: $id) { status sections { section { id name } } } }`;
const MY_EVENTS = `{ me { organizedEvents { edges { node { id title } } } } }`;

describeInBrowser('the organizer page', () => {
  // The API's time is ANCHOR (2030-01-01): the draft below starts after it and goes on sale before it.
  const { database, server } = useTestServer({ clock: manualClock(ANCHOR) });
  const browser = useBrowser();
  let organizer: Buyer;
  let fan: Buyer;

  beforeAll(async () => {
    [organizer] = (await createBuyers(database.sql, 1, 'ORGANIZER')) as [Buyer];
    [fan] = (await createBuyers(database.sql, 1)) as [Buyer];
    const venue = {
      name: 'Riverside Hall',
      address: '1 River Road',
      city: 'Chicago',
      country: 'US',
      latitude: 41.88,
      longitude: -87.63,
      timezone: 'America/Chicago',
      sections: [
        { name: 'Stalls', kind: 'RESERVED', rows: ['A', 'B'].map((label, y) => ({ label, seats: 5, x: 0, y })) },
        { name: 'Floor', kind: 'GENERAL_ADMISSION', capacity: 10 },
      ],
    };
    const { data } = await server.graphql(CREATE_VENUE, { input: venue }, organizer.token);
    expect(data.createVenue.userErrors).toEqual([]);
  });

  const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });

  /** The app at `path` in a fresh profile, logged in with `token`, or not. */
  const openAs = (token: string | undefined, path: string) => browser.open(`${server.url}${path}`, { locale: 'en-US', token });

  it('creates a draft on a venue, publishes it, follows its sales as a fan buys, and cancels it', async () => {
    const { page, errors, foreign } = await openAs(organizer.token, '/organizer');
    await page.getByRole('button', { name: 'Create an event' }).click();
    await page.getByLabel('Title').fill('Spring Gala');
    await page.getByLabel('Category').selectOption('THEATRE');
    expect(await page.getByLabel('Venue').inputValue()).not.toBe('');
    await page.getByLabel('Starts').fill('2030-03-01T20:00');
    await page.getByLabel('Ends').fill('2030-03-01T23:00');
    // After the start: the API refuses it, naming the field.
    await page.getByLabel('On sale from').fill('2030-03-02T10:00');
    await page.getByLabel(/^Stalls/).fill('50');
    await page.getByLabel(/^Floor/).fill('30');
    await page.getByRole('button', { name: 'Create draft' }).click();
    const onSale = page.getByLabel('On sale from');
    await poll(() => onSale.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await onSale.getAttribute('aria-describedby')}`).innerText()).toBe('onSaleAt must be before startsAt.');

    await onSale.fill('2029-12-15T10:00');
    await page.getByRole('button', { name: 'Create draft' }).click();
    const drafts = page.getByRole('region', { name: 'Drafts' });
    await poll(() => drafts.getByRole('article').allInnerTexts()).toEqual([
      expect.stringMatching(/^Spring Gala\s+Draft Mar 1, 2030, 8:00 PM CST · Riverside Hall, Chicago/),
    ]);
    const { data } = await server.graphql(MY_EVENTS, {}, organizer.token);
    const eventId: string = data.me.organizedEvents.edges[0].node.id;

    await drafts.getByRole('button', { name: 'Publish' }).click();
    const published = page.getByRole('region', { name: 'On sale' }).getByRole('article');
    await poll(() => published.allInnerTexts()).toEqual([expect.stringMatching(/^Spring Gala\s+On sale /)]);
    expect(await drafts.innerText()).toContain('None.');

    // Sales, read again every few seconds: a fan's purchase shows without a reload.
    await published.getByRole('button', { name: 'Show sales' }).click();
    const totals = published.locator('.sales-totals');
    await poll(() => totals.innerText()).toContain('Tickets sold\n0');
    const stalls = (await server.graphql(EVENT, { id: eventId })).data.event.sections.find((s: { section: { name: string } }) => s.section.name === 'Stalls');
    const reserve = await server.graphql(RESERVE, { input: { eventId, bestAvailable: { quantity: 2, sectionId: stalls.section.id } } }, fan.token);
    expect(reserve.data.reserveSeats.userErrors).toEqual([]);
    const confirm = await server.graphql(
      CONFIRM,
      { input: { holdId: reserve.data.reserveSeats.hold.id, payment: { token: 'tok_visa' }, idempotencyKey: 'organizer-page' } },
      fan.token,
    );
    expect(confirm.data.confirmBooking.userErrors).toEqual([]);
    await poll(() => totals.innerText()).toContain('Tickets sold\n2');
    expect(await totals.innerText()).toContain('Net revenue\n$100.00');
    expect(await published.getByRole('row', { name: /Stalls/ }).innerText()).toBe('Stalls\t2\t$100.00');

    // Cancelling asks first, with the reason fans will read.
    await published.getByRole('button', { name: 'Cancel event…' }).click();
    await published.getByLabel('Reason, shown to fans').fill('The hall is flooded.');
    await published.getByRole('button', { name: 'Cancel this event' }).click();
    const cancelled = page.getByRole('region', { name: 'Cancelled and past' }).getByRole('article');
    await poll(() => cancelled.allInnerTexts()).toEqual([expect.stringMatching(/^Spring Gala\s+Cancelled [^]*Cancelled: The hall is flooded\./)]);
    expect((await server.graphql(EVENT, { id: eventId })).data.event.status).toBe('CANCELLED');
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it("tells a fan the page is for organizers, and a visitor to log in, each with a link to their account's page", async () => {
    const asFan = await openAs(fan.token, '/organizer');
    const fanNote = asFan.page.locator('.not-organizer');
    await poll(() => fanNote.innerText()).toContain("Your account is not an organizer's");
    expect(await fanNote.getByRole('link').getAttribute('href')).toBe('/me');

    const visitor = await openAs(undefined, '/organizer');
    const visitorNote = visitor.page.locator('.not-organizer');
    await poll(() => visitorNote.innerText()).toContain("Log in with an organizer's account");
    expect(await visitorNote.getByRole('link').getAttribute('href')).toBe('/me');
  });
});
