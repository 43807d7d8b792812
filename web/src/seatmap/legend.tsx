/** What the colours of the map mean: a price band each for available seats, grey for those taken. */
import { HELD_COLOUR, type PriceBand, SOLD_COLOUR } from './price-bands';

export function Legend({ bands }: { bands: readonly PriceBand[] }) {
  const entries = [
    ...bands.map((band) => ({ colour: band.colour, label: `Available, ${band.label}` })),
    { colour: HELD_COLOUR, label: 'Held by someone' },
    { colour: SOLD_COLOUR, label: 'Sold' },
  ];
  return (
    <ul className="legend" aria-label="Map colours">
      {entries.map(({ colour, label }) => (
        <li key={label}>
          <span className="swatch" style={{ background: colour }} aria-hidden="true" />
          {label}
        </li>
      ))}
    </ul>
  );
}
