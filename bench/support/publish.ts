/**
 * The publish piece of bench:organizer: a 20,000-seat arena (the demo's:
 * two rings of reserved sections around a standing floor) and a
 * 100,000-seat stadium (three rings around a standing field), stored with
 * catalog's storeVenues; for each, `runs` drafts created and published
 * through the API of a server in its own process (createEvent, then
 * publishEvent over HTTP), timed from the client: wall time per publish,
 * median of the runs, and tickets made per second at the median. Then each
 * published event's every price is changed (updateEvent), which reprices
 * all its tickets and records them on the seat map: timed the same way.
 * The baseline, in the same run: after each publish, the same tickets made
 * for another draft of the venue by the bare statement publishing runs
 * (catalog's createTickets) straight from SQL.
 *
 * The bar: publishing under 1 s for the arena, under 5 s for the
 * stadium. Price changes have none; they are shown for what they cost.
 */
import { performance } from 'node:perf_hooks';

import postgres from 'postgres';

import { sectionCapacity, type SectionDefinition } from '../../src/catalog/seat-layout.js';
import { createTickets } from '../../src/catalog/store.js';
import { storeVenues } from '../../src/catalog/venues.js';
import { arenaSections } from '../../src/db/seed/demo-data.js';
import { fromGlobalIdOf, toGlobalId } from '../../src/relay/global-id.js';
import { CREATE_EVENT, PUBLISH_EVENT, UPDATE_EVENT } from '../../test/organizer/events-support.js';
import { createBuyers } from '../../test/support/booking.js';
import { TEST_SECRETS } from '../../test/support/server.js';
import { startServerProcess } from '../../test/support/server-process.js';
import type { Cleanups } from './cleanups.js';
import { openBenchDatabase } from './database.js';
import { percentile, round } from './stats.js';

export interface PublishBenchOptions {
  /** What the run must undo (its database and server). */
  cleanups: Cleanups;
  /** Drafts published per venue; default 7 and 5. */
  arenaRuns?: number;
  stadiumRuns?: number;
}

export interface PublishFigures {
  venue: string;
  /** Seats and standing units: the tickets each publish makes. */
  tickets: number;
  sections: number;
  /** Wall time of each publishEvent, in milliseconds, in run order. */
  runsMs: number[];
  medianMs: number;
  /** Tickets made per second at the median. */
  ticketsPerSecond: number;
  /** Wall time of each price change of every section after the publish, in milliseconds, in run order. */
  repriceRunsMs: number[];
  repriceMedianMs: number;
  /** The baseline: catalog's createTickets alone, by SQL, on another draft of the venue after each run. */
  baselineRunsMs: number[];
  baselineMedianMs: number;
  /** The bar for this venue, in milliseconds. */
  limitMs: number;
}

export interface PublishBenchResult {
  venues: PublishFigures[];
  postgres: { kind: string; version: string; host?: string };
}

/** A 100,000-capacity stadium: three rings of twenty reserved sections (30 rows of 50) around a 10,000-place standing field. */
export function stadiumSections(): SectionDefinition[] {
  const ring = (level: number, radius: number): SectionDefinition[] =>
    Array.from({ length: 20 }, (_, i) => ({
      name: `${level}${String(i + 1).padStart(2, '0')}`,
      kind: 'RESERVED',
      rows: 30,
      seatsPerRow: 50,
      layout: { shape: 'arc', radius, rowGap: 0.8, from: i * 18 + 0.5, to: i * 18 + 17.5 },
    }));
  return [{ name: 'Field', kind: 'GENERAL_ADMISSION', capacity: 10_000 }, ...ring(1, 80), ...ring(2, 110), ...ring(3, 140)];
}

const VENUES = [
  { name: 'Bench Arena', sections: arenaSections(), limitMs: 1_000, runs: (options: PublishBenchOptions) => options.arenaRuns ?? 7 },
  { name: 'Bench Stadium', sections: stadiumSections(), limitMs: 5_000, runs: (options: PublishBenchOptions) => options.stadiumRuns ?? 5 },
];

