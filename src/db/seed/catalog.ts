/**
 * Stores a planned catalog (plan.ts): users, venues with seat maps (as the
 * catalog writes any venue: src/catalog/venues.ts), performers, a year of
 * events and their tickets. The plan is deterministic
 * and rows go in in plan order, so the same options give the same rows and
 * ids in a fresh database.
 */
import type { TransactionSql } from 'postgres';

import { DEMO_ACCOUNTS, type DemoAccount, demoAccountRows } from '../../accounts/demo-accounts.js';
import { createTickets } from '../../catalog/store.js';
import { storeVenues } from '../../catalog/venues.js';
import type { Sql } from '../client.js';
import { insertRows as insert } from '../insert.js';
import type { PerformerDefinition, VenueDefinition } from './demo-data.js';
import { DAY, type EventPlan, planCatalog, type PlanOptions } from './plan.js';

export { DEMO_EVENTS } from './plan.js';

export interface SeedOptions extends PlanOptions {
  /**
   * The demo accounts (an admin, an organizer who owns every event, a fan) with
   * their passwords, e.g. `demoAccounts('generated')`. Default: DEMO_ACCOUNTS,
   * the README's passwords, for the throwaway databases of tests and
   * benchmarks; the server's seeding and the seed CLI always choose.
   */
  accounts?: readonly DemoAccount[];
  /** Called after each chunk of events is stored with its tickets. */
  onProgress?: (eventsDone: number, total: number) => void;
  /**
   * Default true. Tickets are nine rows in ten of a large catalog; a benchmark
   * that only reads the catalog (search) can do without them.
   */
  tickets?: boolean;
}

export interface SeedSummary {
  users: number;
  venues: number;
  sections: number;
  seats: number;
  performers: number;
  events: number;
  tickets: number;
}

type Queryable = Sql | TransactionSql;
/** A chunk of events is stored (and, on a pool, committed) together; about this many tickets each. */
const TICKETS_PER_CHUNK = 250_000;

/**
 * Seeds the catalog into an empty database and returns what it created. On a
 * pool it commits in chunks (a large run need not fit one transaction); given
 * a transaction, everything happens inside it. (A reserved connection has no
 * `begin` and would commit statement by statement: pass the pool.)
 */
export async function seedCatalog(sql: Queryable, options: SeedOptions): Promise<SeedSummary> {
  const { venues, performers, events: plans } = planCatalog(options);

  const stored = await inTransaction(sql, (tx) => storeVenuesAndPerformers(tx, venues, performers, options));
  let tickets = 0;
  for (let start = 0; start < plans.length;) {
    let end = start;
    for (let budget = 0; end < plans.length && budget < TICKETS_PER_CHUNK; end++) budget += plans[end]!.tickets;
    const chunk = plans.slice(start, end);
    tickets += await inTransaction(sql, (tx) => storeEvents(tx, chunk, stored, options.tickets ?? true));
    options.onProgress?.(end, plans.length);
    start = end;
  }
  return {
    users: 3,
    venues: venues.length,
    sections: stored.sections,
    seats: stored.seats,
    performers: performers.length,
    events: plans.length,
    tickets,
  };
}

/** Ids of what events refer to, by index in the seed's own lists. */
interface Stored {
  organizerId: number;
  venueIds: number[];
  /** Per venue, its section ids in the order of its definition, which is also the order of each plan's prices. */
  venueSectionIds: number[][];
  performerIds: number[];
  sections: number;
  seats: number;
}

async function storeVenuesAndPerformers(
  sql: Queryable,
  venues: VenueDefinition[],
  performers: PerformerDefinition[],
  { anchor, seed, accounts }: SeedOptions,
): Promise<Stored> {
  const since = new Date(anchor.getTime() - 180 * DAY);
  const [, organizerId] = await insert(sql, 'users', await demoAccountRows(seed, since, accounts ?? DEMO_ACCOUNTS)); // admin, organizer, fan
  const stored = await storeVenues(sql, venues, { organizerId: organizerId!, createdAt: since });
  const performerIds = await insert(
    sql,
    'performers',
    performers.map((p) => ({ ...p, created_at: since })),
  );
  return {
    organizerId: organizerId!,
    venueIds: stored.venueIds,
    venueSectionIds: stored.sectionIds,
    performerIds,
    sections: stored.sections,
    seats: stored.seats,
  };
}

/** Stores events with their performers and prices, then (`withTickets`) creates their tickets; returns the ticket count. */
async function storeEvents(sql: Queryable, plans: EventPlan[], stored: Stored, withTickets: boolean): Promise<number> {
  const eventIds = await insert(
    sql,
    'events',
    plans.map((plan) => ({
      title: plan.title,
      description: plan.description,
      category: plan.category,
      status: plan.status,
      starts_at: plan.startsAt,
      ends_at: plan.endsAt,
      on_sale_at: plan.onSaleAt,
      venue_id: stored.venueIds[plan.venue]!,
      organizer_id: stored.organizerId,
      currency: plan.currency,
      hold_ttl_seconds: 600,
      ticket_limit: plan.ticketLimit,
      created_at: plan.createdAt,
      updated_at: plan.updatedAt,
    })),
  );
  await insert(
    sql,
    'event_performers',
    plans.flatMap((plan, e) => plan.performers.map((p, billing) => ({ event_id: eventIds[e]!, performer_id: stored.performerIds[p]!, billing }))),
    { returnIds: false },
  );
  await insert(
    sql,
    'event_sections',
    plans.flatMap((plan, e) => plan.prices.map((price, s) => ({ event_id: eventIds[e]!, section_id: stored.venueSectionIds[plan.venue]![s]!, price }))),
    { returnIds: false },
  );
  return withTickets ? withoutTriggers(sql, () => createTickets(sql, eventIds)) : 0;
}

/** A transaction of its own on a pool; the caller's when `sql` already is one. */
async function inTransaction<T>(sql: Queryable, work: (tx: Queryable) => Promise<T>): Promise<T> {
  return 'begin' in sql ? ((await sql.begin(work)) as T) : work(sql);
}

/**
 * Runs the ticket insert with `session_replication_role = replica`, which
 * skips every trigger, and so the foreign-key check of each ticket: it
 * proves nothing here (tickets are made from rows just stored), and the three
 * a ticket had before migration 0015 cost 60% of the seed. Scoped to that
 * one statement and restored after it, so the rest of the caller's
 * transaction runs its triggers; tickets has no trigger of its
 * own, and test/seed.test.ts fails the day one is added. Needs a superuser;
 * without one the checks simply run. (On failure the transaction rolls back,
 * and the setting with it.)
 */
async function withoutTriggers<T>(sql: Queryable, work: () => Promise<T>): Promise<T> {
  const skipped = await sql`
    SELECT set_config('session_replication_role', 'replica', true)
    FROM pg_roles WHERE rolname = current_user AND rolsuper`;
  const result = await work();
  if (skipped.length > 0) await sql`SELECT set_config('session_replication_role', 'origin', true)`;
  return result;
}
