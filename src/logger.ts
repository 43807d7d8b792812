import { type Logger, pino } from 'pino';
import { PinoPretty } from 'pino-pretty';

import { requestIdMixin } from './request-id.js';

export type { Logger };

/**
 * One log event per line on stdout: JSON for log collectors and files, and,
 * when stdout is a terminal, the same events made readable for a person.
 * A line logged while serving a request carries its `requestId`.
 */
export function createLogger(level: string, options: { pretty?: boolean } = {}): Logger {
  const settings = { level, base: { service: 'ticketing-api' }, mixin: requestIdMixin };
  // Written in the background (what a line waits for goes out with the next write), not by a blocking write per
  // line: under load lines leave in batches, off the event loop; pino writes what is left when the process exits.
  if (!(options.pretty ?? process.stdout.isTTY)) return pino(settings, pino.destination({ dest: 1, sync: false }));
  // Synchronous, so that the last lines before an exit are on the screen.
  return pino(settings, PinoPretty({ sync: true, colorize: true, ignore: 'pid,hostname,service', translateTime: 'SYS:HH:MM:ss.l' }));
}
