/**
 * The fan-out baseline: a bare `ws` server, configured as the API's
 * (no compression), that sends every line it reads on stdin to every client.
 * Prints {"port": n} once listening. Run by bench/fanout.ts in a process of
 * its own, as the API server is.
 */
import { createInterface } from 'node:readline';

import { WebSocketServer } from 'ws';

const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
server.on('listening', () => console.log(JSON.stringify({ port: (server.address() as { port: number }).port })));
createInterface({ input: process.stdin }).on('line', (line) => {
  for (const client of server.clients) client.send(line);
});
process.stdin.on('end', () => server.close(() => process.exit(0)));
