/**
 * An organizer's seating plan, checked against the rules
 * schema/organizer.graphql states for SectionInput, RowInput and SeatInput,
 * and turned into the section definitions catalog stores (seat-layout.ts).
 * Every fault is an INVALID_SEATING_PLAN naming its field (e.g.
 * ['input', 'sections', '3', 'rows', '2', 'label']), or VENUE_TOO_LARGE.
 */
import { layoutSeats, type SeatPosition, type SectionDefinition } from '../catalog/seat-layout.js';
import type { FieldPath, InputErrors } from './input-errors.js';

/** A section as an organizer gives it. */
export interface SectionPlan {
  name: string;
  kind: 'RESERVED' | 'GENERAL_ADMISSION';
  capacity?: number | null;
  rows?: readonly RowPlan[] | null;
  seats?: readonly SeatPlan[] | null;
}

/** A straight row: seat `firstNumber` at (x, y), each next number `seatSpacing` metres further east. */
export interface RowPlan {
  label: string;
  seats: number;
  firstNumber?: number | null;
  x: number;
  y: number;
  seatSpacing?: number | null;
}

/** One seat of an irregular section. */
export interface SeatPlan {
  row: string;
  number: number;
  x: number;
  y: number;
}

/** The limits of a venue's plan, as the schema states them. */
export const PLAN_LIMITS = {
  sections: 200,
  /** Seats and general-admission units of the whole venue. */
  units: 120_000,
  sectionName: 100,
  rowLabel: 10,
  seatsPerRow: 500,
  seatNumber: 100_000,
  seatSpacing: { min: 0.3, max: 5 },
  /** Metres from the stage, either way, of a position given. */
  coordinate: 10_000,
} as const;

const DEFAULT_FIRST_NUMBER = 1;
const DEFAULT_SEAT_SPACING = 0.5;
const INVALID = 'INVALID_SEATING_PLAN';

/**
 * Checks the plan given at `at` (['input', 'sections']); returns the sections
 * to store, or undefined after recording in `errors` every fault found. The
 * seats are laid out (to find those at one place) only once the plan is
 * otherwise sound and within the size limits, so a plan of a billion seats
 * costs no more to refuse than its input took to read.
 */
export function checkSeatingPlan(plan: readonly SectionPlan[], errors: InputErrors, at: FieldPath): SectionDefinition[] | undefined {
  const before = errors.found;
  if (plan.length === 0) errors.add(INVALID, 'A seating plan needs at least one section.', at);
  const names = new Set<string>();
  plan.forEach((section, i) => checkSection(section, [...at, i], names, errors));
  const units = plan.reduce((sum, section) => sum + unitsOf(section), 0);
  if (plan.length > PLAN_LIMITS.sections || units > PLAN_LIMITS.units) {
    errors.add(
      'VENUE_TOO_LARGE',
      `A venue has at most ${PLAN_LIMITS.sections} sections and ${PLAN_LIMITS.units.toLocaleString('en-US')} seats and standing places; ` +
        `this plan has ${plan.length} sections and ${units.toLocaleString('en-US')} places.`,
      at,
    );
  }
  if (errors.found > before) return undefined;
  const sections = plan.map(definitionOf);
  checkOverlaps(sections, errors, at);
  return errors.found > before ? undefined : sections;
}

function checkSection(section: SectionPlan, at: FieldPath, names: Set<string>, errors: InputErrors): void {
  const name = errors.text(INVALID, section.name, PLAN_LIMITS.sectionName, [...at, 'name'], 'A section name');
  if (name !== undefined) {
    if (names.has(name.toLowerCase()))
      errors.add(INVALID, `Two sections are called ${JSON.stringify(name)}; names are compared ignoring case.`, [...at, 'name']);
    names.add(name.toLowerCase());
  }
  if (section.kind === 'GENERAL_ADMISSION') {
    if (section.capacity == null) errors.add(INVALID, 'A GENERAL_ADMISSION section needs a capacity: how many people it holds.', [...at, 'capacity']);
    else errors.inRange(INVALID, section.capacity, 1, PLAN_LIMITS.units, [...at, 'capacity'], 'A capacity');
    if (section.rows != null) errors.add(INVALID, 'A GENERAL_ADMISSION section has no rows: its places are not numbered seats.', [...at, 'rows']);
    if (section.seats != null) errors.add(INVALID, 'A GENERAL_ADMISSION section has no seats: its places are not numbered.', [...at, 'seats']);
    return;
  }
  if (section.capacity != null) errors.add(INVALID, 'A RESERVED section holds its seats: leave capacity out.', [...at, 'capacity']);
  if (section.rows != null && section.seats != null) {
    errors.add(INVALID, "Give a RESERVED section's seats as rows or as seats, not both.", [...at, 'seats']);
  } else if (section.rows != null) {
    checkRows(section.rows, [...at, 'rows'], errors);
  } else if (section.seats != null) {
    checkSeats(section.seats, [...at, 'seats'], errors);
  } else {
    errors.add(INVALID, 'A RESERVED section needs its seats, as rows or as seats.', [...at, 'rows']);
  }
}

