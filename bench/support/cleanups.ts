import { undoOnInterrupt } from '../../src/command.js';

/** What a benchmark must undo, undone in reverse order, whatever fails. */
export class Cleanups {
  readonly #steps: (() => Promise<unknown>)[] = [];

  constructor() {
    // Ctrl-C undoes them too (runCommand waits for them): an embedded PostgreSQL runs in a session of its own and would outlive the benchmark.
    undoOnInterrupt(() => this.run());
  }

  add(step: () => Promise<unknown>): void {
    this.#steps.push(step);
  }

  async run(): Promise<void> {
    for (const step of this.#steps.reverse()) await step().catch((error: unknown) => console.error('clean-up failed:', error));
    this.#steps.length = 0;
  }
}
