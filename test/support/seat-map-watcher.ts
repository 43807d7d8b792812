/**
 * A seat-map client as an app would write one: it loads the map, subscribes
 * to `seatMapChanged` over a real graphql-ws socket and applies each delta.
 */
import { expect } from 'vitest';

import type { TestServer } from './server.js';
import { openSocket, type TestSocket } from './ws.js';

export const SEAT_MAP_CHANGED = `subscription ($eventId: ID!, $sinceVersion: Int) {
  seatMapChanged(eventId: $eventId, sinceVersion: $sinceVersion) {
    eventId previousVersion version resync
    changes { ticketId status price { amount currency } }
  }
}`;

const SEAT_MAP_STATUSES = `query ($eventId: ID!) {
  seatMap(eventId: $eventId) { version sections { tickets(first: 100) { edges { node { id status } } } } }
}`;

export interface Delta {
  eventId: string;
  previousVersion: number;
  version: number;
  resync: boolean;
  changes: { ticketId: string; status: string; price: { amount: number; currency: string } }[];
}

/** A seat map as a client holds it: its version and each ticket's status. */
export interface MapState {
  version: number;
  statuses: Map<string, string>;
}

/** The map as the server has it now (events of up to 100 tickets per section). */
export async function loadMap(server: Pick<TestServer, 'graphql'>, eventId: string): Promise<MapState> {
  const { data, errors } = await server.graphql(SEAT_MAP_STATUSES, { eventId });
  expect(errors).toBeUndefined();
  const statuses = new Map<string, string>();
  for (const section of data.seatMap.sections) for (const { node } of section.tickets.edges) statuses.set(node.id, node.status);
  return { version: data.seatMap.version, statuses };
}

export interface SeatMapWatcher {
  socket: TestSocket;
  /** Every delta received, in order. */
  deltas: Delta[];
  /** Errors the subscription ended with, if any. */
  errors: unknown[];
  /** The next delta not yet taken (waits for it). */
  take(): Promise<Delta>;
  /** Applies every delta received so far to `map`: each change overwrites its ticket's status. */
  apply(map: MapState): MapState;
  close(): Promise<void>;
}

/** Subscribes to the event's seat map over a new socket. */
export function watchSeatMap(
  baseUrl: string,
  variables: { eventId: string; sinceVersion?: number },
  options: { token?: string; query?: string } = {},
): SeatMapWatcher {
  const socket = openSocket(baseUrl, options.token);
  const deltas: Delta[] = [];
  const errors: unknown[] = [];
  let taken = 0;
  let arrived: (() => void) | undefined;
  socket.client.subscribe(
    { query: options.query ?? SEAT_MAP_CHANGED, variables },
    {
      next: (result) => {
        if (result.errors) errors.push(...result.errors);
        else deltas.push((result.data as { seatMapChanged: Delta }).seatMapChanged);
        arrived?.();
      },
      error: (error) => {
        errors.push(error);
        arrived?.();
      },
      complete: () => {},
    },
  );
  return {
    socket,
    deltas,
    errors,
    async take() {
      while (deltas.length === taken) {
        if (errors.length > 0) throw new Error(`the subscription failed: ${JSON.stringify(errors)}`);
        await new Promise<void>((resolve) => (arrived = resolve));
      }
      return deltas[taken++]!;
    },
    apply(map) {
      const statuses = new Map(map.statuses);
      let { version } = map;
      for (const delta of deltas) {
        if (delta.version <= version) continue;
        for (const change of delta.changes) statuses.set(change.ticketId, change.status);
        version = delta.version;
      }
      return { version, statuses };
    },
    async close() {
      await socket.client.dispose();
    },
  };
}
