/**
 * Who may do what: the one place that decides. Resolvers and domain modules
 * ask here instead of comparing roles and ids themselves.
 */
import type { EventRow } from '../catalog/types.js';
import type { users } from '../db/schema.js';
import { forbidden, unauthenticated } from '../errors.js';

export type Role = (typeof users.$inferSelect)['role'];

/** The logged-in caller of a request: who, with which role, under which session. */
export interface Viewer {
  userId: number;
  role: Role;
  sessionId: string;
}

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated('Log in to do this.');
  return viewer;
}

export function requireAdmin(viewer: Viewer | null): Viewer {
  const caller = requireViewer(viewer);
  if (caller.role !== 'ADMIN') throw forbidden('Only an admin can do this.');
  return caller;
}

/** Organizers and admins create venues, performers and events. */
export function requireOrganizer(viewer: Viewer | null): Viewer {
  const caller = requireViewer(viewer);
  if (caller.role !== 'ORGANIZER' && caller.role !== 'ADMIN') throw forbidden('Only organizers and admins can do this.');
  return caller;
}

/**
 * A venue or performer profile is edited by the organizer who created it and
 * by admins; one the platform keeps (no organizer) by admins alone.
 */
export function canEditOwned(viewer: Viewer | null, owned: { organizerId: number | null }): boolean {
  return !!viewer && (viewer.role === 'ADMIN' || (viewer.role === 'ORGANIZER' && owned.organizerId === viewer.userId));
}

/** A venue is used for events by the organizer who created it and admins; one the platform keeps, by every organizer. */
export function canUseVenue(viewer: Viewer | null, venue: { organizerId: number | null }): boolean {
  return canEditOwned(viewer, venue) || (!!viewer && viewer.role === 'ORGANIZER' && venue.organizerId === null);
}

/** An event is run by its organizer and by admins. */
export function canManageEvent(viewer: Viewer | null, event: Pick<EventRow, 'organizerId'>): boolean {
  return !!viewer && (viewer.role === 'ADMIN' || (viewer.role === 'ORGANIZER' && viewer.userId === event.organizerId));
}

export function requireEventManager(viewer: Viewer | null, event: Pick<EventRow, 'organizerId'>): Viewer {
  const caller = requireViewer(viewer);
  if (!canManageEvent(caller, event)) throw forbidden('Only the organizer of this event or an admin can change it.');
  return caller;
}

/** Drafts are seen by the people who run the event; everything else by everyone. */
export function canSeeEvent(viewer: Viewer | null, event: Pick<EventRow, 'status' | 'organizerId'>): boolean {
  return event.status !== 'DRAFT' || canManageEvent(viewer, event);
}

/** Organizers have public profiles; anyone else is seen only by themself and admins. */
export function canSeeUser(viewer: Viewer | null, user: { id: number; role: Role }): boolean {
  return user.role === 'ORGANIZER' || canSeePrivateFields(viewer, user);
}

/** Email and other private fields: the user themself and admins. */
export function canSeePrivateFields(viewer: Viewer | null, user: { id: number }): boolean {
  return !!viewer && (viewer.userId === user.id || viewer.role === 'ADMIN');
}

/** Holds and bookings are acted on by their owner alone: an admin may look, not spend. */
export function ownsRecord(viewer: Viewer | null, record: { userId: number }): boolean {
  return !!viewer && viewer.userId === record.userId;
}

/** Holds and bookings are seen by their owner and admins. */
export function canSeeRecord(viewer: Viewer | null, record: { userId: number }): boolean {
  return canSeePrivateFields(viewer, { id: record.userId });
}
