/**
 * The list view, the map's alternative: one section at a time (chosen in a select), its available seats as a
 * table with a pick button each, named as on the map; a general-admission section takes a quantity instead.
 * Seats someone else takes leave the table as the map changes.
 */
import { useId } from 'react';

import { formatMoney } from '../format';
import { AVAILABLE, type LiveSeatMap } from './live-seat-map';
import { seatName } from './seat-name';

interface Props {
  map: LiveSeatMap;
  section: number;
  onSection(section: number): void;
  picked: ReadonlySet<string>;
  onToggle(index: number): void;
  /** What a general-admission section shows instead of seats. */
  standing: React.ReactNode;
}

export function SeatList({ map, section, onSection, picked, onToggle, standing }: Props) {
  const id = useId();
  const { start, capacity, name, kind } = map.sections[section]!;
  const rows = [];
  if (kind === 'RESERVED') {
    for (let i = start; i < start + capacity; i++) {
      if (map.status[i] !== AVAILABLE) continue;
      const isPicked = picked.has(map.ticketIds[i]!);
      rows.push(
        <tr key={i}>
          <td>{map.rows[i]}</td>
          <td>{map.numbers[i]}</td>
          <td>{formatMoney(map.ticketPrice(i))}</td>
          <td>
            <button
              type="button"
              aria-label={seatName(name, map.rows[i]!, map.numbers[i]!, true, map.ticketPrice(i))}
              aria-pressed={isPicked}
              onClick={() => onToggle(i)}
            >
              {/* Words of its name (WCAG's label in name), so that "click seat 7" works for voice control; pressed when picked. */}
              Seat {map.numbers[i]}
            </button>
          </td>
        </tr>,
      );
    }
  }
  return (
    <div className="seat-list">
      <label htmlFor={id}>Section</label>{' '}
      <select id={id} value={section} onChange={(event) => onSection(Number(event.target.value))}>
        {map.sections.map((entry, s) => (
          <option key={entry.id} value={s}>
            {entry.name} ({entry.available.toLocaleString()} available, {formatMoney(entry.price)})
          </option>
        ))}
      </select>
      {kind === 'GENERAL_ADMISSION' ? (
        standing
      ) : rows.length === 0 ? (
        <p>No seats are available in section {name} now.</p>
      ) : (
        <div className="seat-table">
          <table>
            <caption>Available seats in section {name}</caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Seat</th>
                <th scope="col">Price</th>
                <th scope="col">
                  <span className="visually-hidden">Pick</span>
                </th>
              </tr>
            </thead>
            <tbody>{rows}</tbody>
          </table>
        </div>
      )}
    </div>
  );
}
