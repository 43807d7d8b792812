/** `npm start`: runs the API until SIGINT or SIGTERM, then shuts down gracefully. */
import { DEMO_ACCOUNTS } from './accounts/demo-accounts.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startServer } from './server.js';

const startedAt = performance.now();
let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
}

const logger = createLogger(config.logLevel);
const server = await startServer(config, { logger }).catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else logger.fatal({ err: error }, 'could not start');
  process.exit(error instanceof ConfigError ? 2 : 1);
});
logger.info(
  { url: `${server.url}/graphql`, startupMs: Math.round(performance.now() - startedAt), database: config.databaseUrl ? 'external' : `embedded in ${config.dataDir}` },
  `ready: GraphQL at ${server.url}/graphql`,
);
if (!config.databaseUrl && config.seedDemo) {
  logger.info({ accounts: DEMO_ACCOUNTS.map(({ email, password, role }) => ({ email, password, role })) }, 'demo accounts (log in with logIn)');
}

let shuttingDown = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (shuttingDown) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    shuttingDown = true;
    logger.info({ signal }, 'shutting down: draining requests');
    server.stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
