/**
 * `npm start`: runs the API until SIGINT (Ctrl-C) or SIGTERM, then shuts down
 * gracefully, or at SHUTDOWN_TIMEOUT_MS exits with code 1, logging what was
 * still open. A second signal exits at once. A signal during start-up stops
 * the server as soon as it is up, so an embedded PostgreSQL is never left behind.
 */
import { DEMO_ACCOUNTS } from './accounts/demo-accounts.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { type RunningServer, startServer } from './server.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
}
const logger = createLogger(config.logLevel);
const deadlineMs = config.shutdownTimeoutMs;

let server: RunningServer | undefined;
let stopRequested: NodeJS.Signals | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopRequested) {
      logger.warn({ signal, ...server?.stillOpen() }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopRequested = signal;
    logger.info({ signal, deadlineMs }, server ? 'shutting down: draining requests' : 'shutting down once started');
    setTimeout(() => {
      logger.error({ deadlineMs, ...server?.stillOpen() }, 'shutdown overran SHUTDOWN_TIMEOUT_MS: exiting with work still open');
      process.exit(1);
    }, deadlineMs);
    if (server) void stop(server);
  });
}

server = await startServer(config, { logger }).catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else logger.fatal({ err: error }, 'could not start');
  process.exit(error instanceof ConfigError ? 2 : 1);
});
logger.info(
  // performance.now() counts from the start of the process, so startupMs includes loading the code.
  { url: `${server.url}/graphql`, startupMs: Math.round(performance.now()), database: config.databaseUrl ? 'external' : `embedded in ${config.dataDir}` },
  `ready: GraphQL at ${server.url}/graphql`,
);
if (!config.databaseUrl && config.seedDemo) {
  logger.info({ accounts: DEMO_ACCOUNTS.map(({ email, password, role }) => ({ email, password, role })) }, 'demo accounts (log in with logIn)');
}
if (stopRequested) await stop(server);

async function stop(running: RunningServer): Promise<never> {
  try {
    await running.stop();
    logger.info('stopped');
    process.exit(0);
  } catch (error) {
    logger.error({ err: error, ...running.stillOpen() }, 'shutdown failed');
    process.exit(1);
  }
}
