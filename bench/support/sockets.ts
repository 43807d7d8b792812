/**
 * Many WebSocket clients in one process, kept as light as a socket can be:
 * the benchmarks open thousands, so each is a `ws` socket and a callback, and
 * graphql-ws subscriptions speak the protocol's three messages by hand.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';

import WebSocket from 'ws';

/** Opens `count` sockets to `url`, `parallel` handshakes at a time; `onMessage(i, data)` hears socket i. */
export async function openSockets(
  url: string,
  count: number,
  onMessage: (index: number, data: Buffer) => void,
  options: { protocol?: string; parallel?: number; onOpen?: (socket: WebSocket, index: number) => Promise<void> } = {},
): Promise<WebSocket[]> {
  const sockets: WebSocket[] = new Array(count);
  let next = 0;
  const opener = async () => {
    while (next < count) {
      const index = next++;
      const socket = new WebSocket(url, options.protocol ? [options.protocol] : [], { perMessageDeflate: false });
      socket.on('error', () => {}); // a failed socket shows up as a subscriber that never caught up
      await once(socket, 'open');
      await options.onOpen?.(socket, index);
      socket.on('message', (data: Buffer) => onMessage(index, data));
      sockets[index] = socket;
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.parallel ?? 100, count) }, opener));
  return sockets;
}

/** What `onOpen` of `openSockets` does for a graphql-ws subscription: connection_init, its ack, then subscribe as "1". */
export function subscribeOnOpen(query: string, variables: Record<string, unknown>) {
  return async (socket: WebSocket) => {
    socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    const [ack] = (await once(socket, 'message')) as [Buffer];
    if (JSON.parse(ack.toString()).type !== 'connection_ack') throw new Error(`expected connection_ack, got ${ack.toString()}`);
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
  };
}

export async function closeSockets(sockets: readonly (WebSocket | undefined)[]): Promise<void> {
  await Promise.all(
    sockets.map(async (socket) => {
      if (!socket || socket.readyState === WebSocket.CLOSED) return;
      const closed = once(socket, 'close');
      socket.terminate();
      await closed;
    }),
  );
}

/**
 * The most files, sockets among them, a process of this machine may have
 * open (`ulimit -n`, which the API processes inherit): a server holding
 * more WebSockets than that drops connections. Infinity where /proc does not say.
 */
export function openFilesLimit(): number {
  let limits: string;
  try {
    limits = readFileSync('/proc/self/limits', 'utf8');
  } catch {
    return Infinity;
  }
  const soft = /^Max open files\s+(\S+)/m.exec(limits)?.[1];
  return soft && /^\d+$/.test(soft) ? Number(soft) : Infinity;
}
