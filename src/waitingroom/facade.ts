/**
 * Waiting rooms as one request sees them (src/request-scope.ts): configuring
 * a room, joining, leaving, the caller's pass and its live changes, each
 * behind its rate limit. Resolvers call it as `context.waitingRooms`;
 * server.ts builds one per request.
 */
import { canManageEvent } from '../accounts/policy.js';
import type { EventRow } from '../catalog/types.js';
import { badUserInput } from '../errors.js';
import type { EventStream } from '../event-stream.js';
import type { RateLimits } from '../rate-limits/limits.js';
import type { RequestScope } from '../request-scope.js';
import type { Result } from '../user-error.js';
import type { QueueFeeds } from './live.js';
import type { QueuePassRecord } from './queue-store.js';
import type { PassView, RoomChanges, RoomView, WaitingRooms } from './waiting-rooms.js';

/** What waiting rooms need for every request: the rooms, this process's feeds of passes, and the rate limits. */
export interface WaitingRoomServices {
  rooms: WaitingRooms;
  feeds: QueueFeeds;
  rateLimits: RateLimits;
}

export class WaitingRoomsFacade {
  constructor(
    private readonly services: WaitingRoomServices,
    private readonly scope: RequestScope,
  ) {}

  configure(eventId: number, changes: RoomChanges): Promise<Result<EventRow>> {
    return this.services.rooms.configure(this.scope.viewer, eventId, changes);
  }

  /** Joins the event's room, after the limit on joins per address. */
  async join(eventId: number): Promise<Result<PassView>> {
    await this.services.rateLimits.joinWaitingRoom(this.scope.clientAddress);
    return this.services.rooms.join(this.scope.viewer, eventId);
  }

  leave(eventId: number): Promise<Result<PassView>> {
    return this.services.rooms.leave(this.scope.viewer, eventId);
  }

  myPass(eventId: number): Promise<PassView | null> {
    return this.services.rooms.passOf(this.scope.viewer, eventId);
  }

  pass(passId: string): Promise<PassView | null> {
    return this.services.rooms.pass(this.scope.viewer, passId);
  }

  /** The event's room when on, or null. */
  room(event: EventRow): Promise<RoomView | null> {
    return this.services.rooms.room(event);
  }

  /** Whether the caller may see the room's settings: its event's organizer or an admin. */
  seesSettings(room: RoomView): boolean {
    return canManageEvent(this.scope.viewer, room);
  }

  admissionToken(pass: QueuePassRecord): Promise<string> | null {
    return this.services.rooms.admissionToken(this.scope.viewer, pass);
  }

  /** The caller's pass now and whenever it changes; BAD_USER_INPUT without one. */
  async watch(eventId: number): Promise<EventStream<PassView>> {
    const pass = await this.services.rooms.passOf(this.scope.viewer, eventId);
    if (!pass) throw badUserInput("You have no pass in this event's waiting room: join it first.", 'eventId');
    return this.services.feeds.watch(pass);
  }
}
