import { ConfigError } from './config.js';

/**
 * Runs a command-line tool: what `main` resolves to is the exit code; a bad
 * setting prints only its message, anything else its stack.
 */
export function runCommand(main: () => Promise<number>): void {
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
