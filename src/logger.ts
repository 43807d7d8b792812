import { type Logger, pino } from 'pino';
import { PinoPretty } from 'pino-pretty';

export type { Logger };

/**
 * One log event per line on stdout: JSON for log collectors and files, and,
 * when stdout is a terminal, the same events made readable for a person.
 */
export function createLogger(level: string, options: { pretty?: boolean } = {}): Logger {
  const settings = { level, base: { service: 'ticketing-api' } };
  if (!(options.pretty ?? process.stdout.isTTY)) return pino(settings);
  // Synchronous, so that the last lines before an exit are on the screen.
  return pino(settings, PinoPretty({ sync: true, colorize: true, ignore: 'pid,hostname,service', translateTime: 'SYS:HH:MM:ss.l' }));
}
