/**
 * The overview's canvas and what it shows: the viewport, the gestures and keys that move it, and the drawing,
 * done only in an animation frame and at most once per frame whatever asked (a delta, a resize, a drag). The
 * backing store follows the canvas's CSS size and the screen's pixel ratio, so the picture stays sharp.
 */
import { drawOverview } from './draw-overview';
import type { LiveSeatMap } from './live-seat-map';
import { listenToGestures } from './pointer-gestures';
import type { VenueShape } from './venue-shape';
import { fitted, pannedBy, resized, toVenue, type Viewport, zoomedAt } from './viewport';

/** What the overview shows, and where a click on a section goes. */
export interface Scene {
  map: LiveSeatMap;
  shape: VenueShape;
  sectionColours: readonly string[];
  onOpen(section: number): void;
}

/** How far a click may be from a seat, in CSS pixels, to open its section. */
const CLICK_REACH = 12;

export class OverviewCanvas {
  private scene: Scene | undefined;
  private view: Viewport | undefined;
  private frame = 0;
  private readonly stops: (() => void)[] = [];
  private stopFollowing = () => {};

  constructor(private readonly canvas: HTMLCanvasElement) {
    const observer = new ResizeObserver(() => this.resize());
    observer.observe(canvas);
    // Wheel zoom: the page must not scroll meanwhile, which takes a listener that is not passive.
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      this.zoom(Math.exp(-event.deltaY * 0.002), event.offsetX, event.offsetY);
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    const stopGestures = listenToGestures(canvas, {
      pan: (dx, dy) => this.pan(dx, dy),
      pinch: (factor, px, py) => this.zoom(factor, px, py),
      click: (px, py) => this.click(px, py),
    });
    this.stops.push(
      () => observer.disconnect(),
      () => canvas.removeEventListener('wheel', onWheel),
      stopGestures,
    );
  }

  show(scene: Scene): void {
    if (scene.map !== this.scene?.map) {
      this.stopFollowing();
      this.stopFollowing = scene.map.subscribe(() => this.redraw());
      this.view = undefined; // another venue, maybe: fit it
    }
    this.scene = scene;
    this.resize();
  }

  pan(dx: number, dy: number): void {
    this.move((view, shape) => pannedBy(view, shape.bounds, dx, dy));
  }

  /** Zooms by `factor` about a canvas point; the centre by default. */
  zoom(factor: number, px?: number, py?: number): void {
    this.move((view, shape) => zoomedAt(view, shape.bounds, factor, px, py));
  }

  /** Shows the whole venue. */
  fit(): void {
    this.move((view, shape) => fitted(shape.bounds, view.width, view.height));
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.stopFollowing();
    for (const stop of this.stops) stop();
  }

  private resize(): void {
    const { width, height } = this.canvas.getBoundingClientRect();
    const [deviceWidth, deviceHeight] = [Math.round(width * devicePixelRatio), Math.round(height * devicePixelRatio)];
    // Setting a canvas's size clears it, even to the same size.
    if (this.canvas.width !== deviceWidth) this.canvas.width = deviceWidth;
    if (this.canvas.height !== deviceHeight) this.canvas.height = deviceHeight;
    if (!this.scene) return;
    const bounds = this.scene.shape.bounds;
    this.view = this.view ? resized(this.view, bounds, width, height) : fitted(bounds, width, height);
    this.redraw();
  }

  private move(next: (view: Viewport, shape: VenueShape) => Viewport): void {
    if (!this.view || !this.scene) return;
    this.view = next(this.view, this.scene.shape);
    this.redraw();
  }

  private click(px: number, py: number): void {
    if (!this.view || !this.scene) return;
    const { map, shape, onOpen } = this.scene;
    const section = sectionAt(map, shape, ...toVenue(this.view, px, py), CLICK_REACH / this.view.scale);
    if (section !== undefined) onOpen(section);
  }

  private redraw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const context = this.canvas.getContext('2d');
      if (!context || !this.view || !this.scene) return;
      drawOverview(context, this.scene.map, this.scene.shape, this.scene.sectionColours, this.view, devicePixelRatio);
      if (performance.getEntriesByName('seat-map-drawn').length === 0) performance.mark('seat-map-drawn'); // for bench/web.ts
    });
  }
}

/** The section at venue point (x, y): a standing section's box, else the section of the nearest seat within `reach` metres. */
function sectionAt(map: LiveSeatMap, shape: VenueShape, x: number, y: number, reach: number): number | undefined {
  const standing = shape.sections.findIndex(({ box }) => box && x >= box.left && x <= box.left + box.width && y >= box.top && y <= box.top + box.height);
  if (standing >= 0) return standing;
  let [nearest, best] = [Math.max(reach, shape.seatSize), -1];
  for (let i = 0; i < map.x.length; i++) {
    const distance = Math.hypot(map.x[i]! - x, map.y[i]! - y); // NaN for standing units: never nearer
    if (distance < nearest) [nearest, best] = [distance, i];
  }
  return best < 0 ? undefined : map.sectionOf[best];
}
