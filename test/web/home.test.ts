/**
 * The home page in Chromium: upcoming events that load more as the fan scrolls, the search box's suggestions
 * chosen by keyboard, a search with a typo, facets narrowing it, and the search kept in the address (reload, Back).
 * The catalog is seedCatalog's seed 7; each expectation is checked against the API's own answer.
 */
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';

import { describeInBrowser, useBrowser } from '../support/browser.js';
import { ANCHOR } from '../support/catalog.js';
import { useTestServer } from '../support/fixture.js';
import { manualClock } from '../support/server.js';

const PHONE = { viewport: { width: 390, height: 844 } };
const CARDS = '.event-list .event-card';

const SUGGEST = `query ($prefix: String!) { suggestEvents(prefix: $prefix) { kind text event { id } } }`;
const SEARCH = `query ($query: String, $filter: EventSearchFilter) {
  searchEvents(query: $query, filter: $filter, first: 100) { totalCount edges { node { id title venue { city } } } facets { city { value count } } }
}`;

describeInBrowser('the home page', () => {
  // Seeded events go on sale and start after ANCHOR, the API's time; the browser's own clock is earlier.
  const { server } = useTestServer({ events: 30, clock: manualClock(ANCHOR) });
  const browser = useBrowser();
  beforeAll(async () => {
    await server.indexSearch();
  });

  const titles = (page: Page) => page.locator(`${CARDS} h2`).allInnerTexts();
  const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });

  it('lists upcoming events as cards and loads the next page when the list is scrolled to its end', async () => {
    const { page, errors, foreign } = await browser.open(`${server.url}/`, PHONE);
    const { data } = await server.graphql(`{ events(first: 24, filter: { status: [ON_SALE, SOLD_OUT] }) { edges { node { title venue { name city } } } } }`);
    const expected: { title: string; venue: { name: string; city: string } }[] = data.events.edges.map((edge: { node: unknown }) => edge.node);

    await poll(() => titles(page)).toEqual(expected.slice(0, 12).map((event) => event.title));
    const first = page.locator(CARDS).first();
    expect(await first.innerText()).toContain(`${expected[0]!.venue.name}, ${expected[0]!.venue.city}`);
    expect(await first.innerText()).toMatch(/from \S+ all-in/);
    expect(await first.locator('a').getAttribute('href')).toMatch(/^\/events\/[^/]+$/);

    // On a phone the end of the list is out of sight until the fan scrolls there.
    await page.locator('.load-more button').scrollIntoViewIfNeeded();
    await poll(() => titles(page)).toEqual(expected.slice(0, 24).map((event) => event.title));
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it('suggests as the fan types; arrow keys and Enter open the event suggested, Escape closes the list', async () => {
    const { page } = await browser.open(`${server.url}/`);
    const box = page.getByRole('combobox', { name: /search events/i });
    const prefix = 'nadia';
    const { data } = await server.graphql(SUGGEST, { prefix });
    const suggestions: { kind: string; text: string; event: { id: string } | null }[] = data.suggestEvents;
    const eventIndex = suggestions.findIndex((suggestion) => suggestion.kind === 'EVENT');
    expect(suggestions[0]).toMatchObject({ kind: 'PERFORMER', text: 'Nadia Haddad' });
    expect(eventIndex).toBeGreaterThan(0);

    await box.pressSequentially(prefix);
    const options = page.getByRole('listbox').getByRole('option');
    await poll(() => options.count()).toBe(suggestions.length);
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    expect(await options.first().innerText()).toContain('Nadia Haddad');

    await box.press('Escape');
    await poll(() => box.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('listbox', { includeHidden: true }).isHidden()).toBe(true);

    for (let i = 0; i <= eventIndex; i++) await box.press('ArrowDown');
    const marked = page.locator(`#${await box.getAttribute('aria-activedescendant')}`);
    expect(await marked.getAttribute('aria-selected')).toBe('true');
    expect(await marked.innerText()).toContain(suggestions[eventIndex]!.text);
    await box.press('Enter');
    await page.waitForURL(`${server.url}/events/${suggestions[eventIndex]!.event!.id}`);
  });

  it("finds a performer's events through a typo, narrows them by a city facet, and keeps the search in the address", async () => {
    const { page, errors } = await browser.open(`${server.url}/`);
    const typo = 'nadia hadad';
    const { data } = await server.graphql(SEARCH, { query: typo });
    const found = data.searchEvents;
    expect(found.edges.map((edge: { node: { title: string } }) => edge.node.title)).toContain('Nadia Haddad: Unfiltered');
    expect(found.facets.city.length).toBeGreaterThan(1);

    const box = page.getByRole('combobox', { name: /search events/i });
    await box.fill(typo);
    await box.press('Enter');
    await page.waitForURL(`${server.url}/?q=nadia+hadad`);
    const heading = page.locator('#results-heading');
    await poll(() => heading.innerText()).toBe(`${found.totalCount} events found`);
    expect(await titles(page)).toContain('Nadia Haddad: Unfiltered');

    const city = found.facets.city[0] as { value: string; count: number };
    const narrowed = (await server.graphql(SEARCH, { query: typo, filter: { city: city.value } })).data.searchEvents;
    const facet = page.getByRole('region', { name: 'City' }).getByRole('button', { name: `${city.value} (${city.count})` });
    await facet.click();
    await page.waitForURL(`${server.url}/?q=nadia+hadad&city=${encodeURIComponent(city.value).replace(/%20/g, '+')}`);
    const narrowedHeading = `${narrowed.totalCount} ${narrowed.totalCount === 1 ? 'event' : 'events'} found`;
    await poll(() => heading.innerText()).toBe(narrowedHeading);
    expect(await titles(page)).toEqual(narrowed.edges.map((edge: { node: { title: string } }) => edge.node.title).slice(0, 12));

    // The address holds the search: a reload shows the same, and Back undoes the facet.
    await page.reload();
    await poll(() => heading.innerText()).toBe(narrowedHeading);
    expect(await box.inputValue()).toBe(typo);
    expect(await facet.getAttribute('aria-pressed')).toBe('true');
    await page.goBack();
    await poll(() => heading.innerText()).toBe(`${found.totalCount} events found`);
    expect(errors).toEqual([]);
  });

  it('narrows to events near the fan (with their consent) and under a price, and clears the filters again', async () => {
    const { data } = await server.graphql(
      `{ events(first: 1, filter: { status: [ON_SALE] }) { edges { node { venue { location { latitude longitude } } } } } }`,
    );
    const { latitude, longitude } = data.events.edges[0].node.venue.location;
    const { page, errors } = await browser.open(`${server.url}/`, { geolocation: { latitude, longitude }, permissions: ['geolocation'] });
    const near = { latitude: Number(latitude.toFixed(2)), longitude: Number(longitude.toFixed(2)), radiusKm: 50 };
    const count = async (filter: object) => (await server.graphql(SEARCH, { filter })).data.searchEvents.totalCount as number;
    const heading = page.locator('#results-heading');
    const found = (n: number) => `${n} ${n === 1 ? 'event' : 'events'} found`;

    await page.getByText('Filters', { exact: true }).click();
    await page.getByRole('button', { name: /Near me/ }).click();
    await page.waitForURL(`${server.url}/?near=${near.latitude}%2C${near.longitude}`);
    await poll(() => heading.innerText()).toBe(found(await count({ near })));

    await page.getByLabel('Max price').fill('60');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const price = { max: 6_000, currency: 'USD' };
    await poll(() => heading.innerText()).toBe(found(await count({ near, price })));
    expect(new URL(page.url()).searchParams.get('max')).toBe('60');
    expect(await page.getByRole('button', { name: /Near me/ }).getAttribute('aria-pressed')).toBe('true');

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL(`${server.url}/`);
    // On a desktop-sized screen the list goes on loading until its end is out of sight.
    await poll(() => page.getByRole('list', { name: 'Upcoming events' }).locator('.event-card').count()).toBeGreaterThanOrEqual(12);
    expect(errors).toEqual([]);
  });
});
