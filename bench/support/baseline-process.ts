/**
 * A baseline server in a process of its own (as the API server is), started
 * from a script that prints {"port": n} once listening and exits when its
 * stdin ends: the bare `ws` broadcaster and the bare `http` server.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface BaselineProcess {
  port: number;
  pid: number;
  /** The child's stdin: the broadcaster sends each line written here to every client. */
  input: NodeJS.WritableStream;
  /** Ends its stdin and waits for it to exit. */
  stop(): Promise<void>;
}

export async function startBaselineProcess(script: URL): Promise<BaselineProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script.pathname], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  const { port } = JSON.parse(line) as { port: number };
  return {
    port,
    pid: child.pid!,
    input: child.stdin!,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.stdin!.end();
      await exited;
    },
  };
}
