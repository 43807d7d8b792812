/**
 * Section definitions and the seats they produce. Coordinates are in metres
 * with y growing downwards (screen convention), so a client can draw the map
 * without knowing the venue: the stage or the field centre sits at (0, 0).
 */

/**
 * Rows curving around a centre, as in a theatre facing its stage or an arena
 * bowl around its floor. Row A lies at `radius`, each next row `rowGap`
 * further out; seats spread evenly from angle `from` to angle `to` (degrees,
 * 0 = east, 90 = south).
 */
export interface ArcLayout {
  shape: 'arc';
  radius: number;
  rowGap: number;
  from: number;
  to: number;
}

/** Straight rows, as at a comedy club's tables: row A at (x, y), the seats going east, the rows south. */
export interface GridLayout {
  shape: 'grid';
  x: number;
  y: number;
  seatGap: number;
  rowGap: number;
}

/**
 * A straight row placed on its own, as organizers draw them: seat
 * `firstNumber` at (`x`, `y`), each next number `seatSpacing` metres further
 * east (+x).
 */
export interface StraightRow {
  label: string;
  seats: number;
  firstNumber: number;
  x: number;
  y: number;
  seatSpacing: number;
}

/** Numbered seats in `rows` rows (A, B, ...) of `seatsPerRow` seats numbered from 1, laid out by a shape: the demo seed's venues. */
export interface ShapedSectionDefinition {
  name: string;
  kind: 'RESERVED';
  rows: number;
  seatsPerRow: number;
  layout: ArcLayout | GridLayout;
}

/** Numbered seats an organizer placed: straight rows, or each seat on its own for an irregular shape. */
export interface PlacedSectionDefinition {
  name: string;
  kind: 'RESERVED';
  layout: { shape: 'rows'; rows: readonly StraightRow[] } | { shape: 'seats'; seats: readonly SeatPosition[] };
}

export type ReservedSectionDefinition = ShapedSectionDefinition | PlacedSectionDefinition;

export interface GeneralAdmissionSectionDefinition {
  name: string;
  kind: 'GENERAL_ADMISSION';
  capacity: number;
}

export type SectionDefinition = ReservedSectionDefinition | GeneralAdmissionSectionDefinition;

export interface SeatPosition {
  rowLabel: string;
  number: number;
  x: number;
  y: number;
}

/** Seats of a reserved section, units of a general-admission one. */
export function sectionCapacity(section: SectionDefinition): number {
  if (section.kind === 'GENERAL_ADMISSION') return section.capacity;
  if ('seatsPerRow' in section) return section.rows * section.seatsPerRow;
  const { layout } = section;
  return layout.shape === 'seats' ? layout.seats.length : layout.rows.reduce((sum, row) => sum + row.seats, 0);
}

/** A, B, ... Z, then AA, AB, ... as on printed tickets. */
export function rowLabel(index: number): string {
  const letter = (i: number) => String.fromCharCode(65 + i);
  return index < 26 ? letter(index) : rowLabel(Math.floor(index / 26) - 1) + letter(index % 26);
}

/**
 * Every seat of a reserved section, row by row, at positions rounded to the
 * decimetre (so two seats "at the same place" are two at the same stored
 * position). Shaped rows are numbered from 1; placed seats keep their numbers.
 */
export function layoutSeats(section: ReservedSectionDefinition): SeatPosition[] {
  if ('seatsPerRow' in section) return shapedSeats(section);
  const { layout } = section;
  if (layout.shape === 'seats') return layout.seats.map((seat) => ({ ...seat, x: round(seat.x), y: round(seat.y) }));
  return layout.rows.flatMap((row) =>
    Array.from({ length: row.seats }, (_, i) => ({ rowLabel: row.label, number: row.firstNumber + i, x: round(row.x + i * row.seatSpacing), y: round(row.y) })),
  );
}

function shapedSeats(section: ShapedSectionDefinition): SeatPosition[] {
  const seats: SeatPosition[] = [];
  for (let row = 0; row < section.rows; row++) {
    for (let seat = 0; seat < section.seatsPerRow; seat++) {
      const [x, y] = position(section.layout, row, seat, section.seatsPerRow);
      seats.push({ rowLabel: rowLabel(row), number: seat + 1, x: round(x), y: round(y) });
    }
  }
  return seats;
}

function position(layout: ArcLayout | GridLayout, row: number, seat: number, seatsPerRow: number): [number, number] {
  if (layout.shape === 'grid') return [layout.x + seat * layout.seatGap, layout.y + row * layout.rowGap];
  const radius = layout.radius + row * layout.rowGap;
  // Seats sit in the middle of equal slices of the arc, so neighbouring sections do not touch.
  const degrees = layout.from + ((seat + 0.5) / seatsPerRow) * (layout.to - layout.from);
  const radians = (degrees * Math.PI) / 180;
  return [radius * Math.cos(radians), radius * Math.sin(radians)];
}

/** Decimetres are plenty for drawing, and keep the stored reals short and stable. */
function round(value: number): number {
  return Math.round(value * 10) / 10 || 0; // `|| 0` turns -0 into 0
}
