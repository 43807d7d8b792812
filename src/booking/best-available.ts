/**
 * Where to seat a party of `quantity`: blocks of adjacent seats in one row,
 * best first. A block that would leave a single free seat between it and the
 * next taken seat (or the row's end) strands that seat, which then rarely
 * sells; such blocks come only after every block that strands nothing.
 */

/** Free seats next to each other in one row, in seat order; or free units of a general-admission section. */
export interface SeatRun {
  ticketIds: number[];
  /** General admission: any units will do and none can be stranded. */
  unassigned: boolean;
}

/**
 * Candidate blocks from `runs` (given best first, e.g. front row first), in
 * run order with each run's edges before its middle, up to `limit` of each
 * kind: those that strand no seat, and those that do.
 */
export function seatBlocks(runs: readonly SeatRun[], quantity: number, limit: number): { clean: number[][]; stranding: number[][] } {
  const clean: number[][] = [];
  const stranding: number[][] = [];
  for (const { ticketIds, unassigned } of runs) {
    const last = ticketIds.length - quantity;
    for (const offset of offsets(last, unassigned ? quantity : 1)) {
      const strands = !unassigned && (offset === 1 || last - offset === 1);
      const blocks = strands ? stranding : clean;
      if (blocks.length < limit) blocks.push(ticketIds.slice(offset, offset + quantity));
      if (clean.length >= limit) return { clean, stranding };
    }
  }
  return { clean, stranding };
}

/** Where blocks may start in a run: its two edges, then its middle; disjoint blocks for general admission. */
function offsets(last: number, step: number): number[] {
  if (last < 0) return [];
  const starts = Array.from({ length: Math.floor(last / step) + 1 }, (_, i) => i * step);
  return step === 1 ? [...new Set([0, last, ...starts])] : starts;
}

/**
 * The order to try blocks in: the best first; then, since a buyer who lost
 * it is most likely racing others who read the same seats, the rest from a
 * random place, so that those buyers spread out rather than collide again
 * block after block.
 */
export function spreadOut<T>(blocks: readonly T[], random: () => number = Math.random): T[] {
  const rest = blocks.slice(1);
  const start = Math.floor(random() * rest.length);
  return [...blocks.slice(0, 1), ...rest.slice(start), ...rest.slice(0, start)];
}
