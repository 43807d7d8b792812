/**
 * The processes' shared reserve latencies on PostgreSQL
 * (waiting_room_latencies): one row per process, replaced at each share.
 */
import type { Queryable } from '../../db/client.js';
import type { LatencyCounts } from '../latency-window.js';

export async function saveLatencies(sql: Queryable, processId: string, counts: LatencyCounts, now: Date): Promise<void> {
  await sql`
    INSERT INTO waiting_room_latencies (process_id, counts, shared_at) VALUES (${processId}, ${sql.json(counts)}, ${now})
    ON CONFLICT (process_id) DO UPDATE SET counts = excluded.counts, shared_at = excluded.shared_at`;
}

/** The counts shared at or after `since`; the rows of processes silent since before it are deleted. */
export async function latenciesSince(sql: Queryable, since: Date): Promise<LatencyCounts[]> {
  const rows = await sql<{ counts: LatencyCounts }[]>`
    WITH gone AS (DELETE FROM waiting_room_latencies WHERE shared_at < ${since})
    SELECT counts FROM waiting_room_latencies WHERE shared_at >= ${since}`;
  return rows.map((row) => row.counts);
}
