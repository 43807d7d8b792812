/**
 * An event's seat map, loaded once and then followed live: `seatMapChanged` from the map's version, each delta
 * applied as it comes. On `resync` (the server no longer has every change since our version) the map is read
 * again and followed from its new version. A dropped socket is graphql-ws's to reconnect: it subscribes again
 * with the same `sinceVersion`, and the first delta then carries every change since (applying a change twice
 * is harmless; deltas at or below the map's version are skipped).
 */
import { useEffect, useState } from 'react';
import { type Client, useClient } from 'urql';

import { WebSeatPickerChangesDocument, WebSeatPickerMapDocument } from '../generated/graphql';
import { LiveSeatMap, type SeatMapData } from './live-seat-map';

/** How long to wait before reading the map again after its subscription or a reading failed. */
const RETRY_AFTER_MS = 2_000;

export type SeatMapState = { map: LiveSeatMap; error?: undefined } | { map?: undefined; error: string } | { map?: undefined; error?: undefined };

export function useLiveSeatMap(eventId: string): SeatMapState {
  const client = useClient();
  // Kept with the event it is of, so that another event's map is never shown for this one.
  const [state, setState] = useState<{ eventId: string; state: SeatMapState }>({ eventId, state: {} });

  useEffect(() => follow(client, eventId, (next) => setState({ eventId, state: next })), [client, eventId]);

  return state.eventId === eventId ? state.state : {};
}

/** Loads the map and follows it until the returned function is called. */
function follow(client: Client, eventId: string, setState: (state: SeatMapState) => void): () => void {
  let stopped = false;
  let map: LiveSeatMap | undefined;
  let subscription: { unsubscribe(): void } | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;

  async function load() {
    subscription?.unsubscribe();
    subscription = undefined;
    const result = await client.query(WebSeatPickerMapDocument, { eventId }, { requestPolicy: 'network-only' }).toPromise();
    if (stopped) return;
    const data = result.data?.seatMap;
    if (!data) {
      // A map on screen stays there, a little behind, until a reading succeeds.
      if (map) retry = setTimeout(() => void load(), RETRY_AFTER_MS);
      else setState({ error: result.error?.graphQLErrors[0]?.message ?? 'The seat map could not be loaded: reload the page to try again.' });
      return;
    }
    if (map && samePlaces(map, data)) map.reload(data);
    else setState({ map: (map = new LiveSeatMap(data)) });
    listen(map);
  }

  function listen(live: LiveSeatMap) {
    subscription = client.subscription(WebSeatPickerChangesDocument, { eventId, sinceVersion: live.version }).subscribe((result) => {
      const delta = result.data?.seatMapChanged;
      // An error ends the subscription (a dropped socket does not: graphql-ws retries it): start over, a moment later.
      if (result.error) return void (retry = setTimeout(() => void load(), RETRY_AFTER_MS));
      if (!delta) return;
      if (delta.resync) return void load();
      const start = performance.now();
      if (live.apply(delta)) {
        // For bench/web.ts: what applying a delta and scheduling its redraw cost.
        performance.measure('seat-map-delta', { start, end: performance.now(), detail: { changes: delta.changes.length } });
      }
    });
  }

  void load();
  return () => {
    stopped = true;
    clearTimeout(retry);
    subscription?.unsubscribe();
  };
}

/** The new map has the tickets this one has, section by section: only statuses and prices need taking in. */
function samePlaces(map: LiveSeatMap, data: SeatMapData): boolean {
  return (
    map.sections.length === data.sections.length &&
    data.sections.every(
      (entry, s) => entry.section.id === map.sections[s]!.id && entry.layout.ticketIds.every((id, i) => map.ticketIds[map.sections[s]!.start + i] === id),
    )
  );
}
