/**
 * An event's seat map: its version and every section's ticket statuses as of
 * now, true at that version. Read whole the first time; after that, a map
 * this process already has is brought up to date from the seat-map change
 * log (change-log.ts): the few tickets that changed since its
 * version, not the event's thousands of tickets again.
 */
import type { CatalogLoaders } from '../catalog/loaders.js';
import type { EventRow, PricedSection } from '../catalog/types.js';
import type { Db } from '../db/client.js';
import { encodeRuns } from './availability-code.js';
import { logReachesBack } from './change-log.js';
import { type HoldTimes, readMap, readMapChanges } from './store.js';

export interface SeatMapSectionView extends PricedSection {
  available: number;
  capacity: number;
  /** Run-length encoded statuses in ticket order; see availability-code.ts. */
  availability: string;
}

export interface SeatMapView {
  event: EventRow;
  version: number;
  sections: SeatMapSectionView[];
  /** When the first live hold on the map runs out, turning its seats available with no new version; null without one. */
  nextExpiry: Date | null;
  /** The statuses as stored, which the next reading starts from. */
  stored: StoredStatuses;
}

/** The event's tickets' statuses as stored at the map's version (a lapsed hold's tickets still HELD). */
interface StoredStatuses {
  /** Every ticket id of the event, ascending. */
  ids: Float64Array;
  /** Each ticket's status letter (A, H or S) as a character code, in the order of `ids`. */
  letters: Uint8Array;
  /** Each section's tickets as positions in `ids`, in ticket order. */
  sections: Map<number, Uint32Array>;
  /** When the statuses were last read whole (see WHOLE_READ_EVERY_MS), in milliseconds. */
  readWholeAt: number;
}

/**
 * A map is read whole again at least this often. Tickets created for an event
 * after its map was read are not in the change log; this brings them in.
 */
const WHOLE_READ_EVERY_MS = 10_000;

const AVAILABLE = 'A'.charCodeAt(0);
const HELD = 'H'.charCodeAt(0);

/** The map as of `now`: from `previous` and the changes since its version when the log still has them all, else read whole. */
export async function loadSeatMap(db: Db, loaders: CatalogLoaders, event: EventRow, now: Date, previous?: SeatMapView): Promise<SeatMapView> {
  const recent = previous && previous.event.id === event.id && now.getTime() - previous.stored.readWholeAt < WHOLE_READ_EVERY_MS;
  return (recent && (await readChanges(db, loaders, event, now, previous))) || readWhole(db, loaders, event, now);
}

async function readWhole(db: Db, loaders: CatalogLoaders, event: EventRow, now: Date): Promise<SeatMapView> {
  // One statement, so the statuses are exactly those of the version it reads.
  const row = await readMap(db, event.id, now);
  const all = row.sections.flatMap(([sectionId, ids, letters]) => ids.map((id, i) => ({ id, sectionId, letter: letters.charCodeAt(i) })));
  all.sort((a, b) => a.id - b.id);
  const positions = new Map<number, number[]>();
  all.forEach((ticket, position) => {
    const section = positions.get(ticket.sectionId);
    if (section) section.push(position);
    else positions.set(ticket.sectionId, [position]);
  });
  const stored: StoredStatuses = {
    ids: Float64Array.from(all, (ticket) => ticket.id),
    letters: Uint8Array.from(all, (ticket) => ticket.letter),
    sections: new Map([...positions].map(([sectionId, list]) => [sectionId, Uint32Array.from(list)])),
    readWholeAt: now.getTime(),
  };
  return render(loaders, event, Number(row.version), stored, row);
}

/** `previous` brought up to date from the change log; undefined when the log no longer reaches back to its version, or names a ticket it lacks. */
async function readChanges(db: Db, loaders: CatalogLoaders, event: EventRow, now: Date, previous: SeatMapView): Promise<SeatMapView | undefined> {
  const row = await readMapChanges(db, event.id, previous.version, now);
  const current = Number(row.current);
  const versions = row.changes.map(([version]) => version);
  if (!logReachesBack(versions, previous.version, current)) return undefined;
  const stored = { ...previous.stored, letters: previous.stored.letters.slice() };
  for (const [, ticketId, letter] of row.changes) {
    const position = positionOf(stored.ids, ticketId);
    if (position < 0) return undefined;
    stored.letters[position] = letter.charCodeAt(0);
  }
  return render(loaders, event, current, stored, row);
}

/** The sections as the API shows them: the stored statuses with lapsed holds' tickets available. */
async function render(loaders: CatalogLoaders, event: EventRow, version: number, stored: StoredStatuses, times: HoldTimes): Promise<SeatMapView> {
  const letters = stored.letters.slice();
  for (const id of times.lapsed) {
    const position = positionOf(stored.ids, Number(id));
    if (position >= 0 && letters[position] === HELD) letters[position] = AVAILABLE;
  }
  const priced = await loaders.pricesByEventId.load(event.id);
  return {
    event,
    version,
    nextExpiry: times.next_expiry === null ? null : new Date(times.next_expiry),
    stored,
    sections: priced.map((section) => {
      const positions = stored.sections.get(section.sectionId) ?? new Uint32Array();
      const statuses = Buffer.from(Uint8Array.from(positions, (position) => letters[position]!)).toString('latin1');
      return {
        ...section,
        currency: event.currency,
        capacity: positions.length,
        available: positions.reduce((count, position) => count + (letters[position] === AVAILABLE ? 1 : 0), 0),
        availability: encodeRuns(statuses),
      };
    }),
  };
}

/** Where `id` is in the ascending `ids`; -1 if it is not. */
function positionOf(ids: Float64Array, id: number): number {
  let low = 0;
  let high = ids.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (ids[middle]! < id) low = middle + 1;
    else if (ids[middle]! > id) high = middle - 1;
    else return middle;
  }
  return -1;
}
