/**
 * Paints the venue overview on a canvas: each section tinted by the share of its seats still available, every
 * seat as a small square in its colour, and the sections' names once they fit. Seats are drawn as one path per
 * colour (a few fills for 20,000 seats, not 20,000), and those off screen are skipped, so a frame stays well
 * under 16 ms while panning and zooming.
 */
import { AVAILABLE, HELD, type LiveSeatMap } from './live-seat-map';
import { HELD_COLOUR, SOLD_COLOUR } from './price-bands';
import type { VenueShape } from './venue-shape';
import type { Viewport } from './viewport';

/** Seats are drawn at least this many CSS pixels wide, so a zoomed-out arena still shows each one. */
const MIN_SEAT_PIXELS = 1.5;

export function drawOverview(
  context: CanvasRenderingContext2D,
  map: LiveSeatMap,
  shape: VenueShape,
  sectionColours: readonly string[],
  view: Viewport,
  pixelRatio: number,
): void {
  const { scale } = view;
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, context.canvas.width, context.canvas.height);
  // Venue units from here on: metres, at the viewport's scale and centre, in device pixels.
  const ratio = pixelRatio * scale;
  context.setTransform(ratio, 0, 0, ratio, pixelRatio * (view.width / 2 - view.centerX * scale), pixelRatio * (view.height / 2 - view.centerY * scale));

  map.sections.forEach((section, s) => {
    const { hull, box } = shape.sections[s]!;
    const share = section.capacity === 0 ? 0 : section.available / section.capacity;
    context.fillStyle = sectionColours[s]!;
    context.globalAlpha = 0.1 + 0.35 * share;
    context.strokeStyle = sectionColours[s]!;
    context.lineWidth = shape.seatSize * 2;
    context.lineJoin = 'round';
    context.beginPath();
    if (box) context.rect(box.left, box.top, box.width, box.height);
    for (let i = 0; i < hull.length; i += 2) context.lineTo(hull[i]!, hull[i + 1]!);
    context.closePath();
    context.fill();
    if (!box) context.stroke(); // a rim as wide as a seat, so the tint reaches past the outermost seats
    context.globalAlpha = 1;
    if (box) {
      context.lineWidth = 2 / scale;
      context.stroke();
    }
  });

  drawSeats(context, map, shape, sectionColours, view);
  drawLabels(context, map, shape, view, pixelRatio);
}

function drawSeats(context: CanvasRenderingContext2D, map: LiveSeatMap, shape: VenueShape, sectionColours: readonly string[], view: Viewport): void {
  const size = Math.max(shape.seatSize, MIN_SEAT_PIXELS / view.scale);
  const half = size / 2;
  // What the canvas shows, in venue units, with a seat's margin.
  const left = view.centerX - view.width / 2 / view.scale - size;
  const right = view.centerX + view.width / 2 / view.scale + size;
  const top = view.centerY - view.height / 2 / view.scale - size;
  const bottom = view.centerY + view.height / 2 / view.scale + size;
  const paths = new Map<string, Path2D>();
  const { x, y, status, sectionOf } = map;
  for (let i = 0; i < x.length; i++) {
    const [seatX, seatY] = [x[i]!, y[i]!];
    if (!(seatX >= left && seatX <= right && seatY >= top && seatY <= bottom)) continue; // off screen, or standing (NaN)
    const colour = status[i] === AVAILABLE ? sectionColours[sectionOf[i]!]! : status[i] === HELD ? HELD_COLOUR : SOLD_COLOUR;
    let path = paths.get(colour);
    if (!path) paths.set(colour, (path = new Path2D()));
    path.rect(seatX - half, seatY - half, size, size);
  }
  for (const [colour, path] of paths) {
    context.fillStyle = colour;
    context.fill(path);
  }
}

/** Each section's name, with what is left in a standing section, where it fits. */
function drawLabels(context: CanvasRenderingContext2D, map: LiveSeatMap, shape: VenueShape, view: Viewport, pixelRatio: number): void {
  context.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
  context.font = '600 12px system-ui, sans-serif';
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  context.lineWidth = 3;
  context.strokeStyle = '#ffffff';
  context.fillStyle = '#1f2328';
  map.sections.forEach((section, s) => {
    const { labelX, labelY, span, box } = shape.sections[s]!;
    const text = box ? `${section.name} · ${section.available.toLocaleString()} left` : section.name;
    if (context.measureText(text).width > span * view.scale) return;
    const px = view.width / 2 + (labelX - view.centerX) * view.scale;
    const py = view.height / 2 + (labelY - view.centerY) * view.scale;
    context.strokeText(text, px, py);
    context.fillText(text, px, py);
  });
}