function checkRows(rows: readonly RowPlan[], at: FieldPath, errors: InputErrors): void {
  if (rows.length === 0) errors.add(INVALID, 'A RESERVED section needs at least one row.', at);
  const labels = new Set<string>();
  rows.forEach((row, j) => {
    const label = errors.text(INVALID, row.label, PLAN_LIMITS.rowLabel, [...at, j, 'label'], 'A row label');
    if (label !== undefined) {
      if (labels.has(label.toLowerCase()))
        errors.add(INVALID, `Two rows of this section are labelled ${JSON.stringify(label)}; labels are compared ignoring case.`, [...at, j, 'label']);
      labels.add(label.toLowerCase());
    }
    errors.inRange(INVALID, row.seats, 1, PLAN_LIMITS.seatsPerRow, [...at, j, 'seats'], 'Seats in a row');
    errors.inRange(INVALID, row.firstNumber ?? DEFAULT_FIRST_NUMBER, 0, PLAN_LIMITS.seatNumber, [...at, j, 'firstNumber'], "A row's first seat number");
    const { min, max } = PLAN_LIMITS.seatSpacing;
    errors.inRange(INVALID, row.seatSpacing ?? DEFAULT_SEAT_SPACING, min, max, [...at, j, 'seatSpacing'], 'Seat spacing');
    checkPosition(row, [...at, j], errors);
  });
}

function checkSeats(seats: readonly SeatPlan[], at: FieldPath, errors: InputErrors): void {
  if (seats.length === 0) errors.add(INVALID, 'A RESERVED section needs at least one seat.', at);
  const numbered = new Set<string>();
  seats.forEach((seat, k) => {
    const row = errors.text(INVALID, seat.row, PLAN_LIMITS.rowLabel, [...at, k, 'row'], 'A row label');
    if (errors.inRange(INVALID, seat.number, 0, PLAN_LIMITS.seatNumber, [...at, k, 'number'], 'A seat number') && row !== undefined) {
      const key = `${row.toLowerCase()} ${seat.number}`;
      if (numbered.has(key))
        errors.add(INVALID, `Seat ${seat.number} of row ${row} is given twice; row labels are compared ignoring case.`, [...at, k, 'number']);
      numbered.add(key);
    }
    checkPosition(seat, [...at, k], errors);
  });
}

function checkPosition(position: { x: number; y: number }, at: FieldPath, errors: InputErrors): void {
  const limit = PLAN_LIMITS.coordinate;
  errors.inRange(INVALID, position.x, -limit, limit, [...at, 'x'], 'x');
  errors.inRange(INVALID, position.y, -limit, limit, [...at, 'y'], 'y');
}

/** Seats or places the section asks for, as given (before its own checks: a row of a billion seats counts a billion). */
function unitsOf(section: SectionPlan): number {
  if (section.kind === 'GENERAL_ADMISSION') return Math.max(section.capacity ?? 0, 0);
  return (section.rows ?? []).reduce((sum, row) => sum + Math.max(row.seats, 0), 0) + (section.seats?.length ?? 0);
}

/** A sound section as catalog stores it. */
function definitionOf(section: SectionPlan): SectionDefinition {
  const name = section.name.trim();
  if (section.kind === 'GENERAL_ADMISSION') return { name, kind: 'GENERAL_ADMISSION', capacity: section.capacity! };
  if (section.rows) {
    const rows = section.rows.map((row) => ({
      label: row.label.trim(),
      seats: row.seats,
      firstNumber: row.firstNumber ?? DEFAULT_FIRST_NUMBER,
      x: row.x,
      y: row.y,
      seatSpacing: row.seatSpacing ?? DEFAULT_SEAT_SPACING,
    }));
    return { name, kind: 'RESERVED', layout: { shape: 'rows', rows } };
  }
  const seats = section.seats!.map((seat) => ({ rowLabel: seat.row.trim(), number: seat.number, x: seat.x, y: seat.y }));
  return { name, kind: 'RESERVED', layout: { shape: 'seats', seats } };
}

/**
 * No two seats of the venue at one place: positions are compared as stored,
 * rounded to the decimetre (layoutSeats). Each seat that lands where an
 * earlier one is names its row (given as rows) or itself (given as seats).
 */
function checkOverlaps(sections: readonly SectionDefinition[], errors: InputErrors, at: FieldPath): void {
  const taken = new Map<number, { section: string; seat: SeatPosition }>();
  sections.forEach((section, i) => {
    if (section.kind !== 'RESERVED' || 'seatsPerRow' in section) return; // (organizers' sections are never shaped)
    const { layout } = section;
    // Which input item each laid-out seat came from, in layout order.
    const items = layout.shape === 'rows' ? layout.rows.flatMap((row, j) => new Array<number>(row.seats).fill(j)) : undefined;
    layoutSeats(section).forEach((seat, k) => {
      // The position in decimetres as one exact number: |y| is at most 100,000 dm, x at most 125,000 (a row's last seat).
      const key = Math.round(seat.x * 10) * 1_000_000 + Math.round(seat.y * 10);
      const earlier = taken.get(key);
      if (!earlier) return void taken.set(key, { section: section.name, seat });
      errors.add(
        INVALID,
        `Seat ${seat.rowLabel} ${seat.number} of section ${section.name} is at (${seat.x}, ${seat.y}), where seat ` +
          `${earlier.seat.rowLabel} ${earlier.seat.number} of section ${earlier.section} is: seats overlap (positions are compared to the decimetre).`,
        items ? [...at, i, 'rows', items[k]!] : [...at, i, 'seats', k],
      );
    });
  });
}
