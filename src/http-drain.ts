/**
 * The HTTP side of a graceful shutdown. While draining, the server keeps
 * listening, so that probes and late requests get an answer (503) instead of a
 * refused connection; requests already in flight run to their end, on
 * connections that close after their response. Shutdown waits for them, and
 * at its deadline can say which were still open.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface OpenRequest {
  method: string;
  path: string;
  /** The GraphQL operation's name, once its body was read and if it had one. */
  operationName?: string;
  /** How long it has been in flight. */
  ms: number;
}

export interface HttpDrain {
  /** True from the start of the drain: readiness fails and new requests are refused with 503. */
  readonly draining: boolean;
  /** Counts a request as in flight until its response closes. */
  track(req: IncomingMessage, res: ServerResponse): void;
  /** Names the GraphQL operation a tracked request runs, for the deadline's report. */
  nameOperation(req: IncomingMessage, operationName: string | undefined): void;
  /** Starts draining; resolves once no tracked request is in flight. */
  drain(): Promise<void>;
  /** The requests in flight now. */
  open(): OpenRequest[];
  /** How many requests are in flight now. */
  readonly inFlight: number;
}

export function createHttpDrain(now: () => number = performance.now.bind(performance)): HttpDrain {
  const inFlight = new Map<IncomingMessage, { res: ServerResponse; method: string; path: string; operationName?: string; since: number }>();
  let draining = false;
  let drained: (() => void) | undefined;
  return {
    get draining() {
      return draining;
    },
    get inFlight() {
      return inFlight.size;
    },
    track(req, res) {
      inFlight.set(req, { res, method: req.method ?? 'GET', path: new URL(req.url ?? '/', 'http://localhost').pathname, since: now() });
      if (draining) closeAfterResponse(res);
      res.once('close', () => {
        inFlight.delete(req);
        if (draining && inFlight.size === 0) drained?.();
      });
    },
    nameOperation(req, operationName) {
      const request = inFlight.get(req);
      if (request && operationName) request.operationName = operationName;
    },
    drain() {
      draining = true;
      for (const { res } of inFlight.values()) closeAfterResponse(res);
      return new Promise((resolve) => (inFlight.size === 0 ? resolve() : (drained = resolve)));
    },
    open() {
      return [...inFlight.values()].map(({ res: _, since, ...request }) => ({ ...request, ms: Math.round(now() - since) }));
    },
  };
}

/** Once draining, a keep-alive connection is not kept: the client's next request goes to another server. */
function closeAfterResponse(res: ServerResponse): void {
  if (!res.headersSent) res.setHeader('connection', 'close');
}
