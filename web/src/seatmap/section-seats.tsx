/**
 * A seated section up close: every seat a button where the venue puts it (the API's x/y, turned to face the
 * stage and scaled so that neighbours sit a finger's width apart; the area scrolls when the section is wider
 * than the screen). Buttons
 * come in ticket order (row by row), say the seat, its status and price, are pressed when picked, and are
 * disabled while someone else holds the seat or has bought it.
 */
import { useLayoutEffect, useMemo, useRef } from 'react';

import { AVAILABLE, type LiveSeatMap } from './live-seat-map';
import { seatName } from './seat-name';

/** CSS pixels between the centres of two neighbouring seats, and a seat button's side (seat-map.css). */
const PITCH = 34;
const SEAT = 28;

interface Props {
  map: LiveSeatMap;
  section: number;
  colour: string;
  picked: ReadonlySet<string>;
  onToggle(index: number): void;
}

export function SectionSeats({ map, section, colour, picked, onToggle }: Props) {
  const { start, capacity, name } = map.sections[section]!;
  const places = useMemo(() => seatPlaces(map, start, start + capacity), [map, start, capacity]);
  const scroller = useRef<HTMLDivElement>(null);
  // A section wider than the screen opens at its middle, where the best seats usually are.
  useLayoutEffect(() => {
    const element = scroller.current!;
    element.scrollLeft = (element.scrollWidth - element.clientWidth) / 2;
  }, [places]);
  const seats = [];
  for (let i = start; i < start + capacity; i++) {
    const available = map.status[i] === AVAILABLE;
    const isPicked = picked.has(map.ticketIds[i]!);
    seats.push(
      <button
        key={i}
        type="button"
        className="seat"
        aria-label={seatName(name, map.rows[i]!, map.numbers[i]!, available, map.ticketPrice(i))}
        aria-pressed={isPicked}
        disabled={!available}
        onClick={() => onToggle(i)}
        style={{ left: places.left[i - start], top: places.top[i - start], ...(available && !isPicked ? { background: colour } : {}) }}
      >
        {map.numbers[i]}
      </button>,
    );
  }
  return (
    <div className="seats-scroller" ref={scroller}>
      <div className="seats" style={{ width: places.width, height: places.height }}>
        {seats}
      </div>
    </div>
  );
}

/**
 * Each seat's top-left corner in CSS pixels, and the area they need. The section is turned so that the stage
 * (or the field's centre, at 0, 0) is above it: its rows then run across the screen, front row first, however
 * the section faces in the venue (an arena's sections face every way).
 */
function seatPlaces(map: LiveSeatMap, from: number, to: number) {
  let [sumX, sumY] = [0, 0];
  for (let i = from; i < to; i++) [sumX, sumY] = [sumX + map.x[i]!, sumY + map.y[i]!];
  // From the section's direction from the stage to straight down the screen (y grows towards the back).
  const turn = sumX === 0 && sumY === 0 ? 0 : Math.PI / 2 - Math.atan2(sumY, sumX);
  const [cos, sin] = [Math.cos(turn), Math.sin(turn)];
  const xs: number[] = [];
  const ys: number[] = [];
  let gap = Infinity;
  for (let i = from; i < to; i++) {
    xs.push(map.x[i]! * cos - map.y[i]! * sin);
    ys.push(map.x[i]! * sin + map.y[i]! * cos);
    if (i > from && map.rows[i] === map.rows[i - 1]) gap = Math.min(gap, Math.hypot(map.x[i]! - map.x[i - 1]!, map.y[i]! - map.y[i - 1]!));
  }
  // Rows of one seat give no gap: a metre apart will do.
  const scale = PITCH / (Number.isFinite(gap) && gap > 0 ? gap : 1);
  const [minX, minY] = [Math.min(...xs), Math.min(...ys)];
  const left = xs.map((x) => Math.round((x - minX) * scale));
  const top = ys.map((y) => Math.round((y - minY) * scale));
  return { left, top, width: Math.max(...left) + SEAT, height: Math.max(...top) + SEAT };
}
