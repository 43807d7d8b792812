import { ConfigError } from './config.js';

/** A mistake on the command line: runCommand prints only its message (which should include the usage) and exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const interruptSteps = new Set<() => Promise<unknown>>();

/**
 * Has Ctrl-C (or SIGTERM) of a command run by runCommand wait for `undo` before the process exits:
 * for what exit hooks cannot undo, being asynchronous (dropping a database, stopping a child
 * process). Returns a function that takes it back.
 */
export function undoOnInterrupt(undo: () => Promise<unknown>): () => void {
  interruptSteps.add(undo);
  return () => void interruptSteps.delete(undo);
}

/**
 * Runs a command-line tool: what `main` resolves to is the exit code; a bad
 * setting prints only its message (exit 1), a UsageError too (exit 2),
 * anything else its stack (exit 1). Ctrl-C waits for what undoOnInterrupt
 * was given, then exits through process.exit, so that exit hooks run: an
 * embedded PostgreSQL the tool started (in a session of its own, see
 * db/embedded.ts) is stopped too. A second Ctrl-C exits at once.
 */
export function runCommand(main: () => Promise<number>): void {
  let interrupted = false;
  const interrupt = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    void Promise.allSettled([...interruptSteps].map(async (undo) => undo())).finally(() => process.exit(130));
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, interrupt);
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof ConfigError || error instanceof UsageError ? error.message : error);
      process.exitCode = error instanceof UsageError ? 2 : 1;
    },
  );
}
