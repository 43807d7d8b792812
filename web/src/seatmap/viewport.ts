/**
 * What part of the venue the overview shows: the venue point at the canvas's centre and the scale (CSS pixels
 * per metre). Panning moves the centre, zooming changes the scale about a point that stays put under the
 * pointer; both are kept within the venue and between the whole venue and a close look at a few seats.
 */
import type { Box } from './venue-shape';

export interface Viewport {
  centerX: number;
  centerY: number;
  scale: number;
  /** The canvas's size in CSS pixels. */
  width: number;
  height: number;
}

/** The closest look, in CSS pixels per metre: a seat some 30 pixels wide. */
const MAX_SCALE = 40;

/** The whole venue, with a margin, in a canvas of this size. */
export function fitted(bounds: Box, width: number, height: number): Viewport {
  const scale = fitScale(bounds, width, height);
  return { centerX: bounds.left + bounds.width / 2, centerY: bounds.top + bounds.height / 2, scale, width, height };
}

export function resized(view: Viewport, bounds: Box, width: number, height: number): Viewport {
  return clamped({ ...view, width, height }, bounds);
}

/** Zoomed by `factor` about the canvas point (px, py), which shows the same venue point after. */
export function zoomedAt(view: Viewport, bounds: Box, factor: number, px = view.width / 2, py = view.height / 2): Viewport {
  const [x, y] = toVenue(view, px, py);
  const scale = Math.min(MAX_SCALE, Math.max(fitScale(bounds, view.width, view.height), view.scale * factor));
  return clamped({ ...view, scale, centerX: x - (px - view.width / 2) / scale, centerY: y - (py - view.height / 2) / scale }, bounds);
}

/** Moved so that the picture follows a drag of (dx, dy) CSS pixels. */
export function pannedBy(view: Viewport, bounds: Box, dx: number, dy: number): Viewport {
  return clamped({ ...view, centerX: view.centerX - dx / view.scale, centerY: view.centerY - dy / view.scale }, bounds);
}

/** The venue point under the canvas point (px, py). */
export function toVenue(view: Viewport, px: number, py: number): [number, number] {
  return [view.centerX + (px - view.width / 2) / view.scale, view.centerY + (py - view.height / 2) / view.scale];
}

function fitScale(bounds: Box, width: number, height: number): number {
  return Math.min(width / (bounds.width * 1.1 || 1), height / (bounds.height * 1.1 || 1));
}

/** The centre kept over the venue, so it cannot be lost off screen. */
function clamped(view: Viewport, bounds: Box): Viewport {
  const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
  return {
    ...view,
    centerX: clamp(view.centerX, bounds.left, bounds.left + bounds.width),
    centerY: clamp(view.centerY, bounds.top, bounds.top + bounds.height),
  };
}
