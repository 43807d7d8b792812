/**
 * The live seat map where a fan picks seats: the venue overview (canvas) with its list of sections, a section
 * up close with a button per seat (or a quantity, for general admission), and a list view as the alternative to
 * the map. Statuses and prices follow `seatMapChanged` as they change; a picked seat that someone else takes is
 * dropped from the picks, and the fan is told. The page around it owns the picks (`value`, `onChange`).
 */
import './seat-map.css';

import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';

import { Legend } from './legend';
import type { LiveSeatMap } from './live-seat-map';
import { Overview } from './overview';
import { availableUnits, followMap, type PickedSeat, pickedSeat } from './picks';
import { BAND_COLOURS, priceBands } from './price-bands';
import { SeatList } from './seat-list';
import { sectionButtonId, SectionList } from './section-list';
import { SectionSeats } from './section-seats';
import { StandingTickets } from './standing-tickets';
import { useLiveSeatMap } from './use-live-seat-map';
import { venueShape } from './venue-shape';

export type { PickedSeat } from './picks';

interface Props {
  eventId: string;
  value: readonly PickedSeat[];
  onChange(next: PickedSeat[]): void;
  /** The most seats the fan may pick. */
  limit: number;
}

export function SeatPicker(props: Props) {
  const state = useLiveSeatMap(props.eventId);
  if (state.error) return <p className="error">{state.error}</p>;
  if (!state.map) return <p>Loading the seat map…</p>;
  return <LoadedPicker map={state.map} {...props} />;
}

function LoadedPicker({ map, value, onChange, limit }: Props & { map: LiveSeatMap }) {
  // Rendered again after each change the map takes in: the views read statuses from it.
  useSyncExternalStore(map.subscribe, () => map.revision);
  const shape = useMemo(() => venueShape(map), [map]);
  // Cheap for a few dozen sections, and a delta may move a price: worked out at each render.
  const { bands, bandOf } = priceBands(map.sections.map((section) => section.price));
  const sectionColours = bandOf.map((band) => BAND_COLOURS[band]!);
  const [view, setView] = useState<'map' | 'list'>('map');
  const [open, setOpen] = useState<number | null>(null);
  const [listSection, setListSection] = useState(() => firstWithSeats(map));
  const [message, setMessage] = useState('');
  const picked = useMemo(() => new Set(value.map((seat) => seat.ticketId)), [value]);
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = useId();

  // Picks follow the map: someone else's hold or sale drops a seat (and the fan hears of it); prices follow.
  const picks = useRef({ value, onChange });
  useLayoutEffect(() => {
    picks.current = { value, onChange };
  });
  useEffect(
    () =>
      map.subscribe(() => {
        const { next, dropped } = followMap(map, picks.current.value);
        if (!next) return;
        picks.current.onChange(next);
        picks.current.value = next; // until the page renders it: the next delta may come first
        if (dropped.length > 0) setMessage(`${dropped.map(describe).join('; ')}: no longer available, so no longer picked.`);
      }),
    [map],
  );

  function toggle(index: number) {
    const ticketId = map.ticketIds[index]!;
    if (picked.has(ticketId)) return onChange(value.filter((seat) => seat.ticketId !== ticketId));
    if (value.length >= limit) return setMessage(`You can pick up to ${limit} seats: unpick one to pick another.`);
    setMessage('');
    onChange([...value, pickedSeat(map, index)]);
  }

  const isIn = (section: number) => (seat: PickedSeat) => map.sectionOf[map.index(seat.ticketId) ?? -1] === section;

  /** Sets how many units of a general-admission section are picked. */
  function setUnits(section: number, count: number) {
    const elsewhere = value.filter((seat) => !isIn(section)(seat));
    const mine = value.filter(isIn(section)).slice(0, count);
    const more = availableUnits(map, section, count - mine.length, picked).map((index) => pickedSeat(map, index));
    onChange([...elsewhere, ...mine, ...more]);
  }

  function standing(section: number) {
    const count = value.filter(isIn(section)).length;
    return <StandingTickets map={map} section={section} count={count} most={limit - (value.length - count)} onCount={(next) => setUnits(section, next)} />;
  }

  function openSection(section: number) {
    setOpen(section);
    setListSection(section); // the list shows the same section, should the fan switch to it
    requestAnimationFrame(() => heading.current?.focus());
  }

  function closeSection() {
    const id = map.sections[open!]!.id;
    setOpen(null);
    requestAnimationFrame(() => document.getElementById(sectionButtonId(id))?.focus());
  }

  const current = open === null ? null : map.sections[open]!;
  return (
    <div className="seat-picker">
      <div className="view-toggle" role="group" aria-label="Show seats as">
        <button type="button" aria-pressed={view === 'map'} onClick={() => setView('map')}>
          Map
        </button>
        <button type="button" aria-pressed={view === 'list'} onClick={() => setView('list')}>
          List
        </button>
      </div>
      {view === 'list' ? (
        <SeatList map={map} section={listSection} onSection={setListSection} picked={picked} onToggle={toggle} standing={standing(listSection)} />
      ) : current === null ? (
        <>
          <Overview map={map} shape={shape} sectionColours={sectionColours} onOpen={openSection} />
          <Legend bands={bands} />
          <SectionList map={map} sectionColours={sectionColours} onOpen={openSection} />
        </>
      ) : (
        <section className="section-view" aria-labelledby={headingId}>
          <div className="section-view-header">
            <button type="button" onClick={closeSection}>
              Back to the venue
            </button>
            <h3 id={headingId} ref={heading} tabIndex={-1}>
              Section {current.name}
            </h3>
            <span className="muted">
              {current.available.toLocaleString()} of {current.capacity.toLocaleString()} available
            </span>
          </div>
          {current.kind === 'GENERAL_ADMISSION' ? (
            standing(open!)
          ) : (
            <SectionSeats map={map} section={open!} colour={sectionColours[open!]!} picked={picked} onToggle={toggle} />
          )}
        </section>
      )}
      <p className="seat-picker-status" role="status">
        {message}
      </p>
    </div>
  );
}

/** The first section with a ticket left, for the list to start with. */
function firstWithSeats(map: LiveSeatMap): number {
  return Math.max(
    0,
    map.sections.findIndex((section) => section.available > 0),
  );
}

function describe(seat: PickedSeat): string {
  return seat.row === null ? `A ticket in ${seat.section}` : `Section ${seat.section}, row ${seat.row}, seat ${seat.number}`;
}
