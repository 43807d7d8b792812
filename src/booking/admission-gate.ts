/**
 * What booking asks of a waiting room in front of an event's sale: a port
 * booking declares and the waitingroom domain implements (server.ts wires
 * it), as catalog's HotAvailability is seatmap's. Without a room on the
 * event, reservations go ahead as they always did.
 */
import type { Viewer } from '../accounts/policy.js';
import type { Result } from '../user-error.js';
import type { HoldRow } from './types.js';

/** The admitted pass a reservation is made with; null when the event has no room on (anyone may reserve). */
export interface Admission {
  passId: string | null;
}

export interface AdmissionGate {
  /**
   * The admission `token` stands for (no pass when the event has no room on),
   * or why it is refused (ADMISSION_REQUIRED, ADMISSION_EXPIRED), before
   * anything is held.
   */
  admit(viewer: Viewer | null, eventId: number, token: string | null | undefined): Promise<Result<Admission>>;
  /** A hold was made with the pass: when the hold ends, so does the pass. */
  held(passId: string, holdId: number): Promise<void>;
  /** A hold ended by confirmation or release: the pass it was made with, if any, ends now, freeing its slot. */
  holdEnded(hold: Pick<HoldRow, 'id' | 'eventId' | 'userId'>): Promise<void>;
  /** How long a reservation took (ms), which an adaptive admission rate follows. */
  observe(ms: number): void;
}
