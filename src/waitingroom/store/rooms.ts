/**
 * The organizers' waiting-room settings (waiting_rooms), one row per event
 * that has ever had a room.
 */
import type { EventStatus } from '../../catalog/types.js';
import type { Queryable } from '../../db/client.js';

/** An event's waiting room as its organizer set it. */
export interface WaitingRoomSettings {
  eventId: number;
  enabled: boolean;
  /** When fans may start joining. */
  opensAt: Date;
  /** Fans let in per minute; null: adaptive. */
  admitPerMinute: number | null;
  /** How long an admitted fan has to reach a hold. */
  admissionTtlSeconds: number;
  /** The most fans admitted and not yet finished at once; null: no cap. */
  maxActiveBuyers: number | null;
}

/** An enabled, open room, with what the admitter needs of its event. */
export interface OpenRoom extends WaitingRoomSettings {
  onSaleAt: Date;
  eventStatus: EventStatus;
}

const roomColumns = (sql: Queryable) =>
  sql`r.event_id AS "eventId", r.enabled, r.opens_at AS "opensAt", r.admit_per_minute AS "admitPerMinute",
      r.admission_ttl_seconds AS "admissionTtlSeconds", r.max_active_buyers AS "maxActiveBuyers"`;

/** The event's room, if it has ever had one. */
export async function roomOf(sql: Queryable, eventId: number): Promise<WaitingRoomSettings | undefined> {
  const [row] = await sql<[WaitingRoomSettings?]>`SELECT ${roomColumns(sql)} FROM waiting_rooms r WHERE r.event_id = ${eventId}`;
  return row;
}

/** The rooms of those of `eventIds` that have one, in no particular order (for a DataLoader). */
export function roomsOf(sql: Queryable, eventIds: readonly number[]): Promise<WaitingRoomSettings[]> {
  return sql<WaitingRoomSettings[]>`SELECT ${roomColumns(sql)} FROM waiting_rooms r WHERE r.event_id = ANY(${eventIds as number[]}::integer[])`;
}

/** Creates or replaces the event's room; returns it as stored. */
export async function saveRoom(sql: Queryable, settings: WaitingRoomSettings, now: Date): Promise<WaitingRoomSettings> {
  const { eventId, enabled, opensAt, admitPerMinute, admissionTtlSeconds, maxActiveBuyers } = settings;
  const [row] = await sql<[WaitingRoomSettings]>`
    INSERT INTO waiting_rooms AS r (event_id, enabled, opens_at, admit_per_minute, admission_ttl_seconds, max_active_buyers, updated_at)
    VALUES (${eventId}, ${enabled}, ${opensAt}, ${admitPerMinute}, ${admissionTtlSeconds}, ${maxActiveBuyers}, ${now})
    ON CONFLICT (event_id) DO UPDATE SET enabled = EXCLUDED.enabled, opens_at = EXCLUDED.opens_at, admit_per_minute = EXCLUDED.admit_per_minute,
      admission_ttl_seconds = EXCLUDED.admission_ttl_seconds, max_active_buyers = EXCLUDED.max_active_buyers, updated_at = EXCLUDED.updated_at
    RETURNING ${roomColumns(sql)}`;
  return row;
}

/** The enabled rooms open at `now` (opensAt at or before it), whatever their event's status or sale. */
export function enabledRoomsOpenBy(sql: Queryable, now: Date): Promise<OpenRoom[]> {
  return sql<OpenRoom[]>`
    SELECT ${roomColumns(sql)}, e.on_sale_at AS "onSaleAt", e.status AS "eventStatus"
    FROM waiting_rooms r JOIN events e ON e.id = r.event_id
    WHERE r.enabled AND r.opens_at <= ${now}`;
}
