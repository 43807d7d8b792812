/**
 * The database's own limit for holds: pgbench running a reservation's SQL
 * (src/booking/reserve.ts, `reserveChosen`: the per-user lock and limit
 * count, the ticket try-lock, the claim, the seat-map version) on
 * `clients` connections for `seconds`, with no HTTP, GraphQL or Node in the
 * way. Each transaction holds one random ticket of its own event for a
 * millisecond, so that a later one can claim it again.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/** Keep in step with the statements of src/booking/reserve.ts and src/seatmap/change-log.ts. */
const RESERVE_SCRIPT = String.raw`
\set ticket random(:first_ticket, :last_ticket)
\set buyer random(:first_user, :last_user)
BEGIN;
SELECT pg_advisory_xact_lock(:event, :buyer);
SELECT count(*)::int AS taken FROM holds h JOIN hold_tickets ht ON ht.hold_id = h.id LEFT JOIN bookings b ON b.hold_id = h.id
  WHERE h.event_id = :event AND h.user_id = :buyer AND ((h.status = 'ACTIVE' AND h.expires_at > now()) OR b.status = 'CONFIRMED');
SELECT id FROM unnest(ARRAY[:ticket]::bigint[]) AS id WHERE NOT pg_try_advisory_xact_lock(id);
WITH hold AS (
  INSERT INTO holds (event_id, user_id, expires_at, created_at) VALUES (:event, :buyer, now() + interval '1 millisecond', now()) RETURNING id
), claimed AS (
  UPDATE tickets t SET status = 'HELD', hold_id = (SELECT id FROM hold), held_until = now() + interval '1 millisecond'
  WHERE t.id = :ticket AND t.event_id = :event AND (t.status = 'AVAILABLE' OR (t.status = 'HELD' AND t.held_until <= now()))
  RETURNING t.id, t.price
)
INSERT INTO hold_tickets (hold_id, ticket_id, price, claimed_from, claimed_until)
SELECT (SELECT id FROM hold), id, price, now(), now() + interval '1 millisecond' FROM claimed RETURNING hold_id, ticket_id, price;
WITH bumped AS (
  INSERT INTO seat_maps (event_id, version) VALUES (:event, 1) ON CONFLICT (event_id) DO UPDATE SET version = seat_maps.version + 1 RETURNING version
), changed AS (
  INSERT INTO seat_map_changes (event_id, version, ticket_id, status, price) SELECT :event, version, :ticket, 'HELD', 0 FROM bumped
), forgotten AS (
  DELETE FROM seat_map_changes WHERE event_id = :event AND version <= (SELECT version FROM bumped) - 1000
)
SELECT version FROM bumped;
COMMIT;
`;

/** pgbench on the PATH, or in a Debian PostgreSQL's bin folder; undefined if neither. */
function findPgbench(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir && existsSync(path.join(dir, 'pgbench'))) return path.join(dir, 'pgbench');
  const debian = '/usr/lib/postgresql';
  if (!existsSync(debian)) return undefined;
  const versions = readdirSync(debian).sort((a, b) => Number(b) - Number(a));
  return versions.map((version) => path.join(debian, version, 'bin', 'pgbench')).find(existsSync);
}

export interface PgbenchOptions {
  url: string;
  eventId: number;
  tickets: { first: number; last: number };
  users: { first: number; last: number };
  clients: number;
  seconds: number;
}

/** Transactions per second, or why there is no figure. */
export async function pgbenchReserveRate(options: PgbenchOptions): Promise<{ perSecond: number } | { skipped: string }> {
  const pgbench = findPgbench();
  if (!pgbench) return { skipped: 'pgbench not found (it comes with PostgreSQL; put its bin folder on the PATH)' };
  const script = path.join(os.tmpdir(), `reserve-${process.pid}.pgbench.sql`);
  await writeFile(script, RESERVE_SCRIPT);
  const variables = {
    event: options.eventId,
    first_ticket: options.tickets.first,
    last_ticket: options.tickets.last,
    first_user: options.users.first,
    last_user: options.users.last,
  };
  const args = [
    '--no-vacuum',
    '--protocol=prepared',
    `--client=${options.clients}`,
    `--jobs=${Math.min(options.clients, os.cpus().length)}`,
    `--time=${options.seconds}`,
    `--file=${script}`,
    ...Object.entries(variables).map(([name, value]) => `--define=${name}=${value}`),
    options.url,
  ];
  const { stdout } = await promisify(execFile)(pgbench, args, { maxBuffer: 16 * 1024 * 1024 });
  const tps = /tps = ([\d.]+)/.exec(stdout);
  if (!tps) throw new Error(`pgbench printed no rate:\n${stdout}`);
  return { perSecond: Number(tps[1]) };
}
