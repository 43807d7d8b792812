/**
 * Staff grants: the accounts an event's organizer (or an admin) lets check its
 * tickets in. Any account may be added, found by its email; another
 * organizer's event answers EVENT_NOT_FOUND, as if it did not exist. Adding a
 * member twice or removing a non-member changes nothing and is no error, so a
 * retried request does no harm.
 */
import { canManageEvent, requireOrganizer } from '../accounts/policy.js';
import { normalizeEmail } from '../accounts/rules.js';
import { userByEmail, type UserRow } from '../accounts/store.js';
import type { EventRow } from '../catalog/types.js';
import type { Db, Sql } from '../db/client.js';
import type { RequestScope } from '../request-scope.js';
import { type Result, userFailure } from '../user-error.js';
import { addStaff, removeStaff } from './store.js';

/** What a staff change needs beyond the request. */
export interface StaffServices {
  sql: Sql;
  /** For the log-in's prepared lookup of a user by email. */
  db: Db;
}

/** The event and the account a staff change was about. */
export interface StaffChange {
  event: EventRow;
  user: UserRow;
}

/** Adds the account with `email` to the event's staff. */
export async function addEventStaff(services: StaffServices, scope: RequestScope, eventId: number, email: string): Promise<Result<StaffChange>> {
  const viewer = requireOrganizer(scope.viewer);
  const event = await managedEvent(scope, eventId);
  if (!event) return eventNotFound();
  const user = await userByEmail(services.db, normalizeEmail(email));
  if (!user || user.deletedAt) return userFailure('USER_NOT_FOUND', 'No account has this email.', ['input', 'email']);
  await addStaff(services.sql, { eventId: event.id, userId: user.id, addedBy: viewer.userId, at: scope.clock() });
  return { event, user };
}

/** Removes the account `userId` from the event's staff. */
export async function removeEventStaff(services: StaffServices, scope: RequestScope, eventId: number, userId: number): Promise<Result<StaffChange>> {
  requireOrganizer(scope.viewer);
  const event = await managedEvent(scope, eventId);
  if (!event) return eventNotFound();
  const user = await scope.loaders.userById.load(userId);
  if (!user) return userFailure('USER_NOT_FOUND', 'No account has this ID.', ['input', 'userId']);
  await removeStaff(services.sql, event.id, user.id);
  return { event, user };
}

/** The event, when the caller runs it (or is an admin). */
async function managedEvent(scope: RequestScope, eventId: number): Promise<EventRow | undefined> {
  const event = await scope.loaders.eventById.load(eventId);
  return event && canManageEvent(scope.viewer, event) ? event : undefined;
}

const eventNotFound = () => userFailure('EVENT_NOT_FOUND', 'No event you run has this ID.', ['input', 'eventId']);
