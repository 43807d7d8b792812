/**
 * Where to seat a party of `quantity`: blocks of adjacent seats in one row,
 * best first. A block that would leave a single free seat between it and the
 * next taken seat (or the row's end) strands that seat, which then rarely
 * sells; such blocks come only after every block that strands nothing.
 */

/** Free seats next to each other in one row, in seat order; or free units of a general-admission section. */
export interface SeatRun {
  sectionId: number;
  ticketIds: number[];
  /** General admission: any units will do and none can be stranded. */
  unassigned: boolean;
}

/**
 * Candidate blocks from `runs` (given best first, e.g. cheapest section and
 * front row first), at most `limit` of them: every block that strands no seat
 * in run order (each run's edges before its middle), then the others.
 */
export function seatBlocks(runs: readonly SeatRun[], quantity: number, limit: number): number[][] {
  const clean: number[][] = [];
  const stranding: number[][] = [];
  for (const { ticketIds, unassigned } of runs) {
    const last = ticketIds.length - quantity;
    for (const offset of offsets(last, unassigned ? quantity : 1)) {
      const block = ticketIds.slice(offset, offset + quantity);
      (!unassigned && (offset === 1 || last - offset === 1) ? stranding : clean).push(block);
      if (clean.length >= limit) return clean;
    }
  }
  return [...clean, ...stranding].slice(0, limit);
}

/** Where blocks may start in a run: its two edges, then its middle; disjoint blocks for general admission. */
function offsets(last: number, step: number): number[] {
  if (last < 0) return [];
  const starts = Array.from({ length: Math.floor(last / step) + 1 }, (_, i) => i * step);
  return step === 1 ? [...new Set([0, last, ...starts])] : starts;
}
