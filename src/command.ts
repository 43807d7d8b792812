import { ConfigError } from './config.js';

/**
 * Runs a command-line tool: what `main` resolves to is the exit code; a bad
 * setting prints only its message, anything else its stack. Ctrl-C exits
 * through process.exit, so that exit hooks run: an embedded PostgreSQL the
 * tool started (in a session of its own, see db/embedded.ts) is stopped too.
 */
export function runCommand(main: () => Promise<number>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof ConfigError ? error.message : error);
      process.exitCode = 1;
    },
  );
}
