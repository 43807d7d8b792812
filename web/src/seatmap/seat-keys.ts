/**
 * Moving between a section's seats with the arrow keys. The seats are one stop of the Tab key (a roving
 * tabindex), not hundreds of them: Tab reaches the section's seats, then the controls after it, and the arrows
 * move among the seats as they are drawn: left and right to the nearest seat of the same row on that side,
 * down and up to the nearest seat of the row behind or in front (rows in ticket order, front first). Taken
 * seats are skipped, as they cannot be picked; Home and End go to the row's ends on screen.
 */

/** Where each seat of a section is drawn, as SectionSeats lays them out (in ticket order, row by row). */
export interface SeatGrid {
  /** Each seat's row label, in ticket order. */
  rows: readonly (string | null)[];
  /** Each seat's top-left corner on screen, in CSS pixels. */
  left: readonly number[];
  top: readonly number[];
  /** Whether each seat can be picked. */
  available: (seat: number) => boolean;
}

/** The seat a key moves to from `seat` (positions within the section); undefined when the key is not one of ours or leads nowhere. */
export function seatAfterKey(grid: SeatGrid, seat: number, key: string): number | undefined {
  const row = grid.rows[seat] ?? null;
  const distance = (i: number) => Math.hypot(grid.left[i]! - grid.left[seat]!, grid.top[i]! - grid.top[seat]!);
  const nearest = (candidates: number[]) =>
    candidates.reduce<number | undefined>((best, i) => (best === undefined || distance(i) < distance(best) ? i : best), undefined);
  const inRow = (label: string | null) => grid.rows.flatMap((other, i) => (other === label && i !== seat && grid.available(i) ? [i] : []));
  switch (key) {
    case 'ArrowLeft':
      return nearest(inRow(row).filter((i) => grid.left[i]! < grid.left[seat]!));
    case 'ArrowRight':
      return nearest(inRow(row).filter((i) => grid.left[i]! > grid.left[seat]!));
    case 'Home':
    case 'End': {
      const sorted = inRow(row).sort((a, b) => grid.left[a]! - grid.left[b]!);
      return key === 'Home' ? sorted[0] : sorted.at(-1);
    }
    case 'ArrowUp':
    case 'ArrowDown': {
      const labels = [...new Set(grid.rows)];
      const step = key === 'ArrowDown' ? 1 : -1;
      for (let r = labels.indexOf(row) + step; r >= 0 && r < labels.length; r += step) {
        const found = nearest(inRow(labels[r]!));
        if (found !== undefined) return found;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
