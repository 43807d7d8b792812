/**
 * Who works an event's door: its organizer and admins (accounts/policy.ts's
 * `canManageEvent`), and the accounts they added to its staff (event_staff).
 * A grant is read at each scan, so removing one takes effect at the next.
 */
import { canManageEvent, type Viewer } from '../accounts/policy.js';
import type { EventRow } from '../catalog/types.js';

/** Whether the user staffs the event: a read of event_staff (a request's loader, or one statement). */
export type StaffCheck = (eventId: number, userId: number) => Promise<boolean>;

/** Whether the viewer may scan the event's tickets and see its check-ins. */
export async function mayWorkTheDoor(viewer: Viewer | null, event: Pick<EventRow, 'id' | 'organizerId'>, isStaff: StaffCheck): Promise<boolean> {
  return canManageEvent(viewer, event) || (!!viewer && (await isStaff(event.id, viewer.userId)));
}
