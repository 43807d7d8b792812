/**
 * The fixed geometry of a venue's overview, worked out once per map (places never change): the area its seats
 * cover, the outline of each seated section, a box for each general-admission section (which has no places), and
 * how big to draw a seat. Coordinates are the API's: metres, the stage or field centre at (0, 0), y growing
 * towards the back.
 */
import type { LiveSeatMap } from './live-seat-map';

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface SectionShape {
  /** The outline (convex hull) of its seats, as x, y pairs; empty for general admission. */
  hull: number[];
  /** Where general admission is drawn; null for a seated section. */
  box: Box | null;
  /** Where to write its name, and the width it has there, in metres. */
  labelX: number;
  labelY: number;
  span: number;
}

export interface VenueShape {
  bounds: Box;
  sections: SectionShape[];
  /** A seat's side, in metres: most of the gap between neighbours. */
  seatSize: number;
}

/** Side of a general-admission box placed below the seats, in metres. */
const STANDING_BOX = 12;

export function venueShape(map: LiveSeatMap): VenueShape {
  const seatSize = 0.75 * typicalGap(map);
  const shapes = map.sections.map((section): SectionShape => {
    const hull = convexHull(map, section.start, section.start + section.capacity);
    const [labelX, labelY] = centroid(hull);
    return { hull, box: null, labelX, labelY, span: spanOf(hull) };
  });
  const seats = seatBounds(map);
  const standing = map.sections.flatMap((section, s) => (section.kind === 'GENERAL_ADMISSION' ? [s] : []));
  standing.forEach((s, i) => {
    const box = standingBox(map, seats, i, standing.length);
    shapes[s] = { hull: [], box, labelX: box.left + box.width / 2, labelY: box.top + box.height / 2, span: box.width };
  });
  const boxes = shapes.flatMap((shape) => (shape.box ? [shape.box] : []));
  const bounds = union([...(seats ? [seats] : []), ...boxes]);
  // Room for the outermost seats and their sections' rims.
  const margin = seatSize * 2;
  return {
    bounds: { left: bounds.left - margin, top: bounds.top - margin, width: bounds.width + 2 * margin, height: bounds.height + 2 * margin },
    sections: shapes,
    seatSize,
  };
}

/**
 * Where the i-th of `count` general-admission sections goes. A floor in the middle of an arena has no places,
 * but the seats around it leave the centre empty: there, when no seat is near (0, 0); otherwise in a row below.
 */
function standingBox(map: LiveSeatMap, seats: Box | null, i: number, count: number): Box {
  const nearest = nearestSeatDistance(map);
  if (seats && nearest > 4) {
    // The square that fits inside the empty circle, split into one column per section.
    const side = nearest * Math.SQRT2 * 0.9;
    const width = side / count;
    return { left: -side / 2 + i * width, top: -side / 2, width: width * 0.95, height: side };
  }
  const top = seats ? seats.top + seats.height + 3 : 0;
  const left = -(count * (STANDING_BOX + 2)) / 2 + i * (STANDING_BOX + 2);
  return { left, top, width: STANDING_BOX, height: STANDING_BOX * 0.6 };
}

function nearestSeatDistance(map: LiveSeatMap): number {
  let nearest = Infinity;
  for (let i = 0; i < map.x.length; i++) {
    if (!Number.isNaN(map.x[i]!)) nearest = Math.min(nearest, Math.hypot(map.x[i]!, map.y[i]!));
  }
  return nearest;
}

/** The median gap between seats next to each other in a row: what a seat's size follows. */
function typicalGap(map: LiveSeatMap): number {
  const gaps: number[] = [];
  for (let i = 1; i < map.x.length && gaps.length < 2_000; i++) {
    if (map.rows[i] !== null && map.rows[i] === map.rows[i - 1] && map.sectionOf[i] === map.sectionOf[i - 1]) {
      gaps.push(Math.hypot(map.x[i]! - map.x[i - 1]!, map.y[i]! - map.y[i - 1]!));
    }
  }
  gaps.sort((a, b) => a - b);
  return gaps[gaps.length >> 1] || 1;
}

function seatBounds(map: LiveSeatMap): Box | null {
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < map.x.length; i++) {
    const [x, y] = [map.x[i]!, map.y[i]!];
    if (Number.isNaN(x)) continue;
    [left, top, right, bottom] = [Math.min(left, x), Math.min(top, y), Math.max(right, x), Math.max(bottom, y)];
  }
  return left === Infinity ? null : { left, top, width: right - left, height: bottom - top };
}

function union(boxes: Box[]): Box {
  if (boxes.length === 0) return { left: -10, top: -10, width: 20, height: 20 };
  const left = Math.min(...boxes.map((box) => box.left));
  const top = Math.min(...boxes.map((box) => box.top));
  const right = Math.max(...boxes.map((box) => box.left + box.width));
  const bottom = Math.max(...boxes.map((box) => box.top + box.height));
  return { left, top, width: right - left, height: bottom - top };
}

/** Andrew's monotone chain over the seats `from` up to `to`, as x, y pairs. */
function convexHull(map: LiveSeatMap, from: number, to: number): number[] {
  const points: [number, number][] = [];
  for (let i = from; i < to; i++) if (!Number.isNaN(map.x[i]!)) points.push([map.x[i]!, map.y[i]!]);
  if (points.length < 3) return points.flat();
  points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cross = (o: [number, number], a: [number, number], b: [number, number]) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (list: [number, number][]) => {
    const chain: [number, number][] = [];
    for (const point of list) {
      while (chain.length >= 2 && cross(chain[chain.length - 2]!, chain[chain.length - 1]!, point) <= 0) chain.pop();
      chain.push(point);
    }
    chain.pop();
    return chain;
  };
  return [...half(points), ...half([...points].reverse())].flat();
}

/** The larger side of the outline's bounding box. */
function spanOf(hull: number[]): number {
  const xs = hull.filter((_, i) => i % 2 === 0);
  const ys = hull.filter((_, i) => i % 2 === 1);
  return xs.length === 0 ? 0 : Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
}

function centroid(hull: number[]): [number, number] {
  if (hull.length === 0) return [0, 0];
  let [x, y] = [0, 0];
  for (let i = 0; i < hull.length; i += 2) [x, y] = [x + hull[i]!, y + hull[i + 1]!];
  return [x / (hull.length / 2), y / (hull.length / 2)];
}
