/** `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded PostgreSQL under DATA_DIR. */
import { runCommand } from '../command.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { openDatabase } from './database.js';

runCommand(async () => {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config, logger); // opening migrates
  await database.close();
  logger.info('migrations applied');
  return 0;
});
