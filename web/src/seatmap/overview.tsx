/**
 * The venue overview: a canvas of every seat (overview-canvas.ts) to pan (drag, arrow keys) and zoom (wheel,
 * pinch, the + and - buttons or keys); a click on a section opens it. Keyboard and screen reader users open
 * sections from the list under it (SectionList), which says what the picture shows.
 */
import { useEffect, useRef } from 'react';

import { OverviewCanvas, type Scene } from './overview-canvas';

/** What an arrow key pans by, in CSS pixels, and what + and - zoom by. */
const PAN_STEP = 60;
const ZOOM_STEP = 1.5;

const KEY_PANS: Record<string, [number, number]> = { ArrowLeft: [PAN_STEP, 0], ArrowRight: [-PAN_STEP, 0], ArrowUp: [0, PAN_STEP], ArrowDown: [0, -PAN_STEP] };

export function Overview({ map, shape, sectionColours, onOpen }: Scene) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const painter = useRef<OverviewCanvas | null>(null);

  useEffect(() => {
    const created = new OverviewCanvas(canvasRef.current!);
    painter.current = created;
    return () => created.dispose();
  }, []);
  useEffect(() => painter.current?.show({ map, shape, sectionColours, onOpen }), [map, shape, sectionColours, onOpen]);

  function onKeyDown(event: React.KeyboardEvent) {
    const pan = KEY_PANS[event.key];
    if (pan) painter.current?.pan(...pan);
    else if (event.key === '+' || event.key === '=') painter.current?.zoom(ZOOM_STEP);
    else if (event.key === '-') painter.current?.zoom(1 / ZOOM_STEP);
    else return;
    event.preventDefault();
  }

  return (
    <div className="overview">
      <div className="zoom-controls" role="group" aria-label="Zoom">
        <button type="button" aria-label="Zoom in" onClick={() => painter.current?.zoom(ZOOM_STEP)}>
          +
        </button>
        <button type="button" aria-label="Zoom out" onClick={() => painter.current?.zoom(1 / ZOOM_STEP)}>
          −
        </button>
        <button type="button" onClick={() => painter.current?.fit()}>
          Whole venue
        </button>
      </div>
      <canvas
        ref={canvasRef}
        className="overview-canvas"
        tabIndex={0}
        role="img"
        aria-label="Map of the venue: arrow keys pan, + and - zoom. Choose a section from the list below the map."
        onKeyDown={onKeyDown}
      />
    </div>
  );
}
