/**
 * Waiting rooms: organizers turn one on for an event; fans join, wait, leave;
 * booking asks at each reservation whether the caller was let in (the
 * AdmissionGate it declares). The queue itself is a QueueStore
 * (queue-store.ts); the admitter job (admitter.ts) lets fans in.
 */
import { canSeeEvent, requireEventManager, requireViewer, type Viewer } from '../accounts/policy.js';
import type { AdmissionGate } from '../booking/admission-gate.js';
import type { HoldRow } from '../booking/types.js';
import { eventById } from '../catalog/store.js';
import type { EventRow } from '../catalog/types.js';
import type { Clock } from '../clock.js';
import type { Sql } from '../db/client.js';
import { isFailure, type Result, userFailure } from '../user-error.js';
import type { AdmissionTokens } from './admission-token.js';
import type { LatencyWindow } from './latency-window.js';
import { estimatedWaitSeconds, positionOf } from './position.js';
import type { QueuePassRecord, QueueStore, RoomSnapshot } from './queue-store.js';
import { roomOf, saveRoom, type WaitingRoomSettings } from './store/rooms.js';

/** An event's room settings, with when its sale opens (the admitter and estimates go by it). */
export interface RoomOfEvent extends WaitingRoomSettings {
  onSaleAt: Date;
}

/** A pass as a fan sees it: where it stands now. */
export interface PassView extends QueuePassRecord {
  position: number | null;
  estimatedWaitSeconds: number | null;
}

/** A room as anyone sees it, with its settings (which only its organizer is shown). */
export interface RoomView extends RoomOfEvent, Pick<RoomSnapshot, 'waitingCount' | 'admittedCount' | 'servingNumber'> {
  organizerId: number;
}

/** What configureWaitingRoom may set; left out, a setting takes its default. */
export interface RoomChanges {
  enabled: boolean;
  opensAt?: Date | null;
  admitPerMinute?: number | null;
  admissionTtlSeconds?: number | null;
  maxActiveBuyers?: number | null;
}

export interface WaitingRoomsOptions {
  sql: Sql;
  store: QueueStore;
  tokens: AdmissionTokens;
  clock: Clock;
  /** Reservation latencies, which the adaptive admission rate follows. */
  latency: LatencyWindow;
  /** How long a process keeps an event's settings before reading them again: how soon a room turned on or off takes effect (1 s). */
  settingsCacheMs?: number;
}

/** Settings' defaults and bounds, as the schema states them (schema/waitingroom.graphql). */
const OPENS_BEFORE_SALE_MS = 30 * 60_000;
const DEFAULT_TTL_SECONDS = 600;
const TTL_SECONDS = { min: 30, max: 3_600 };
const RATE_OR_CAP = { min: 1, max: 100_000 };

export type WaitingRooms = ReturnType<typeof createWaitingRooms>;