const median = (values: readonly number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

export async function benchPublish(options: PublishBenchOptions): Promise<PublishBenchResult> {
  const { cleanups } = options;
  const database = await openBenchDatabase('organizer-publish', cleanups);
  const server = await startServerProcess({ DATABASE_URL: database.url, SEED_DEMO: 'false', ...TEST_SECRETS });
  cleanups.add(() => server.stop());
  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  cleanups.add(() => sql.end());
  const [organizer] = await createBuyers(sql, 1, 'ORGANIZER');
  const { venueIds, sectionIds } = await sql.begin((tx) =>
    storeVenues(
      tx,
      VENUES.map((venue) => ({
        name: venue.name,
        address: '1 Bench Way',
        city: 'Chicago',
        region: 'IL',
        country: 'US',
        latitude: 41.85,
        longitude: -87.62,
        timezone: 'America/Chicago',
        sections: venue.sections,
      })),
      { organizerId: organizer!.userId, createdAt: new Date() },
    ),
  );
  // A real catalog's statistics know its seats long before an event is published.
  await sql`ANALYZE`;

  const graphql = async (query: string, input: Record<string, unknown>) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${organizer!.token}` },
      body: JSON.stringify({ query, variables: { input } }),
    });
    const body = (await response.json()) as {
      data?: Record<string, { event: { id: string; status: string } | null; userErrors: unknown[] }>;
      errors?: unknown[];
    };
    const payload = body.data && Object.values(body.data)[0];
    if (body.errors || !payload?.event) throw new Error(`the API refused: ${JSON.stringify(body.errors ?? payload?.userErrors)}`);
    return payload.event;
  };

  const figures: PublishFigures[] = [];
  for (const [v, venue] of VENUES.entries()) {
    const tickets = venue.sections.reduce((sum, section) => sum + sectionCapacity(section), 0);
    const runsMs: number[] = [];
    const repriceRunsMs: number[] = [];
    const baselineRunsMs: number[] = [];
    const prices = (extra: number) =>
      sectionIds[v]!.map((id, s) => ({ sectionId: toGlobalId('Section', id), amount: 5_000 + 1_000 * (s % 4) + extra, currency: 'USD' }));
    for (let run = 0; run < venue.runs(options); run++) {
      const startsAt = Date.now() + (30 + run) * 86_400_000;
      const draftInput = {
        title: `${venue.name} night ${run + 1}`,
        category: 'CONCERT',
        venueId: toGlobalId('Venue', venueIds[v]!),
        onSaleAt: new Date(Date.now() + 86_400_000).toISOString(),
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(startsAt + 3 * 3_600_000).toISOString(),
        prices: prices(0),
      };
      const draft = await graphql(CREATE_EVENT, draftInput);
      const started = performance.now();
      const published = await graphql(PUBLISH_EVENT, { eventId: draft.id });
      runsMs.push(performance.now() - started);
      const [made] = await sql<[{ n: number }]>`SELECT count(*)::int AS n FROM tickets WHERE event_id = ${fromGlobalIdOf('Event', draft.id)}`;
      if (published.status !== 'ON_SALE' || made.n !== tickets) throw new Error(`publishing ${venue.name} made ${made.n} tickets of ${tickets}`);
      const repriceStarted = performance.now();
      await graphql(UPDATE_EVENT, { eventId: draft.id, prices: prices(500) });
      repriceRunsMs.push(performance.now() - repriceStarted);
      // The baseline: the same tickets made by the bare statement publishing runs (catalog's createTickets), on another
      // draft of the venue, straight from SQL: what publishing costs beyond it is the API, the checks and the locks.
      const bare = await graphql(CREATE_EVENT, { ...draftInput, title: `${venue.name} bare ${run + 1}` });
      const bareStarted = performance.now();
      await createTickets(sql, [fromGlobalIdOf('Event', bare.id)]);
      baselineRunsMs.push(performance.now() - bareStarted);
    }
    const medianMs = median(runsMs);
    figures.push({
      venue: venue.name,
      tickets,
      sections: venue.sections.length,
      runsMs: runsMs.map((ms) => round(ms)),
      medianMs: round(medianMs),
      ticketsPerSecond: Math.round(tickets / (medianMs / 1000)),
      repriceRunsMs: repriceRunsMs.map((ms) => round(ms)),
      repriceMedianMs: round(median(repriceRunsMs)),
      baselineRunsMs: baselineRunsMs.map((ms) => round(ms)),
      baselineMedianMs: round(median(baselineRunsMs)),
      limitMs: venue.limitMs,
    });
  }
  return { venues: figures, postgres: database.postgres };
}
