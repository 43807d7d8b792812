/** Organizer operations on events. */
import { canSeeEvent, requireEventManager, requireViewer, type Viewer } from '../accounts/policy.js';
import { exceedsCharacters } from '../characters.js';
import type { Clock } from '../clock.js';
import type { Sql } from '../db/client.js';
import { tooLong } from '../errors.js';
import { type Result, userFailure } from '../user-error.js';
import { eventById, updateEventText } from './store.js';
import type { EventRow } from './types.js';

const MAX_TITLE_LENGTH = 200;

export interface EventChanges {
  title?: string | null;
  description?: string | null;
}

/**
 * Edits an event the caller runs. An event the caller cannot even see is
 * reported as not found, so IDs of other organizers' drafts stay secret.
 */
export async function updateEvent(sql: Sql, clock: Clock, viewer: Viewer | null, eventId: number, changes: EventChanges): Promise<Result<EventRow>> {
  requireViewer(viewer);
  const event = await eventById(sql, eventId);
  if (!event || !canSeeEvent(viewer, event)) {
    return userFailure('EVENT_NOT_FOUND', 'No event has this ID.', ['input', 'eventId']);
  }
  requireEventManager(viewer, event);
  const title = changes.title?.trim();
  if (changes.title != null && !title) return userFailure('INVALID_TITLE', `A title has 1 to ${MAX_TITLE_LENGTH} characters.`, ['input', 'title']);
  if (title && exceedsCharacters(title, MAX_TITLE_LENGTH)) throw tooLong('input.title', title, MAX_TITLE_LENGTH);
  const updated = await updateEventText(sql, eventId, { title: title || null, description: changes.description }, clock());
  return updated!;
}
