/**
 * Whether PostgreSQL can be reached, as this process sees it.
 *
 * An error of the connection (not of a statement) means the database is
 * restarting, failing over or out of reach: `isDatabaseUnavailable` tells
 * them apart from every other error, in one place, and the API shows them as
 * SERVICE_UNAVAILABLE (src/errors.ts, src/format-error.ts).
 *
 * `watchDatabase` keeps the answer: a connection of its own asks `SELECT 1`
 * every second, and at once whenever a request meets a connection error
 * (background loops only retry, quietly). Found unreachable, the database is
 * marked unavailable (logged once, as a warning), requests are refused at once
 * with 503 instead of queueing for connections that cannot open, and it is
 * asked four times a second until it answers again (logged once more). The
 * pools reconnect by themselves at their next statement.
 */
import { DrizzleQueryError } from 'drizzle-orm/errors';
import postgres from 'postgres';

import type { Logger } from '../logger.js';

/** Codes postgres.js and Node give errors of a connection (rather than of a statement). */
const CONNECTION_ERROR_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that is going away or not there yet: admin_shutdown
 * (57P01, also a backend ended by pg_terminate_backend), crash_shutdown
 * (57P02), cannot_connect_now (57P03: starting up or shutting down), and the
 * connection exceptions of class 08.
 */
const UNAVAILABLE_SQLSTATE = /^(57P0[123]|08[0-9A-Z]{3})$/;

/**
 * True for an error of the database connection: the database was down,
 * restarting, or out of reach when the statement ran, not wrong about it.
 * Looks through the wrapping of GraphQL (originalError) and drizzle
 * (DrizzleQueryError's cause), but not through other causes: a `fetch` to the
 * search backend that failed with ECONNREFUSED, say, is not the database's.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 8; depth++) {
    const { code, errors } = current as { code?: unknown; errors?: unknown };
    if (typeof code === 'string' && (CONNECTION_ERROR_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
    // Node reports a failed connection to a name with several addresses as an AggregateError of the attempts.
    if (Array.isArray(errors) && errors.some(isDatabaseUnavailable)) return true;
    current = current instanceof DrizzleQueryError ? current.cause : (current as { originalError?: unknown }).originalError;
  }
  return false;
}

export interface DatabaseHealth {
  /** False from when the database is found unreachable until it answers again. */
  available(): boolean;
  /**
   * Tells of an error a statement failed with. A connection error has the
   * database checked at once; returns whether it was one.
   */
  report(error: unknown): boolean;
  /** Stops watching and closes the connection. */
  close(): Promise<void>;
}

export interface WatchOptions {
  url: string;
  logger: Logger;
  /** Between checks while the database answers. Default 1 s. */
  intervalMs?: number;
  /** Between checks while it does not. Default 250 ms. */
  downIntervalMs?: number;
  /** A check that has not connected by then has failed. Default 2 s. */
  timeoutMs?: number;
}

const SILENCE = Symbol('no answer');

export function watchDatabase({ url, logger, intervalMs = 1_000, downIntervalMs = 250, timeoutMs = 2_000 }: WatchOptions): DatabaseHealth {
  // One connection of its own, so that a check never queues behind requests: it fails or answers in timeoutMs.
  const sql = postgres(url, {
    max: 1,
    connect_timeout: Math.max(1, Math.ceil(timeoutMs / 1000)),
    idle_timeout: 0,
    max_lifetime: 0,
    backoff: () => 0, // the checks are paced here
    fetch_types: false,
    onnotice: () => {},
  });
  let available = true;
  let downSince = 0;
  let closed = false;
  let wake: (() => void) | undefined;

  /** Undefined when the database answered; else the connection error, or the silence, that says it is unreachable. */
  async function check(): Promise<unknown> {
    let failure: unknown;
    // A first connection error may be only this check's own connection, dead since the last check: a second try reconnects.
    for (let attempt = 0; attempt < 2; attempt++) {
      failure = await ask();
      // An error of the statement still shows a database that answers.
      if (failure === undefined || (failure !== SILENCE && !isDatabaseUnavailable(failure))) return undefined;
      if (failure === SILENCE) break;
    }
    if (failure !== SILENCE) return failure;
    // No answer at all from a connection that is open: a busy database, not a missing one, unless it was missing already.
    return available ? undefined : new Error(`no answer to SELECT 1 within ${timeoutMs} ms`);
  }

  async function ask(): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    const silence = new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs + 1_000, SILENCE)));
    try {
      return await Promise.race([
        sql`SELECT 1`.then(
          () => undefined,
          (error: unknown) => error,
        ),
        silence,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  const loop = (async () => {
    while (!closed) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, available ? intervalMs : downIntervalMs);
        timer.unref();
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
      if (closed) break;
      const failure = await check();
      if (failure !== undefined && available) {
        available = false;
        downSince = performance.now();
        logger.warn({ err: failure, checkEveryMs: downIntervalMs }, 'database unreachable');
      } else if (failure === undefined && !available) {
        available = true;
        logger.info({ unavailableMs: Math.round(performance.now() - downSince) }, 'database reachable again');
      }
    }
  })();

  return {
    available: () => available,
    report(error) {
      if (!isDatabaseUnavailable(error)) return false;
      if (available) wake?.();
      return true;
    },
    async close() {
      closed = true;
      wake?.();
      await loop;
      await sql.end({ timeout: 1 });
    },
  };
}
