/**
 * The best-available rule on its own (src/booking/best-available.ts): which blocks of adjacent
 * seats a party may get, in which order, which strand a seat, and the order buyers racing for
 * them try them in. test/booking.test.ts and test/booking-races.test.ts run it through the API
 * against PostgreSQL.
 */
import { describe, expect, it } from 'vitest';

import { seatBlocks, type SeatRun, spreadOut } from '../../src/booking/best-available.js';

/** A run of free reserved seats numbered `from` to `to`, ids as numbers (A1 = 101 ...). */
const seats = (from: number, to: number): SeatRun => ({ ticketIds: Array.from({ length: to - from + 1 }, (_, i) => from + i), unassigned: false });
/** `count` free units of a general-admission section, from id `from`. */
const units = (from: number, count: number): SeatRun => ({ ticketIds: Array.from({ length: count }, (_, i) => from + i), unassigned: true });

describe('seatBlocks', () => {
  it.each<[string, SeatRun, number, { clean: number[][]; stranding: number[][] }]>([
    ['a run shorter than the party: nothing', seats(101, 102), 3, { clean: [], stranding: [] }],
    ['a run just as long: the run itself', seats(101, 103), 3, { clean: [[101, 102, 103]], stranding: [] }],
    [
      'one seat to spare: either block leaves that seat alone',
      seats(101, 104),
      3,
      {
        clean: [],
        stranding: [
          [101, 102, 103],
          [102, 103, 104],
        ],
      },
    ],
    [
      'two to spare: both edges are clean, the middle strands one on each side',
      seats(101, 105),
      3,
      {
        clean: [
          [101, 102, 103],
          [103, 104, 105],
        ],
        stranding: [[102, 103, 104]],
      },
    ],
    [
      'a long run: its two edges first, then its middle from the front, leaving no seat alone where it can',
      seats(101, 110),
      2,
      {
        clean: [
          [101, 102],
          [109, 110],
          [103, 104],
          [104, 105],
          [105, 106],
          [106, 107],
          [107, 108],
        ],
        stranding: [
          [102, 103],
          [108, 109],
        ],
      },
    ],
    [
      'a single seat: a lone free seat fills the gap, a pair would leave one alone whichever is taken',
      seats(101, 102),
      1,
      { clean: [], stranding: [[101], [102]] },
    ],
    [
      'general admission: disjoint blocks, none stranding however many units are left over',
      units(201, 7),
      3,
      {
        clean: [
          [201, 202, 203],
          [204, 205, 206],
        ],
        stranding: [],
      },
    ],
    ['general admission with too few units: nothing', units(201, 2), 3, { clean: [], stranding: [] }],
  ])('%s', (_, run, quantity, expected) => {
    expect(seatBlocks([run], quantity, 32)).toEqual(expected);
  });

  it('keeps the runs in the order given (the best row first), and a lone seat later on beats a stranding one before it', () => {
    const [rowA, rowB, rowC] = [seats(101, 102), seats(201, 201), seats(301, 303)];
    expect(seatBlocks([rowA, rowB, rowC], 1, 32)).toEqual({ clean: [[201], [301], [303]], stranding: [[101], [102], [302]] });
    expect(seatBlocks([rowC, rowA], 3, 32)).toEqual({ clean: [[301, 302, 303]], stranding: [] });
  });

  it('gives at most `limit` blocks of each kind, and reads no further run once it has `limit` clean ones', () => {
    const long = seats(101, 120);
    const limited = seatBlocks([long, seats(201, 202)], 2, 3);
    expect(limited).toEqual({
      clean: [
        [101, 102],
        [119, 120],
        [103, 104],
      ],
      stranding: [[102, 103]], // [118, 119] comes after the third clean block: not read
    });
    // Stranding blocks are capped too, while the clean ones are still sought in later runs.
    const pairsOfThree = [seats(101, 103), seats(201, 203), seats(301, 303)];
    expect(seatBlocks(pairsOfThree, 2, 2)).toEqual({
      clean: [],
      stranding: [
        [101, 102],
        [102, 103],
      ],
    });
  });
});

describe('spreadOut', () => {
  const blocks = ['best', 'b', 'c', 'd', 'e'];

  it.each([
    [0, ['best', 'b', 'c', 'd', 'e']],
    [0.24, ['best', 'b', 'c', 'd', 'e']],
    [0.25, ['best', 'c', 'd', 'e', 'b']],
    [0.5, ['best', 'd', 'e', 'b', 'c']],
    [0.999, ['best', 'e', 'b', 'c', 'd']],
  ])('tries the best block first, then the others in order from a random place (random %f)', (random, order) => {
    expect(spreadOut(blocks, () => random)).toEqual(order);
  });

  it('tries every block once, whatever the draw, and leaves the list it was given alone', () => {
    for (let draw = 0; draw < 1; draw += 0.05) expect([...spreadOut(blocks, () => draw)].sort()).toEqual([...blocks].sort());
    expect(blocks).toEqual(['best', 'b', 'c', 'd', 'e']);
    expect(spreadOut([], () => 0.5)).toEqual([]);
    expect(spreadOut(['only'], () => 0.5)).toEqual(['only']);
  });
});
