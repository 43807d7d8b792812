/**
 * The address of the client behind a request. Behind load balancers every
 * connection comes from one of them, which would put all users under one
 * rate limit; each trusted proxy appends the address it received the request
 * from to X-Forwarded-For, so the client is that many entries from the right.
 * Entries further left are whatever the client claimed, and never trusted.
 */
import type { IncomingMessage } from 'node:http';

export function clientAddressOf(request: IncomingMessage, trustedProxies: number): string {
  const direct = request.socket.remoteAddress ?? 'unknown';
  if (trustedProxies === 0) return direct;
  const header = request.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [...forwarded, direct];
  return chain[Math.max(0, chain.length - 1 - trustedProxies)]!;
}
