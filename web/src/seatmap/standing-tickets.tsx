/**
 * A general-admission section: its units are alike, so the fan picks how many rather than which; the picker
 * takes that many available units of the section (and swaps one for another should someone else take it).
 */
import { useId } from 'react';

import { formatMoney } from '../format';
import type { LiveSeatMap } from './live-seat-map';

interface Props {
  map: LiveSeatMap;
  section: number;
  /** How many of its units are picked now. */
  count: number;
  /** The most this section may have: the fan's limit, less what they picked elsewhere. */
  most: number;
  onCount(count: number): void;
}

export function StandingTickets({ map, section, count, most, onCount }: Props) {
  const id = useId();
  const { name, available, capacity, price } = map.sections[section]!;
  // Picked units are still available to everyone until reserved, so `available` counts them.
  const max = Math.min(most, available);
  return (
    <div className="standing">
      <p>
        General admission: {available.toLocaleString()} of {capacity.toLocaleString()} available, {formatMoney(price)} each.
      </p>
      <label htmlFor={id}>Tickets in {name}</label>{' '}
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={0}
        max={max}
        value={count}
        onChange={(event) => onCount(Math.max(0, Math.min(max, Math.floor(Number(event.target.value) || 0))))}
      />{' '}
      <span className="muted">up to {max}</span>
    </div>
  );
}
