/**
 * Drag, pinch and click on an element, with pointer events (mouse, pen and touch alike): one pointer drags, or
 * clicks if it hardly moves; two pinch. Positions are CSS pixels in the element.
 */

/** A press that moves less than this many CSS pixels is a click. */
const CLICK_SLOP = 6;

export interface Gestures {
  pan(dx: number, dy: number): void;
  pinch(factor: number, px: number, py: number): void;
  click(px: number, py: number): void;
}

/** Listens until the returned function is called. */
export function listenToGestures(element: HTMLElement, gestures: Gestures): () => void {
  const pointers = new Map<number, { x: number; y: number }>();
  let travelled = 0;
  const at = (event: PointerEvent) => {
    const rect = element.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };
  const down = (event: PointerEvent) => {
    element.setPointerCapture(event.pointerId);
    pointers.set(event.pointerId, at(event));
    travelled = pointers.size === 1 ? 0 : Infinity; // a pinch is never a click
  };
  const move = (event: PointerEvent) => {
    const before = pointers.get(event.pointerId);
    if (!before) return;
    const now = at(event);
    if (pointers.size === 1) {
      travelled += Math.hypot(now.x - before.x, now.y - before.y);
      gestures.pan(now.x - before.x, now.y - before.y);
    } else if (pointers.size === 2) {
      const other = [...pointers].find(([id]) => id !== event.pointerId)![1];
      const factor = Math.hypot(now.x - other.x, now.y - other.y) / (Math.hypot(before.x - other.x, before.y - other.y) || 1);
      gestures.pinch(factor, (now.x + other.x) / 2, (now.y + other.y) / 2);
    }
    pointers.set(event.pointerId, now);
  };
  const up = (event: PointerEvent) => {
    if (!pointers.delete(event.pointerId)) return;
    if (pointers.size === 0 && travelled < CLICK_SLOP) gestures.click(at(event).x, at(event).y);
  };
  const cancel = (event: PointerEvent) => {
    pointers.delete(event.pointerId);
    travelled = Infinity;
  };
  const listeners = { pointerdown: down, pointermove: move, pointerup: up, pointercancel: cancel };
  for (const [type, listener] of Object.entries(listeners)) element.addEventListener(type, listener as EventListener);
  return () => {
    for (const [type, listener] of Object.entries(listeners)) element.removeEventListener(type, listener as EventListener);
  };
}
