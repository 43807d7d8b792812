/** Files served from memory, gzipped once on first demand for clients that accept it: GraphiQL's and the web app's. */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

export interface StaticAsset {
  contentType: string;
  body: Buffer;
  /** Compressed on first demand, so servers that are never browsed never pay for it. */
  gzipped?: Promise<Buffer>;
}

const compress = promisify(gzip);

/** Cache-Control of a file whose URL changes with its content (a version or a hash in it): browsers keep it for good. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Sends `asset` (a GET's body; a HEAD's headers only) with `headers`, gzipped when the client accepts it. */
export function sendAsset(req: IncomingMessage, res: ServerResponse, asset: StaticAsset, status: number, headers: OutgoingHttpHeaders) {
  const send = (body: Buffer, encoding?: string) => {
    res.writeHead(status, { ...headers, 'content-type': asset.contentType, vary: 'accept-encoding', ...(encoding && { 'content-encoding': encoding }) });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  if (!/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) return send(asset.body);
  asset.gzipped ??= compress(asset.body);
  void asset.gzipped.then(
    (body) => send(body, 'gzip'),
    () => send(asset.body),
  );
}
