/**
 * The rule "a hold that has run out is free" on its own (drizzle/0009_hold_expiry.sql, and its
 * TypeScript twin src/booking/hold-expiry.ts): every status, with the hold's end before, at and
 * after the time asked about. A ticket HELD until `at` is AVAILABLE at `at`, a hold ACTIVE until
 * `at` is EXPIRED at `at`. Each predicate agrees with the status function it stands for, and the
 * planner inlines them all, so that they read from indexes as written-out conditions would.
 */
import { describe, expect, it } from 'vitest';

import { holdLiveAt, holdStatusAt } from '../src/booking/hold-expiry.js';
import { useTestDatabase } from './support/fixture.js';

const AT = new Date('2030-01-01T12:00:00.000Z');
const MS = 1;
/** Where the hold's end is, relative to `at`. */
const ENDS = {
  'a millisecond before': new Date(AT.getTime() - MS),
  'exactly at': AT,
  'a millisecond after': new Date(AT.getTime() + MS),
  'an hour after': new Date(AT.getTime() + 3_600_000),
} as const;
type End = keyof typeof ENDS;
const ENDINGS = Object.keys(ENDS) as End[];

const TICKET_STATUSES = ['AVAILABLE', 'HELD', 'SOLD'] as const;
const HOLD_STATUSES = ['ACTIVE', 'RELEASED', 'EXPIRED', 'CONFIRMED'] as const;

