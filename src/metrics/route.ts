/** GET /metrics: the Prometheus exposition, behind a bearer token when one is configured. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Logger } from '../logger.js';
import type { Metrics } from './metrics.js';

/** Answers a request to /metrics. */
export type MetricsRoute = (req: IncomingMessage, res: ServerResponse) => void;

/** The route; with `token`, a request without `authorization: Bearer <token>` is answered 401. */
export function metricsRoute(metrics: Metrics, token: string | undefined, logger: Logger): MetricsRoute {
  // Compared as digests, so that the comparison takes as long whatever the length of the guess.
  const expected = token === undefined ? undefined : digest(`Bearer ${token}`);
  return (req, res) => {
    if (expected && !timingSafeEqual(digest(req.headers.authorization ?? ''), expected)) {
      res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer realm="metrics"' });
      return void res.end('The metrics need authorization: Bearer <METRICS_TOKEN>.\n');
    }
    void metrics.exposition().then(
      ({ contentType, body }) => {
        res.writeHead(200, { 'content-type': contentType });
        res.end(body);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'could not collect the metrics');
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('The metrics could not be collected.\n');
      },
    );
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
