/**
 * `npm run screenshot`: the README's picture of the seat map (docs/seat-map.png). Starts the API as `npm start`
 * does, with the demo catalog seeded afresh in a database of its own (on DATABASE_URL's server, or an embedded
 * PostgreSQL), has a few fans hold and buy seats so the map shows some taken, and photographs the 20,000-seat
 * arena's event page in Chromium.
 * Run it by hand when the app's look changes; tests never rewrite the picture.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { chromium } from 'playwright-core';
import postgres from 'postgres';

import { Cleanups } from '../bench/support/cleanups.js';
import { openBenchDatabase } from '../bench/support/database.js';
import { createBuyers } from '../test/support/booking.js';
import { CHROMIUM_ARGS, chromiumPath } from '../test/support/browser.js';
import { TEST_SECRETS } from '../test/support/server.js';
import { startServerProcess } from '../test/support/server-process.js';

const OUTPUT = path.resolve('docs/seat-map.png');
const ARENA = 'Lakeshore Arena';

if (!chromiumPath) throw new Error('No `chromium` on PATH (on Debian: apt-get install chromium).');

const cleanups = new Cleanups();
try {
  const database = await openBenchDatabase('screenshot', cleanups);
  const server = await startServerProcess({ DATABASE_URL: database.url, SEED_DEMO: 'true', ...TEST_SECRETS });
  cleanups.add(() => server.stop());
  const graphql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify({ query, variables }),
    });
    const { data, errors } = (await response.json()) as { data: any; errors?: unknown[] };
    if (errors) throw new Error(JSON.stringify(errors));
    return data;
  };
  const { events } = await graphql(`
    {
      events(first: 100) {
        edges {
          node {
            id
            title
            venue {
              name
            }
          }
        }
      }
    }
  `);
  const upcoming: { id: string; title: string; venue: { name: string } }[] = events.edges.map((edge: { node: unknown }) => edge.node);
  const event = upcoming.find((node) => node.venue.name === ARENA);
  if (!event) throw new Error(`No event at ${ARENA} in the demo catalog.`);

  // Some taken seats, so the picture shows the map's colours: fans buy best-available seats in a few sections.
  const sql = postgres(database.url, { max: 1, onnotice: () => {} });
  cleanups.add(() => sql.end());
  const fans = await createBuyers(sql, 30);
  for (const [fan, { token }] of fans.entries()) {
    const { reserveSeats } = await graphql(
      `
        mutation ($input: ReserveSeatsInput!) {
          reserveSeats(input: $input) {
            hold {
              id
            }
            userErrors {
              message
            }
          }
        }
      `,
      { input: { eventId: event.id, bestAvailable: { quantity: 4 } } },
      token,
    );
    if (!reserveSeats.hold) throw new Error(JSON.stringify(reserveSeats.userErrors));
    if (fan % 2 === 0) continue; // half stay held, half are bought
    await graphql(
      `
        mutation ($input: ConfirmBookingInput!) {
          confirmBooking(input: $input) {
            booking {
              id
            }
            userErrors {
              message
            }
          }
        }
      `,
      { input: { holdId: reserveSeats.hold.id, payment: { token: 'tok_visa' }, idempotencyKey: `screenshot-${fan}` } },
      token,
    );
  }

  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(`${server.url}/events/${event.id}`);
    await page.waitForFunction(() => performance.getEntriesByName('seat-map-drawn').length > 0, undefined, { timeout: 30_000 });
    mkdirSync(path.dirname(OUTPUT), { recursive: true });
    // The seat choice alone: the map, its legend and the list of sections (the page above it is the event's details).
    await page.getByRole('region', { name: 'Choose your seats' }).screenshot({ path: OUTPUT });
    console.log(`${OUTPUT}: ${event.title} at ${ARENA}`);
  } finally {
    await browser.close();
  }
} finally {
  await cleanups.run();
}
