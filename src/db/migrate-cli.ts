/** `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded PostgreSQL under DATA_DIR. */
import { ConfigError, loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { openDatabase } from './database.js';

try {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config, logger); // opening migrates
  await database.close();
  logger.info('migrations applied');
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(error instanceof ConfigError ? 2 : 1);
}
