/**
 * The waiting room in Chromium: a fan joins from the event page, sees their place in line move live
 * (queuePassChanged), is let in by the admitter, and goes straight on to choose seats and buy them with the
 * admission token. The test server admits and pushes when told (server.admitWaitingRooms, pushQueuePasses).
 */
import { beforeAll, expect, it } from 'vitest';

import { type Buyer, createBuyers, createOnSaleEvent, type OnSaleEvent } from '../support/booking.js';
import { describeInBrowser, useBrowser } from '../support/browser.js';
import { useTestServer } from '../support/fixture.js';

const CONFIGURE = `mutation ($input: ConfigureWaitingRoomInput!) { configureWaitingRoom(input: $input) { userErrors { code message } } }`;
const JOIN = `mutation ($eventId: ID!) { joinWaitingRoom(input: { eventId: $eventId }) { pass { position } userErrors { code } } }`;
const LEAVE = `mutation ($eventId: ID!) { leaveWaitingRoom(input: { eventId: $eventId }) { userErrors { code } } }`;
const BOOKINGS = `{ me { bookings { edges { node { status tickets { id } } } } } }`;

describeInBrowser('the waiting room in the fan web app', () => {
  const { database, server } = useTestServer();
  const browser = useBrowser();
  let event: OnSaleEvent;
  let fan: Buyer;
  let ahead: Buyer;

  beforeAll(async () => {
    const [organizer] = (await createBuyers(database.sql, 1, 'ORGANIZER')) as [Buyer];
    [fan, ahead] = (await createBuyers(database.sql, 2)) as [Buyer, Buyer];
    // On sale now, on the real clock the browser shares; one admitted fan at a time, so the test decides who goes in.
    event = await createOnSaleEvent(database.sql, organizer.userId, {
      rows: 2,
      seatsPerRow: 5,
      onSaleAt: new Date(Date.now() - 3_600_000),
      startsAt: new Date(Date.now() + 30 * 86_400_000),
    });
    const configured = await server.graphql(
      CONFIGURE,
      { input: { eventId: event.id, enabled: true, admitPerMinute: 6000, maxActiveBuyers: 1 } },
      organizer.token,
    );
    expect(configured.data.configureWaitingRoom.userErrors).toEqual([]);
    await server.admitWaitingRooms(); // the room's first round since the opening: from now on, fans who join get numbers
  });

  it('lets a fan join, shows their place live, and takes them to the seats once admitted, to buy', async () => {
    expect((await server.graphql(JOIN, { eventId: event.id }, ahead.token)).data.joinWaitingRoom.pass.position).toBe(1);
    const { page, errors, foreign } = await browser.open(`${server.url}/events/${event.id}`, { token: fan.token });
    await page.getByRole('heading', { name: 'Waiting room' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Choose your seats' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Join the waiting room' }).click();
    const place = page.getByRole('status');
    await expect.poll(() => place.textContent()).toContain('You are number 2 in line.');
    expect(await place.getAttribute('class')).toBe('queue-place');

    // The fan ahead is let in: this one moves up, without a reload.
    expect((await server.admitWaitingRooms()).flatMap((round) => round.admitted)).toHaveLength(1);
    await server.pushQueuePasses();
    await expect.poll(() => place.textContent()).toContain('You are number 1 in line.');

    // The fan ahead leaves, which frees the one admission slot: this fan is let in.
    expect((await server.graphql(LEAVE, { eventId: event.id }, ahead.token)).data.leaveWaitingRoom.userErrors).toEqual([]);
    expect((await server.admitWaitingRooms()).flatMap((round) => round.admitted)).toHaveLength(1);
    await server.pushQueuePasses();
    await page.getByRole('heading', { name: 'Choose your seats' }).waitFor();
    await expect.poll(() => page.getByRole('timer').textContent()).toMatch(/^\d+:\d\d$/);

    await page.getByRole('radio', { name: 'Best available' }).check();
    await page.getByLabel('Tickets').selectOption('2');
    await page.getByRole('button', { name: 'Reserve the best 2 seats' }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.getByRole('heading', { name: 'You have your tickets' }).waitFor();

    const { data } = await server.graphql(BOOKINGS, {}, fan.token);
    expect(data.me.bookings.edges.map(({ node }: any) => [node.status, node.tickets.length])).toEqual([['CONFIRMED', 2]]);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });
});