describe('a hold that has run out is free', () => {
  const { database } = useTestDatabase();

  /** Each SQL function of the rule for every case, in one statement. */
  async function ticketsAt(cases: { status: string; heldUntil: Date | null }[]) {
    return database.sql<{ at: string; held: boolean | null; lapsed: boolean | null; taken: boolean | null; claimable: boolean | null }[]>`
      SELECT ticket_status_at(c.status, c.held_until, ${AT}) AS at,
             ticket_held_at(c.status, c.held_until, ${AT}) AS held, ticket_lapsed_at(c.status, c.held_until, ${AT}) AS lapsed,
             ticket_taken_at(c.status, c.held_until, ${AT}) AS taken, ticket_claimable_at(c.status, c.held_until, ${AT}) AS claimable
      FROM unnest(${cases.map((c) => c.status)}::ticket_status[], ${cases.map((c) => c.heldUntil?.toISOString() ?? null)}::timestamptz[])
        WITH ORDINALITY AS c (status, held_until, n)
      ORDER BY c.n`;
  }

  async function holdsAt(cases: { status: string; expiresAt: Date }[]) {
    return database.sql<{ status: string; at: string; live: boolean; lapsed: boolean }[]>`
      SELECT c.status, hold_status_at(c.status, c.expires_at, ${AT}) AS at,
             hold_live_at(c.status, c.expires_at, ${AT}) AS live, hold_lapsed_at(c.status, c.expires_at, ${AT}) AS lapsed
      FROM unnest(${cases.map((c) => c.status)}::hold_status[], ${cases.map((c) => c.expiresAt.toISOString())}::timestamptz[])
        WITH ORDINALITY AS c (status, expires_at, n)
      ORDER BY c.n`;
  }

  it('shows a ticket held until at or before the time asked about as AVAILABLE, and never changes an AVAILABLE or SOLD one', async () => {
    const cases = TICKET_STATUSES.flatMap((status) => ENDINGS.map((end) => ({ status, end, heldUntil: ENDS[end] })));
    const rows = await ticketsAt(cases);
    const statusAt = Object.fromEntries(cases.map((c, i) => [`${c.status} until ${c.end}`, rows[i]!.at]));
    expect(statusAt).toEqual({
      'AVAILABLE until a millisecond before': 'AVAILABLE',
      'AVAILABLE until exactly at': 'AVAILABLE',
      'AVAILABLE until a millisecond after': 'AVAILABLE',
      'AVAILABLE until an hour after': 'AVAILABLE',
      'HELD until a millisecond before': 'AVAILABLE',
      'HELD until exactly at': 'AVAILABLE',
      'HELD until a millisecond after': 'HELD',
      'HELD until an hour after': 'HELD',
      'SOLD until a millisecond before': 'SOLD',
      'SOLD until exactly at': 'SOLD',
      'SOLD until a millisecond after': 'SOLD',
      'SOLD until an hour after': 'SOLD',
    });
  });

  it('has each ticket predicate say what ticket_status_at says, which an index can answer', async () => {
    const cases = [
      ...TICKET_STATUSES.flatMap((status) => ENDINGS.map((end) => ({ status, heldUntil: ENDS[end] as Date | null }))),
      { status: 'AVAILABLE', heldUntil: null }, // never held
      { status: 'SOLD', heldUntil: null }, // a sale clears held_until
    ];
    const rows = await ticketsAt(cases);
    cases.forEach(({ status, heldUntil }, i) => {
      const { at, ...predicates } = rows[i]!;
      expect({ status, heldUntil, at, ...predicates }).toEqual({
        status,
        heldUntil,
        at,
        held: at === 'HELD',
        lapsed: status === 'HELD' && at === 'AVAILABLE',
        taken: at !== 'AVAILABLE',
        // A reservation may claim what is AVAILABLE, but not before where the last claim on it ended (held_until).
        claimable: at === 'AVAILABLE' && (heldUntil === null || heldUntil <= AT),
      });
    });
  });

  it('shows a hold ACTIVE until at or before the time asked about as EXPIRED, in SQL and in TypeScript alike', async () => {
    const cases = HOLD_STATUSES.flatMap((status) => ENDINGS.map((end) => ({ status, end, expiresAt: ENDS[end] })));
    const rows = await holdsAt(cases);
    const statusAt = Object.fromEntries(cases.map((c, i) => [`${c.status} until ${c.end}`, rows[i]!.at]));
    expect(statusAt).toEqual({
      'ACTIVE until a millisecond before': 'EXPIRED',
      'ACTIVE until exactly at': 'EXPIRED',
      'ACTIVE until a millisecond after': 'ACTIVE',
      'ACTIVE until an hour after': 'ACTIVE',
      ...Object.fromEntries(['RELEASED', 'EXPIRED', 'CONFIRMED'].flatMap((status) => ENDINGS.map((end) => [`${status} until ${end}`, status]))),
    });
    cases.forEach((c, i) => {
      const row = rows[i]!;
      expect({ case: c, typescript: holdStatusAt(c, AT), live: holdLiveAt(c, AT) }).toEqual({ case: c, typescript: row.at, live: row.at === 'ACTIVE' });
      expect({ case: c, live: row.live, lapsed: row.lapsed }).toEqual({
        case: c,
        live: row.at === 'ACTIVE',
        lapsed: row.status === 'ACTIVE' && row.at === 'EXPIRED',
      });
    });
  });

  it('is inlined by the planner, so that the conditions it stands for are read from the indexes', async () => {
    const plan = async (query: Promise<{ 'QUERY PLAN': string }[]>) => (await query).map((row) => row['QUERY PLAN']).join('\n');
    await database.sql.begin(async (tx) => {
      await tx`SET LOCAL enable_seqscan = off`;
      await tx`SET LOCAL enable_bitmapscan = off`;
      // The seat map's lapsed holds and next expiry: event, status and held_until all from tickets_event_status_idx.
      const lapsed = await plan(tx`EXPLAIN SELECT id FROM tickets WHERE event_id = 1 AND ticket_lapsed_at(status, held_until, ${AT})`);
      expect(lapsed).toMatch(/Index Cond: \(\(event_id = 1\) AND \(status = 'HELD'::ticket_status\) AND \(held_until <= /);
      const held = await plan(tx`EXPLAIN SELECT min(held_until) FROM tickets WHERE event_id = 1 AND ticket_held_at(status, held_until, ${AT})`);
      expect(held).toMatch(/Index Cond: \(\(event_id = 1\) AND \(status = 'HELD'::ticket_status\) AND \(held_until > /);
      // Best available and the claim: the conditions themselves, which the planner can match to an index (on this
      // empty table it picks another; EXPLAIN on a catalog shows tickets_event_status_idx, see ARCHITECTURE.md).
      const claimable = await plan(tx`EXPLAIN SELECT 1 FROM tickets WHERE event_id = 1 AND section_id = 2 AND ticket_claimable_at(status, held_until, ${AT})`);
      expect(claimable).toMatch(/\(status = ANY \('\{AVAILABLE,HELD\}'::ticket_status\[\]\)\) AND \(\(held_until IS NULL\) OR \(held_until <= /);
      // The sweeper: the partial index of ACTIVE holds, in expiry order.
      const sweep = await plan(tx`EXPLAIN SELECT id FROM holds WHERE hold_lapsed_at(status, expires_at, ${AT}) ORDER BY expires_at LIMIT 500`);
      expect(sweep).toMatch(/Index Scan using holds_active_expiry_idx on holds/);
      expect(sweep).toMatch(/Index Cond: \(expires_at <= /);
      // No call is left for the planner to make blind: each body is in the plan in the function's place.
      const all = [lapsed, held, claimable, sweep].join('\n');
      expect(all).not.toMatch(/_at\(/);
    });
  });
});
