/**
 * A seated section up close: every seat a button where the venue puts it (the API's x/y, turned to face the
 * stage and scaled so that neighbours sit a finger's width apart; the area scrolls when the section is wider
 * than the screen). Buttons
 * come in ticket order (row by row), say the seat, its status and price, are pressed when picked, and are
 * disabled while someone else holds the seat or has bought it. They are one Tab stop: the arrow keys move
 * among them (seat-keys.ts).
 */
import { type KeyboardEvent, useLayoutEffect, useMemo, useRef, useState } from 'react';

import { AVAILABLE, type LiveSeatMap } from './live-seat-map';
import { seatAfterKey } from './seat-keys';
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
  const isAvailable = (i: number) => map.status[i] === AVAILABLE;
  // The seat Tab reaches: the one last moved to while it can be picked, else the section's first picked or available one.
  const [current, setCurrent] = useState<number>();
  const sectionSeats = useMemo(() => Array.from({ length: capacity }, (_, offset) => start + offset), [start, capacity]);
  const tabStop =
    current !== undefined && isAvailable(current) ? current : (sectionSeats.find((i) => picked.has(map.ticketIds[i]!)) ?? sectionSeats.find(isAvailable));

  function onKeyDown(event: KeyboardEvent) {
    const from = Number((event.target as HTMLElement).dataset.seat);
    if (Number.isNaN(from)) return;
    const grid = { rows: map.rows.slice(start, start + capacity), left: places.left, top: places.top, available: (seat: number) => isAvailable(start + seat) };
    const to = seatAfterKey(grid, from - start, event.key);
    if (to === undefined) return;
    event.preventDefault();
    setCurrent(start + to);
    scroller.current!.querySelector<HTMLElement>(`[data-seat="${start + to}"]`)?.focus();
  }

  const seats = [];
  for (let i = start; i < start + capacity; i++) {
    const available = isAvailable(i);
    const isPicked = picked.has(map.ticketIds[i]!);
    seats.push(
      <button
        key={i}
        type="button"
        className="seat"
        data-seat={i}
        tabIndex={i === tabStop ? 0 : -1}
        aria-label={seatName(name, map.rows[i]!, map.numbers[i]!, available, map.ticketPrice(i))}
        aria-pressed={isPicked}
        disabled={!available}
        onFocus={() => setCurrent(i)}
        onClick={() => onToggle(i)}
        style={{ left: places.left[i - start], top: places.top[i - start], ...(available && !isPicked ? { background: colour } : {}) }}
      >
        {map.numbers[i]}
      </button>,
    );
  }
  return (
    <div className="seats-scroller" ref={scroller}>
      <div className="seats" style={{ width: places.width, height: places.height }} onKeyDown={onKeyDown}>
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
