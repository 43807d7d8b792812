/**
 * The sections as a list of buttons under the overview: what the picture shows (how many seats are left, from
 * what price) for keyboard and screen reader users, and the way to open a section without pointing at it.
 */
import { formatMoney } from '../format';
import type { LiveSeatMap } from './live-seat-map';

interface Props {
  map: LiveSeatMap;
  sectionColours: readonly string[];
  onOpen(section: number): void;
}

export function SectionList({ map, sectionColours, onOpen }: Props) {
  return (
    <ul className="section-list" aria-label="Sections">
      {map.sections.map((section, s) => (
        <li key={section.id}>
          <button type="button" id={sectionButtonId(section.id)} onClick={() => onOpen(s)}>
            <span className="swatch" style={{ background: sectionColours[s] }} aria-hidden="true" />
            <span className="section-name">Section {section.name}:</span>{' '}
            <span className="muted">
              {section.available.toLocaleString()} of {section.capacity.toLocaleString()} available, {formatMoney(section.price)}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The id of a section's button, to put focus back on it when the fan leaves the section. */
export const sectionButtonId = (sectionId: string) => `seat-map-section-${sectionId}`;