export function createWaitingRooms({ sql, store, tokens, clock, latency, settingsCacheMs = 1_000 }: WaitingRoomsOptions) {
  const cached = new Map<number, { settings: RoomOfEvent | undefined; readAt: number }>();

  /** The event's room settings, read at most once per settingsCacheMs: every reservation asks. */
  async function settingsOf(eventId: number): Promise<RoomOfEvent | undefined> {
    const now = Date.now();
    const hit = cached.get(eventId);
    if (hit && now - hit.readAt < settingsCacheMs) return hit.settings;
    const [room, event] = await Promise.all([roomOf(sql, eventId), eventById(sql, eventId)]);
    const settings = room && event ? { ...room, onSaleAt: event.onSaleAt } : undefined;
    cached.set(eventId, { settings, readAt: now });
    return settings;
  }

  async function visibleEvent(viewer: Viewer | null, eventId: number): Promise<EventRow | undefined> {
    const event = await eventById(sql, eventId);
    return event && canSeeEvent(viewer, event) ? event : undefined;
  }
  const eventNotFound = () => userFailure('EVENT_NOT_FOUND', 'No event has this ID.', ['input', 'eventId']);
  const notInRoom = () => userFailure('NOT_IN_WAITING_ROOM', 'You have no pass in this waiting room that is still going.', ['input', 'eventId']);
  const outOfRange = (field: string, message: string) => userFailure('INVALID_WAITING_ROOM', message, ['input', field]);

  /** `pass` with its position and estimate from one read of its room. */
  async function view(pass: QueuePassRecord): Promise<PassView> {
    if (pass.status !== 'WAITING') return { ...pass, position: null, estimatedWaitSeconds: null };
    const now = clock();
    const [room, settings] = await Promise.all([store.snapshot(pass.eventId, now), settingsOf(pass.eventId)]);
    return viewAt(pass, room, settings, now);
  }

  /** The settings to save: `changes` over the defaults, or which one is out of range. */
  function settingsFrom(event: EventRow, changes: RoomChanges): Result<WaitingRoomSettings> {
    const { admitPerMinute = null, maxActiveBuyers = null } = changes;
    const opensAt = changes.opensAt ?? new Date(event.onSaleAt.getTime() - OPENS_BEFORE_SALE_MS);
    const admissionTtlSeconds = changes.admissionTtlSeconds ?? DEFAULT_TTL_SECONDS;
    if (opensAt > event.startsAt) return outOfRange('opensAt', `The room must open by the event's start, ${event.startsAt.toISOString()}.`);
    if (admitPerMinute !== null && !within(admitPerMinute, RATE_OR_CAP)) return outOfRange('admitPerMinute', 'admitPerMinute is 1 to 100,000, or null.');
    if (!within(admissionTtlSeconds, TTL_SECONDS)) return outOfRange('admissionTtlSeconds', 'admissionTtlSeconds is 30 to 3,600.');
    if (maxActiveBuyers !== null && !within(maxActiveBuyers, RATE_OR_CAP)) return outOfRange('maxActiveBuyers', 'maxActiveBuyers is 1 to 100,000, or null.');
    return { eventId: event.id, enabled: changes.enabled, opensAt, admitPerMinute, admissionTtlSeconds, maxActiveBuyers };
  }

  const gate: AdmissionGate = {
    async admit(viewer, eventId, token) {
      const settings = await settingsOf(eventId);
      if (!settings?.enabled) return { passId: null };
      const caller = requireViewer(viewer);
      const now = clock();
      const verdict = await tokens.verify(token, { userId: caller.userId, eventId }, now);
      const field = ['input', 'admissionToken'];
      if (!verdict.admitted) {
        const expired = verdict.code === 'ADMISSION_EXPIRED';
        return userFailure(verdict.code, expired ? 'Your admission has run out.' : 'This event has a waiting room: reserve with your admission token.', field);
      }
      // The signature says who and which event, without a read; only whether the pass still runs needs one (a token
      // replayed after its pass ended, or after its owner left, is refused).
      const pass = await store.pass(verdict.passId);
      const unused = pass?.holdId === null && pass.admittedUntil !== null && pass.admittedUntil <= now;
      if (pass?.status !== 'ADMITTED' || unused) return userFailure('ADMISSION_EXPIRED', 'Your admission has run out or was used up.', field);
      return { passId: pass.id };
    },
    async held(passId, holdId) {
      await store.attachHold(passId, holdId);
    },
    async holdEnded(hold: Pick<HoldRow, 'id' | 'eventId' | 'userId'>) {
      if (!(await settingsOf(hold.eventId))?.enabled) return; // no read of the queue on a sale without a room
      const pass = await store.passOf(hold.eventId, hold.userId);
      if (pass?.status === 'ADMITTED' && pass.holdId === hold.id) await store.finish(pass.id);
    },
    observe: (ms) => latency.record(ms),
  };

  return {
    gate,
    settingsOf,

    /** Whether the event's room is on and has fans admitted now (who may buy at the prices they were shown): dynamic pricing raises no price then. */
    async admitting(eventId: number): Promise<boolean> {
      if (!(await settingsOf(eventId))?.enabled) return false;
      return (await store.snapshot(eventId, clock())).admittedCount > 0;
    },

    /** Turns an event's room on or off with its settings: the event, or why not (FORBIDDEN for who may not manage it). */
    async configure(viewer: Viewer | null, eventId: number, changes: RoomChanges): Promise<Result<EventRow>> {
      requireViewer(viewer);
      const event = await visibleEvent(viewer, eventId);
      if (!event) return eventNotFound();
      requireEventManager(viewer, event);
      const settings = settingsFrom(event, changes);
      if (isFailure(settings)) return settings;
      await saveRoom(sql, settings, clock());
      cached.delete(eventId);
      return event;
    },

    /** The caller's pass for the event's room: new, or the one they have. */
    async join(viewer: Viewer | null, eventId: number): Promise<Result<PassView>> {
      const caller = requireViewer(viewer);
      const event = await visibleEvent(viewer, eventId);
      if (!event) return eventNotFound();
      const settings = await settingsOf(eventId);
      const now = clock();
      if (!settings?.enabled || now < settings.opensAt) {
        const when = settings?.enabled ? ` It opens at ${settings.opensAt.toISOString()}.` : '';
        return userFailure('WAITING_ROOM_CLOSED', `This event's waiting room is not open.${when}`, ['input', 'eventId']);
      }
      if (event.status !== 'ON_SALE') return userFailure('EVENT_NOT_ON_SALE', 'This event is not selling tickets.', ['input', 'eventId']);
      return view(await store.join(eventId, caller.userId, now, event.onSaleAt));
    },

    /** Ends the caller's place in the room: the pass, now LEFT, or why not. */
    async leave(viewer: Viewer | null, eventId: number): Promise<Result<PassView>> {
      const caller = requireViewer(viewer);
      if (!(await visibleEvent(viewer, eventId))) return eventNotFound();
      const going = await store.passOf(eventId, caller.userId);
      if (going?.status !== 'WAITING' && going?.status !== 'ADMITTED') return notInRoom();
      const pass = await store.leave(eventId, caller.userId, clock());
      return pass?.status === 'LEFT' ? view(pass) : notInRoom();
    },

    /** The caller's pass for the event, or null. */
    async passOf(viewer: Viewer | null, eventId: number): Promise<PassView | null> {
      const caller = requireViewer(viewer);
      const pass = await store.passOf(eventId, caller.userId);
      return pass ? view(pass) : null;
    },

    /** A pass its owner (or an admin) may see, or null. */
    async pass(viewer: Viewer | null, passId: string): Promise<PassView | null> {
      const pass = await store.pass(passId);
      return pass && viewer && (viewer.userId === pass.userId || viewer.role === 'ADMIN') ? view(pass) : null;
    },

    /** The event's room when on, with its counts now; null when off. */
    async room(event: Pick<EventRow, 'id' | 'organizerId'>): Promise<RoomView | null> {
      const settings = await settingsOf(event.id);
      if (!settings?.enabled) return null;
      const { waitingCount, admittedCount, servingNumber } = await store.snapshot(event.id, clock());
      return { ...settings, organizerId: event.organizerId, waitingCount, admittedCount, servingNumber };
    },

    /**
     * The admission token of an ADMITTED pass, for its owner only; null
     * otherwise, at once rather than as a promise: every waiting fan's push
     * asks, and a promise would make each of those renderings asynchronous.
     */
    admissionToken(viewer: Viewer | null, pass: QueuePassRecord): Promise<string> | null {
      const now = clock();
      if (pass.status !== 'ADMITTED' || !pass.admittedUntil || pass.admittedUntil <= now || viewer?.userId !== pass.userId) return null;
      return tokens.sign({ userId: pass.userId, eventId: pass.eventId, passId: pass.id, expiresAt: pass.admittedUntil }, now);
    },
  };
}

/** `pass` as it stands in `room` at `now`. */
export function viewAt(pass: QueuePassRecord, room: RoomSnapshot, settings: RoomOfEvent | undefined, now: Date): PassView {
  const position = positionOf(pass, room);
  return { ...pass, position, estimatedWaitSeconds: settings ? estimatedWaitSeconds(position, room, settings, now) : null };
}

const within = (value: number, { min, max }: { min: number; max: number }) => Number.isInteger(value) && value >= min && value <= max;
