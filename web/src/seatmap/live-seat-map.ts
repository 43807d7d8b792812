/**
 * An event's seat map in memory, kept live: every ticket's place, status and price in flat arrays (one index per
 * ticket, section after section, each in the order of its `availability`), so that a 20,000-seat map costs a few
 * typed arrays and a delta costs a lookup per change. Views read it and subscribe to hear of changes.
 */
import type { Money } from '../format';
import type { SectionKind, TicketStatus, WebSeatPickerMapQuery } from '../generated/graphql';

export type SeatMapData = WebSeatPickerMapQuery['seatMap'];

/** A ticket's status as stored here. */
export const AVAILABLE = 0;
export const HELD = 1;
export const SOLD = 2;
const STATUS_CODES: Record<TicketStatus, number> = { AVAILABLE, HELD, SOLD };
const LETTER_CODES: Record<string, number> = { A: AVAILABLE, H: HELD, S: SOLD };

export interface MapSection {
  id: string;
  name: string;
  kind: SectionKind;
  /** Its tickets are indexes `start` up to `start + capacity` (exclusive). */
  start: number;
  capacity: number;
  available: number;
  /** The latest price of its tickets on sale. */
  price: Money;
}

/** One delta of `seatMapChanged`, as this map applies it. */
export interface MapDelta {
  version: number;
  changes: readonly { ticketId: string; status: TicketStatus; price: Money }[];
}

export class LiveSeatMap {
  version: number;
  /** Grows with every change applied: what views compare to know they are stale. */
  revision = 0;
  readonly sections: MapSection[];
  readonly currency: string;
  readonly ticketIds: string[] = [];
  readonly rows: (string | null)[] = [];
  readonly numbers: Int32Array;
  /** NaN for general admission. */
  readonly x: Float32Array;
  readonly y: Float32Array;
  /** Each ticket's section, as an index in `sections`. */
  readonly sectionOf: Uint16Array;
  readonly status: Uint8Array;
  /** In minor units of `currency`. */
  readonly price: Int32Array;
  /** Built once: places never change, so neither does a ticket's index. */
  private readonly indexOf = new Map<string, number>();
  private readonly listeners = new Set<() => void>();

  constructor(data: SeatMapData) {
    const count = data.sections.reduce((sum, section) => sum + section.capacity, 0);
    this.version = data.version;
    this.currency = data.sections[0]?.price.currency ?? 'USD';
    this.numbers = new Int32Array(count);
    this.x = new Float32Array(count);
    this.y = new Float32Array(count);
    this.sectionOf = new Uint16Array(count);
    this.status = new Uint8Array(count);
    this.price = new Int32Array(count);
    let start = 0;
    this.sections = data.sections.map((entry, s) => {
      const { layout } = entry;
      for (let i = 0; i < entry.capacity; i++) {
        const index = start + i;
        this.ticketIds.push(layout.ticketIds[i]!);
        this.indexOf.set(layout.ticketIds[i]!, index);
        this.rows.push(layout.rows[i] ?? null);
        this.numbers[index] = layout.numbers[i]!;
        this.x[index] = layout.x[i] ?? NaN;
        this.y[index] = layout.y[i] ?? NaN;
        this.sectionOf[index] = s;
        this.price[index] = entry.price.amount;
      }
      const section = { ...entry.section, start, capacity: entry.capacity, available: entry.available, price: entry.price };
      start += entry.capacity;
      return section;
    });
    this.readStatuses(data);
  }

  /** Takes every status from a newly read map of the same event (after `resync`): the places are the same. */
  reload(data: SeatMapData): void {
    this.version = data.version;
    data.sections.forEach((entry, s) => {
      const section = this.sections[s]!;
      section.available = entry.available;
      section.price = entry.price;
      this.price.fill(entry.price.amount, section.start, section.start + section.capacity);
    });
    this.readStatuses(data);
    this.changed();
  }

  /** Applies a delta newer than the map (an older one is already in it); false when it was not newer. */
  apply(delta: MapDelta): boolean {
    if (delta.version <= this.version) return false;
    this.version = delta.version;
    for (const change of delta.changes) {
      const index = this.indexOf.get(change.ticketId);
      if (index === undefined) continue; // a ticket added after the map was read: in the next one read
      const section = this.sections[this.sectionOf[index]!]!;
      const status = STATUS_CODES[change.status];
      section.available += (status === AVAILABLE ? 1 : 0) - (this.status[index] === AVAILABLE ? 1 : 0);
      this.status[index] = status;
      this.price[index] = change.price.amount;
      if (status !== SOLD) section.price = change.price;
    }
    this.changed();
    return true;
  }

  /** The index of a ticket, by its ID; undefined for one this map does not have. */
  index(ticketId: string): number | undefined {
    return this.indexOf.get(ticketId);
  }

  ticketPrice(index: number): Money {
    return { amount: this.price[index]!, currency: this.currency };
  }

  /** Calls `listener` after each change; returns how to stop (as React's useSyncExternalStore wants). */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private readStatuses(data: SeatMapData): void {
    data.sections.forEach((entry, s) => {
      let index = this.sections[s]!.start;
      for (const [, count, letter] of entry.availability.matchAll(/(\d+)([AHS])/g)) {
        this.status.fill(LETTER_CODES[letter!]!, index, index + Number(count));
        index += Number(count);
      }
    });
  }

  private changed(): void {
    this.revision++;
    for (const listener of this.listeners) listener();
  }
}
