/**
 * The seats a fan picked, as the SeatPicker's `value` holds them, and how they follow the live map: a seat
 * someone else took is dropped, a general-admission unit someone else took is swapped for another unit of its
 * section (units are alike), and prices follow the map's.
 */
import type { Money } from '../format';
import { AVAILABLE, type LiveSeatMap } from './live-seat-map';

export interface PickedSeat {
  ticketId: string;
  section: string;
  row: string | null;
  number: number;
  price: Money;
}

export function pickedSeat(map: LiveSeatMap, index: number): PickedSeat {
  const section = map.sections[map.sectionOf[index]!]!;
  return { ticketId: map.ticketIds[index]!, section: section.name, row: map.rows[index] ?? null, number: map.numbers[index]!, price: map.ticketPrice(index) };
}

/** The first `count` available units of a section, skipping those in `taken` (ticket IDs). */
export function availableUnits(map: LiveSeatMap, section: number, count: number, taken: ReadonlySet<string> = new Set()): number[] {
  const { start, capacity } = map.sections[section]!;
  const units: number[] = [];
  for (let i = start; i < start + capacity && units.length < count; i++) {
    if (map.status[i] === AVAILABLE && !taken.has(map.ticketIds[i]!)) units.push(i);
  }
  return units;
}

/** The picks as the map now has them (undefined when nothing changed), and the seats dropped because someone else took them. */
export function followMap(map: LiveSeatMap, picks: readonly PickedSeat[]): { next?: PickedSeat[]; dropped: PickedSeat[] } {
  const dropped: PickedSeat[] = [];
  const kept = new Set(picks.map((seat) => seat.ticketId));
  let changed = false;
  const next = picks.flatMap((seat): PickedSeat[] => {
    const index = map.index(seat.ticketId);
    if (index !== undefined && map.status[index] === AVAILABLE) {
      if (map.price[index] === seat.price.amount) return [seat];
      changed = true;
      return [{ ...seat, price: map.ticketPrice(index) }];
    }
    changed = true;
    kept.delete(seat.ticketId);
    const section = index === undefined ? -1 : map.sectionOf[index]!;
    const [other] = seat.row === null && section >= 0 ? availableUnits(map, section, 1, kept) : [];
    if (other === undefined) {
      dropped.push(seat);
      return [];
    }
    kept.add(map.ticketIds[other]!);
    return [pickedSeat(map, other)];
  });
  return { next: changed ? next : undefined, dropped };
}
